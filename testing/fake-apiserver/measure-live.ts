/**
 * Times a live snapshot of a large generated cluster over the fake API server, which runs in its own
 * process so that serving and reading do not share a CPU:
 *
 *   node --import tsx testing/fake-apiserver/measure-live.ts [--pods 10000] [--runs 3] [--page-size 500] [--no-gzip]
 *
 * Prints, per run: wall time, the reader's CPU time (what the load costs this process, less sensitive to
 * other work on the machine), requests sent, pods read, and the process's peak RSS.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { apiClientFor } from "../../server/sources/kubeconfig";
import { readLiveSnapshot } from "../../server/sources/live";

const { values } = parseArgs({ options: { "no-gzip": { type: "boolean" }, pods: { type: "string", default: "10000" }, runs: { type: "string", default: "3" }, "page-size": { type: "string", default: "500" } } });
const here = path.dirname(new URL(import.meta.url).pathname);
const dir = mkdtempSync(path.join(os.tmpdir(), "clearance-measure-"));
const kubeconfig = path.join(dir, "kubeconfig");
const child = spawn(process.execPath, ["--import", "tsx", path.join(here, "main.ts"), "--generate-pods", values.pods, "--realistic", "--token", "t", "--kubeconfig-out", kubeconfig, ...(values["no-gzip"] ? ["--no-gzip"] : [])], {
  stdio: ["ignore", "pipe", "inherit"],
});

async function main(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("kubeconfig ")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`fake API server exited (${code})`)));
  });
  const env = { KUBECONFIG: kubeconfig, HOME: dir };
  const base = apiClientFor("fake", env);
  console.log(`pods=${values.pods} pageSize=${values["page-size"]} gzip=${!values["no-gzip"]} (fake API server in a separate process)`);
  for (let run = 1; run <= Number(values.runs); run++) {
    let requests = 0;
    const client = { ...base, get: (...a: Parameters<typeof base.get>) => (requests++, base.get(...a)) };
    const t = performance.now();
    const cpu = process.cpuUsage();
    const s = await readLiveSnapshot(client, { env, pageSize: Number(values["page-size"]) });
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const rss = process.resourceUsage().maxRSS / 1024;
    console.log(`run ${run}: ${ms.toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU (reader), ${requests} requests, ${s.pods.length} pods, ${s.namespaces.length} namespaces, peak RSS ${rss.toFixed(0)} MB`);
  }
}

main()
  .catch((e: Error) => {
    console.error(e.message);
    process.exitCode = 1;
  })
  .finally(() => {
    child.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  });
