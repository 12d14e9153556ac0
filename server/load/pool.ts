/**
 * Loads run in worker threads (worker.ts), one per load: reading, parsing, normalizing and checking a
 * source never blocks the thread that answers requests. A load is cancelled by telling its worker,
 * and ended for good by terminating it (even in the middle of parsing). Each worker has its own
 * memory limit (CLEARANCE_LOAD_MEMORY_MB): input that would need more ends that load with an error,
 * not the process.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";
import { ClearanceError, type ErrorCode } from "../../lib/errors";
import { trackable } from "../../lib/analysis/memo";
import { seedFindingsRun } from "../../lib/findings/scan";
import type { ClusterSnapshot } from "../../lib/model";
import type { LiveProgress } from "../sources/live";
import type { FromWorker, LoadRequest, ToWorker } from "./protocol";

export interface WorkerLoadOptions {
  onProgress?: (p: LiveProgress) => void;
  signal?: AbortSignal;
}

/** After a cancel, how long a worker may take to stop by itself before it is terminated. */
const CANCEL_GRACE_MS = 1000;

export function loadMemoryMb(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const n = Number(env.CLEARANCE_LOAD_MEMORY_MB);
  return Number.isFinite(n) && n >= 64 ? n : 4096;
}

function typeScriptWorker(entry: URL, options: WorkerOptions): Worker {
  // tsx's ESM API (a worker does not take `--import tsx`): register its hooks, then import the entry.
  const tsx = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/esm/api/index.mjs")).href;
  const boot = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { ...options, eval: true, execArgv: ["--conditions=react-server"] });
}

function describe(req: LoadRequest): string {
  return req.type === "live" ? `context "${req.context}"` : req.type === "files" ? req.paths.join(", ") : "the demo";
}

/** Reads the source `req` describes in a worker; the snapshot arrives with its checks already run. */
export function loadInWorker(req: LoadRequest, opts: WorkerLoadOptions = {}): Promise<ClusterSnapshot> {
  const memoryMb = loadMemoryMb();
  const options = { workerData: req, resourceLimits: { maxOldGenerationSizeMb: memoryMb } };
  // Inside Next.js (NEXT_RUNTIME is set) the bundler builds worker.ts: the literal `new URL` below is
  // what it follows. Under tsx or vitest the worker registers tsx before importing worker.ts. (The
  // bundled code keeps the source's import.meta.url, so its extension cannot tell the two apart.)
  const entry = new URL("./worker.ts", import.meta.url);
  const worker = process.env.NEXT_RUNTIME ? new Worker(new URL("./worker.ts", import.meta.url), options) : typeScriptWorker(entry, options);
  return new Promise<ClusterSnapshot>((resolve, reject) => {
    let settled = false;
    let killer: ReturnType<typeof setTimeout> | undefined;
    const settle = (e: ClearanceError | null, snapshot?: ClusterSnapshot) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener("abort", onAbort);
      clearTimeout(killer);
      if (e) {
        void worker.terminate();
        reject(e);
      } else resolve(snapshot!);
    };
    const onAbort = () => {
      worker.postMessage({ type: "cancel" } satisfies ToWorker);
      killer = setTimeout(() => settle(new ClearanceError("cancelled", `reading ${describe(req)} was cancelled`)), CANCEL_GRACE_MS);
    };
    if (opts.signal?.aborted) onAbort();
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    worker.on("message", (m: FromWorker) => {
      if (m.type === "progress") opts.onProgress?.(m.progress);
      else if (m.type === "error") settle(new ClearanceError(m.code as ErrorCode, m.message));
      else {
        seedFindingsRun(m.snapshot, m.run);
        // after the seed (which read nothing here, so it stays never-reused): what the dashboard computes
        // on this snapshot records what it read, so a draft over it reuses what the draft leaves alone
        trackable(m.snapshot);
        settle(null, m.snapshot);
      }
    });
    worker.on("error", (e: Error & { code?: string }) => {
      if (e.code === "ERR_WORKER_OUT_OF_MEMORY") {
        settle(new ClearanceError("limit_exceeded", `reading ${describe(req)} needed more than ${memoryMb} MB of memory (CLEARANCE_LOAD_MEMORY_MB=${memoryMb}); the load was stopped`));
      } else settle(new ClearanceError("internal", `reading ${describe(req)} failed: ${e.message}`));
    });
    worker.on("exit", (code) => settle(new ClearanceError("internal", `reading ${describe(req)} stopped unexpectedly (worker exit ${code})`)));
  });
}
