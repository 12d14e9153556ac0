/**
 * The e2e server: stand-in API servers for the live contexts, a kubeconfig pointing at them, a
 * snapshot directory as a second source, then the production build (`next start`) on loopback.
 * Run by Playwright's webServer; everything stops when it is killed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startLiveFixtures } from "./live-fixtures";

const port = process.env.E2E_PORT ?? "3210";
const root = path.resolve(import.meta.dirname, "../..");
const home = mkdtempSync(path.join(tmpdir(), "clearance-e2e-home-"));
const children: ChildProcess[] = [];

async function main() {
  const live = await startLiveFixtures(home);
  const env = {
    ...process.env,
    HOME: home,
    KUBECONFIG: live.kubeconfig,
    CLEARANCE_SNAPSHOTS: `staging=${path.join(root, "e2e/fixtures/staging")}`,
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
