/**
 * npm run bench -- [--size S|M|L|XL] [--runs N] [--file PATH] ... (see scripts/bench/run.ts)
 * npm run bench -- --browser [--size L] — first screens of the production build in headless Chromium (scripts/bench/browser.ts)
 *
 * Memory is measured best with --expose-gc and a known heap limit. So this entry re-runs itself once as
 *   node --expose-gc --max-old-space-size=… --import tsx/esm scripts/bench.ts …
 * and the child does the work (nothing here imports server code before that).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const CHILD = "CLEARANCE_BENCH_CHILD";

function heapMb(argv: string[]): number {
  const i = argv.findIndex((a) => a === "--size" || a.startsWith("--size="));
  const size = (i < 0 ? "L" : argv[i].includes("=") ? argv[i].split("=")[1] : (argv[i + 1] ?? "L")).toUpperCase();
  return size === "XL" ? 20_480 : 8_192;
}

if (process.argv.includes("--browser")) {
  // the browser journey needs no react-server condition: it drives the production build over HTTP
  const { browserBench } = await import("./bench/browser");
  process.exitCode = await browserBench(process.argv.slice(2));
} else if (process.env[CHILD] === "1") {
  const { main } = await import("./bench/run");
  process.exitCode = await main(process.argv.slice(2));
} else {
  const argv = process.argv.slice(2);
  const tsx = import.meta.resolve("tsx/esm");
  const flags = ["--expose-gc", `--max-old-space-size=${heapMb(argv)}`, "--import", tsx];
  const r = spawnSync(process.execPath, [...flags, fileURLToPath(import.meta.url), ...argv], {
    stdio: "inherit",
    env: { ...process.env, [CHILD]: "1" },
  });
  process.exitCode = r.status ?? 1;
}
