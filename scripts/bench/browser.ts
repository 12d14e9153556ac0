/**
 * `npm run bench -- --browser [--size S|M|L] [--port N]`: the first screens of the dashboard timed in
 * headless Chromium against the production build (run `npm run build` first), on a generated cluster —
 * the same journey and timings as e2e/large.spec.ts (e2e/support/large-journey.ts). Starts
 * `next start` on loopback (port 3440 by default) with the cluster as the only snapshot source, and
 * stops it at the end.
 */
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { largeJourney, timingTable, waitForSource } from "../../e2e/support/large-journey";
import { DEFAULT_SEED, isSizeName } from "../../lib/synth";
import { scriptArgs } from "../cli-args";
import { defaultClusterPath, writeClusterFile } from "./write-cluster";

const USAGE = "usage: npm run bench -- --browser [--size S|M|L] [--port N] [--json PATH]";

export async function browserBench(argv: string[]): Promise<number> {
  const values = scriptArgs(argv, { browser: { type: "boolean", default: true }, size: { type: "string", default: "L" }, port: { type: "string", default: process.env.BENCH_PORT ?? "3440" }, json: { type: "string" } }, USAGE);
  if (typeof values === "number") return values;
  const size = values.size.toUpperCase();
  if (!isSizeName(size) || size === "XL") {
    console.error(`bad --size (S, M or L)\n${USAGE}`);
    return 2;
  }
  const root = fileURLToPath(new URL("../..", import.meta.url));
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.error("no production build: run `npm run build` first");
    return 2;
  }
  const file = defaultClusterPath(size, 0);
  if (!existsSync(file)) {
    process.stdout.write(`generating ${file} ... `);
    const w = writeClusterFile(file, size, { seed: DEFAULT_SEED, indent: 0 });
    console.log(`${Math.round(w.bytes / 1048576)} MB in ${(w.ms / 1000).toFixed(1)} s`);
  }
  const base = `http://127.0.0.1:${values.port}`;
  const server = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", values.port], {
    cwd: root,
    env: { ...process.env, CLEARANCE_SNAPSHOTS: `bench=${path.resolve(file)}`, CLEARANCE_DEFAULT_SOURCE: "snap-bench", CLEARANCE_AUDIT_LOG: "off", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
  };
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
  try {
    const api = async <T>(p: string): Promise<T> => {
      for (let i = 0; ; i++) {
        try {
          const r = await fetch(`${base}${p}`);
          if (!r.ok) throw new Error(`${p}: HTTP ${r.status}`);
          return (await r.json()) as T;
        } catch (e) {
          if (i > 120 || !String(e).includes("fetch failed")) throw e;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    };
    const readMs = await waitForSource(api, "snap-bench", 600_000);
    const t = Date.now();
    await api("/api/c/snap-bench/posture");
    await api("/api/c/snap-bench/network/groups");
    const warmMs = Date.now() - t;
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const timings = await largeJourney(page, { base, source: "snap-bench", api });
    console.log(`cluster ${size}: read in ${readMs} ms (status ready), analyses warmed in ${warmMs} ms; first screens in headless Chromium:\n${timingTable(timings)}`);
    if (values.json) writeFileSync(values.json, JSON.stringify({ size, readMs, warmMs, timings }, null, 2) + "\n");
    return 0;
  } finally {
    await browser.close();
    stop();
  }
}
