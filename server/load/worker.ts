/**
 * A load worker: reads one source (files, the demo or a live cluster), parses and normalizes it, and
 * runs every area's checks, in its own thread, then hands the snapshot and the checks' results to
 * the main thread (pool.ts). The main thread keeps answering other requests and serving static
 * assets meanwhile, whatever the source does: a 30 MB YAML file, 50,000 pods or a hostile server.
 */
import { parentPort, workerData } from "node:worker_threads";
import { isClearanceError } from "../../lib/errors";
import { findingsRunOf } from "../../lib/findings/scan";
import type { ClusterSnapshot } from "../../lib/model";
import { applySourceSettings } from "../source-settings";
import type { FromWorker, LoadRequest, ToWorker } from "./protocol";

const port = parentPort;
const request = workerData as LoadRequest;
const cancel = new AbortController();
const send = (m: FromWorker) => port?.postMessage(m);

port?.on("message", (m: ToWorker) => {
  if (m.type === "cancel") cancel.abort();
});

async function load(req: LoadRequest): Promise<ClusterSnapshot> {
  // Imported on demand: the live source brings client-node, which a file load does not need.
  if (req.type === "demo") return (await import("../sources/demo")).loadDemo(req.variant);
  if (req.type === "files") return (await import("../sources/files")).loadFiles(req.paths, { source: req.source });
  const { loadLive } = await import("../sources/live");
  return loadLive(req.context, { signal: cancel.signal, onProgress: (progress) => send({ type: "progress", progress }) });
}

load(request)
  .then((snapshot) => applySourceSettings(snapshot, request.settings ?? {}))
  .then((snapshot) => send({ type: "done", snapshot, run: findingsRunOf(snapshot) }))
  .catch((e: unknown) => {
    if (isClearanceError(e)) return send({ type: "error", code: e.code, message: e.message });
    process.stderr.write(`clearance: load worker: ${(e as Error)?.stack ?? String(e)}\n`);
    send({ type: "error", code: "internal", message: (e as Error)?.message ?? String(e) });
  })
  .finally(() => port?.close());
