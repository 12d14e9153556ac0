/**
 * The e2e server: stand-in API servers for the live contexts, a kubeconfig pointing at them, a
 * snapshot directory as a second source, a generated L cluster (10,000 pods in 1,000 namespaces,
 * written to a temporary directory, never committed; only when E2E_LARGE=1) as a third, then the
 * production build (`next start`) on loopback. Run by Playwright's webServer; everything stops when
 * it is killed.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEFAULT_SEED } from "../../lib/synth";
import { writeClusterFile } from "../../scripts/bench/write-cluster";
import { startLiveFixtures } from "./live-fixtures";

const port = process.env.E2E_PORT ?? "3210";
const root = path.resolve(import.meta.dirname, "../..");
const home = mkdtempSync(path.join(tmpdir(), "clearance-e2e-home-"));
const children: ChildProcess[] = [];

async function main() {
  // The demo's audit log is generated, not committed: make sure it is there (quick when up to date).
  const gen = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "scripts/demo-audit.ts")], { cwd: root, stdio: "inherit" });
  if (gen.status !== 0) throw new Error("npm run demo:audit failed");
  const live = await startLiveFixtures(home);
  const snapshots = [`staging=${path.join(root, "e2e/fixtures/staging")}`];
  if (process.env.E2E_LARGE === "1") {
    const file = path.join(home, "large", "cluster-L.json");
    const w = writeClusterFile(file, "L", { indent: 0, seed: DEFAULT_SEED });
    process.stderr.write(`e2e: generated the L cluster (${Math.round(w.bytes / 1048576)} MB) in ${(w.ms / 1000).toFixed(1)} s\n`);
    snapshots.push(`large=${file}`);
  }
  const env = {
    ...process.env,
    HOME: home,
    KUBECONFIG: live.kubeconfig,
    CLEARANCE_SNAPSHOTS: snapshots.join(","),
    CLEARANCE_DEFAULT_SOURCE: "demo",
    CLEARANCE_DATA_DIR: path.join(home, "data"),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const next = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", port], { cwd: root, env, stdio: "inherit" });
  children.push(next);
  next.on("exit", (code) => shutdown(code ?? 1, live.close));
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => shutdown(0, live.close));
}

let stopping = false;
function shutdown(code: number, close: () => Promise<void>) {
  if (stopping) return;
  stopping = true;
  for (const c of children) c.kill("SIGTERM");
  close()
    .catch(() => {})
    .finally(() => {
      rmSync(home, { recursive: true, force: true });
      process.exit(code);
    });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
