#!/usr/bin/env node
/**
 * npm run bench:cli -- [--bin PATH] [--base PATH] [--runs N] [--file PATH] [--xl PATH] [--json PATH] [--alloc-prof FILE]
 *
 * The CLI as users run it, one process per call: start-up, a query on the demo, and a scan of a large
 * cluster against the cheapest possible reader of the same file (`JSON.parse(readFileSync(F))`).
 *   --bin   the `clearance` to measure: an installed one (e.g. $(npm prefix -g)/bin/clearance) or, by
 *           default, this checkout's dist/cli/clearance.mjs (built with `npm run package:build` first;
 *           a checkout reads the demo's YAML, only an installed package its cached snapshot, so
 *           who-can on the demo is measured as users see it with --bin)
 *   --base  another `clearance` (e.g. an install of main) whose scan is measured in the same rounds,
 *           to compare a change on a machine whose load moves: each round runs the parse, the base's
 *           scan and this scan one after the other, and the medians of both are printed
 *   --runs  runs per command (default 10 for the quick ones, a third of that, at least 3, for scans)
 *   --file  the cluster to scan (default bench-data/cluster-L.json, made by `npm run gen -- --size L`)
 *   --xl    also scan this cluster once and report its peak memory (e.g. a directory from
 *           `npm run gen -- --size XL --split 256`)
 *   --alloc-prof  one more scan of --file, sampling every allocation (collected objects included:
 *           what the garbage collector has to deal with), written to FILE (.heapprofile, for the
 *           Memory tab of Chrome's DevTools) and summed per function: the 15 allocating most
 * Each Node process reports its own CPU time and peak RSS (process.resourceUsage(), preloaded
 * through NODE_OPTIONS); wall time is measured here. Times are medians, with the minimum in brackets. `--bin bin/clearance` measures the sources run
 * through tsx, for comparison. Targets (issue 12): --help < 150 ms, who-can on the demo
 * < 300 ms, scan ≤ 10× the parse, XL peak < 2 GB.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const root = fileURLToPath(new URL("../..", import.meta.url));
const { values } = parseArgs({
  options: { bin: { type: "string" }, base: { type: "string" }, runs: { type: "string", default: "10" }, file: { type: "string" }, xl: { type: "string" }, json: { type: "string" }, "alloc-prof": { type: "string" } },
});
const runs = Number(values.runs);
const bin = realpathSync(values.bin ?? path.join(root, "dist", "cli", "clearance.mjs"));
const file = path.resolve(values.file ?? path.join(root, "bench-data", "cluster-L.json"));
if (!existsSync(bin)) throw new Error(`no CLI at ${bin}: run "npm run package:build" first, or give --bin`);
const base = values.base === undefined ? undefined : realpathSync(values.base);
if (!existsSync(file)) {
  process.stderr.write(`generating ${file} (npm run gen -- --size L)\n`);
  const g = spawnSync("npm", ["run", "gen", "--", "--size", "L", "--out", file], { cwd: root, stdio: "inherit" });
  if (g.status !== 0) process.exit(g.status ?? 1);
}

// Reported by each Node process itself as it exits (preloaded through NODE_OPTIONS, so a shell
// wrapper such as bin/clearance is measured too): CPU (user + system) and peak RSS.
const hook = path.join(mkdtempSync(path.join(tmpdir(), "clearance-bench-")), "hook.mjs");
writeFileSync(hook, 'process.on("exit", () => { const u = process.resourceUsage(); process.stderr.write(`\\n__bench ${JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssMb: u.maxRSS / 1024 })}\\n`); });\n');

// --alloc-prof: the V8 sampling heap profiler, started before the CLI loads and stopped as it exits
// (an in-process inspector session answers synchronously, so the profile is written in the exit handler)
const allocHook = path.join(path.dirname(hook), "alloc.mjs");
writeFileSync(
  allocHook,
  'import { Session } from "node:inspector"; import { writeFileSync } from "node:fs";\n' +
    "const s = new Session(); s.connect(); s.post(\"HeapProfiler.enable\");\n" +
    "s.post(\"HeapProfiler.startSampling\", { samplingInterval: 32768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });\n" +
    'process.on("exit", () => s.post("HeapProfiler.stopSampling", (e, r) => { if (!e) writeFileSync(process.env.CLEARANCE_ALLOC_PROF, JSON.stringify(r.profile)); }));\n',
);

/** `bin` may be a .mjs (run with this Node) or any executable (the repository's bin/clearance). */
const command = (target, args) => (/\.[cm]?js$/.test(target) ? [process.execPath, [target, ...args]] : [target, args]);

function once([cmd, args], allocProf) {
  const t = performance.now();
  const imports = [hook, ...(allocProf ? [allocHook] : [])].map((h) => `--import=${pathToFileURL(h).href}`).join(" ");
  const env = { ...process.env, CLEARANCE_ROOT: "", NODE_OPTIONS: imports, ...(allocProf ? { CLEARANCE_ALLOC_PROF: allocProf } : {}) };
  const r = spawnSync(cmd, args, { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", maxBuffer: 64 << 20, env });
  const wallMs = performance.now() - t;
  const m = /__bench (\{.*\})/.exec(r.stderr ?? "");
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${(r.stderr ?? "").slice(0, 500)}`);
  return { wallMs, ...(m ? JSON.parse(m[1]) : {}) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(name, cmd, n) {
  return summary(name, Array.from({ length: n }, () => (process.stderr.write("."), once(cmd))));
}

/** `n` rounds of one run of each command in turn: what is compared sees the same load. */
function interleaved(named, n) {
  const samples = named.map(() => []);
  for (let i = 0; i < n; i++) named.forEach(([, cmd], j) => (process.stderr.write("."), samples[j].push(once(cmd))));
  return named.map(([name], j) => summary(name, samples[j]));
}

/** Medians (what the targets are checked on) and minima (the machine's least loaded moment: it is shared). */
function summary(name, samples) {
  const n = samples.length;
  const wall = samples.map((s) => s.wallMs);
  const cpu = samples.map((s) => s.cpuMs);
  return { name, runs: n, wallMs: median(wall), cpuMs: median(cpu), minWallMs: Math.min(...wall), minCpuMs: Math.min(...cpu), maxRssMb: Math.max(...samples.map((s) => s.maxRssMb)) };
}

const scanRuns = Math.max(3, Math.round(runs / 3));
const results = [
  measure("node (empty script)", [process.execPath, ["-e", "0"]], runs),
  measure("clearance --help", command(bin, ["--help"]), runs),
  measure("clearance who-can get secrets -n payments --demo", command(bin, ["who-can", "get", "secrets", "-n", "payments", "--demo"]), runs),
  ...interleaved(
    [
      [`JSON.parse(readFileSync(${path.basename(file)}))`, [process.execPath, ["-e", `JSON.parse(require("fs").readFileSync(${JSON.stringify(file)}))`]]],
      ...(base ? [[`base: clearance scan --snapshot ${path.basename(file)} --format json`, command(base, ["scan", "--snapshot", file, "--format", "json"])]] : []),
      [`clearance scan --snapshot ${path.basename(file)} --format json`, command(bin, ["scan", "--snapshot", file, "--format", "json"])],
    ],
    scanRuns,
  ),
];
if (values.xl) results.push(measure(`clearance scan --snapshot ${path.basename(values.xl)} --format json (XL)`, command(bin, ["scan", "--snapshot", path.resolve(values.xl), "--format", "json"]), 1));
process.stderr.write("\n");

const by = (prefix) => results.find((r) => r.name.startsWith(prefix));
const parse = by("JSON.parse");
const scan = by("clearance scan");
const targets = [
  ["--help wall", by("clearance --help").wallMs, "< 150 ms", by("clearance --help").wallMs < 150],
  ["who-can on the demo wall", by("clearance who-can").wallMs, "< 300 ms", by("clearance who-can").wallMs < 300],
  ["scan / parse (wall)", scan.wallMs / parse.wallMs, "≤ 10×", scan.wallMs / parse.wallMs <= 10],
  ["scan / parse (CPU)", scan.cpuMs / parse.cpuMs, "≤ 10×", scan.cpuMs / parse.cpuMs <= 10],
];
const baseScan = by("base: ");
if (baseScan) targets.push(["base scan / parse (CPU)", baseScan.cpuMs / parse.cpuMs, "≤ 10×", baseScan.cpuMs / parse.cpuMs <= 10]);
const xl = results.find((r) => r.name.endsWith("(XL)"));
if (xl) targets.push(["XL scan peak RSS (MB)", xl.maxRssMb, "< 2048", xl.maxRssMb < 2048]);

const fmt = (n) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
console.log(`\n${bin}${base ? `, base ${base}` : ""} (load average ${os.loadavg().map((l) => l.toFixed(1)).join(", ")} on ${os.cpus().length} CPUs)\n`);
console.log(["command".padEnd(64), "runs", "wall ms (min)", "CPU ms (min)", "peak RSS MB"].join("  "));
const withMin = (median, min, width) => `${fmt(median)} (${fmt(min)})`.padStart(width);
for (const r of results) console.log([r.name.padEnd(64), String(r.runs).padStart(4), withMin(r.wallMs, r.minWallMs, 13), withMin(r.cpuMs, r.minCpuMs, 12), fmt(r.maxRssMb).padStart(11)].join("  "));
console.log(`\n${["target".padEnd(28), "value".padStart(8), "goal".padEnd(9), ""].join("  ")}`);
for (const [name, v, goal, ok] of targets) console.log([name.padEnd(28), fmt(v).padStart(8), goal.padEnd(9), ok ? "ok" : "MISSED"].join("  "));
if (values.json) writeFileSync(values.json, JSON.stringify({ bin, file, results, targets }, null, 2));

if (values["alloc-prof"]) {
  const out = path.resolve(values["alloc-prof"]);
  once(command(bin, ["scan", "--snapshot", file, "--format", "json"]), out);
  const self = new Map();
  let total = 0;
  const visit = (n) => {
    const f = n.callFrame;
    const k = `${f.functionName || "(anonymous)"} ${f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : "(native)"}`;
    self.set(k, (self.get(k) ?? 0) + n.selfSize);
    total += n.selfSize;
    for (const c of n.children) visit(c);
  };
  visit(JSON.parse(readFileSync(out, "utf8")).head);
  const mb = (b) => (b / 1048576).toFixed(1).padStart(8);
  console.log(`\nallocated during a scan of ${path.basename(file)}: ${mb(total).trim()} MB sampled (${out}); most by (self):`);
  for (const [k, b] of [...self].sort((x, y) => y[1] - x[1]).slice(0, 15)) console.log(`${mb(b)} MB  ${k}`);
}
