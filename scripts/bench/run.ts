/**
 * The benchmark proper (scripts/bench.ts starts it with the right Node flags): make sure the cluster
 * file exists, run every stage in-process several times, print medians, memory and the targets.
 */
import { existsSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { scriptArgs } from "../cli-args";
import { emptySnapshot } from "../../lib/model";
import { DEFAULT_SEED, Rng, isSizeName } from "../../lib/synth";
import { RssSampler, collectGarbage, latency, median } from "./measure";
import { stageTable, targetTable } from "./report";
import { auditStage } from "./audit";
import { loadPlugins, modelStages, type BenchContext, type BenchStage } from "./stages";
import { evaluateTargets, type StageResult } from "./targets";
import { clusterBytes, defaultClusterPath, formatBytes, writeClusterFile } from "./write-cluster";

/** Part size for XL, which is always written split. */
const XL_PART_BYTES = 256 * 1024 * 1024;

export const USAGE = `usage: npm run bench -- [--size S|M|L|XL] [--runs N] [--file PATH] [--seed N] [--compact]
                       [--warmup N] [--only REGEX] [--json PATH]
  --size     cluster to generate when --file is not given (default L); generated into bench-data/ if missing
             (XL as a directory of 256 MB Lists; expect minutes and several GB of memory)
  --runs     measured runs per stage (default 5); --warmup N unmeasured runs first (default 0)
  --file     measure this file instead (any file or directory the file source reads)
  --compact  generate/measure compact JSON (as the API server sends) instead of kubectl's indented output
  --only     run only stages whose name matches (the baselines and load+normalize always run);
             --only audit runs the audit-log stage alone: about 1 GB of gzip'd audit log over the
             cluster, generated into bench-data/audit-<cluster>/ on first use (minutes), read in a
             child process (events per second, peak memory)
  --clock    cpu (default) or wall: which time the ratios and targets use. CPU time (all threads of
             the process) is what a shared, busy machine disturbs least
  --json     also write the results as JSON
  --live     instead: a watched live source on the stand-in API server, event-to-findings latency and
             CPU per event (scripts/bench/live.ts; --size, --events N)`;

const mb = (n: number) => Math.round(n / 1048576);

async function measureStage(stage: BenchStage, ctx: BenchContext, runs: number, warmup: number, sampler: RssSampler): Promise<StageResult> {
  const times: number[] = [];
  const cpu: number[] = [];
  const metrics: Record<string, number[]> = {};
  let peak = 0;
  let retained: number | undefined;
  const result: StageResult = { name: stage.name, area: stage.area, ...(stage.budget ? { budget: stage.budget } : {}), runs, medianMs: NaN, minMs: NaN, cpuMs: NaN, metrics: {} };
  try {
    await stage.setup?.(ctx);
    for (let i = 0; i < warmup + runs; i++) {
      stage.beforeEach?.(ctx);
      const hasGc = collectGarbage();
      const heapBefore = process.memoryUsage().heapUsed;
      sampler.reset();
      const c = process.cpuUsage();
      const t = performance.now();
      const m = await stage.run(ctx);
      const elapsed = performance.now() - t;
      const used = process.cpuUsage(c);
      peak = Math.max(peak, sampler.peakMb());
      if (hasGc && collectGarbage()) retained = Math.max(retained ?? 0, mb(process.memoryUsage().heapUsed - heapBefore));
      if (i < warmup) continue;
      times.push(elapsed);
      cpu.push((used.user + used.system) / 1000);
      for (const [k, v] of Object.entries(m ?? {})) if (typeof v === "number") (metrics[k] ??= []).push(v);
      process.stderr.write(".");
    }
    stage.teardown?.(ctx);
  } catch (e) {
    result.error = (e as Error).message.split("\n")[0];
    return result;
  }
  result.medianMs = median(times);
  result.minMs = Math.min(...times);
  result.cpuMs = median(cpu);
  result.peakRssMb = peak;
  if (retained !== undefined) result.retainedMb = retained;
  result.metrics = Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, median(v)]));
  return result;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.includes("--live")) return (await import("./live")).main(argv);
  const values = scriptArgs(
    argv,
    {
      size: { type: "string", default: "L" },
      runs: { type: "string", default: "5" },
      warmup: { type: "string", default: "0" },
      file: { type: "string" },
      seed: { type: "string", default: String(DEFAULT_SEED) },
      compact: { type: "boolean", default: false },
      only: { type: "string" },
      json: { type: "string" },
      clock: { type: "string", default: "cpu" },
    },
    USAGE,
  );
  if (typeof values === "number") return values;
  const size = values.size.toUpperCase();
  const runs = Number(values.runs);
  const warmup = Number(values.warmup);
  const seed = Number(values.seed);
  const clock = values.clock;
  if (!isSizeName(size) || !(runs >= 1) || !(warmup >= 0) || !Number.isInteger(seed) || (clock !== "cpu" && clock !== "wall")) {
    console.error(`bad arguments\n${USAGE}`);
    return 2;
  }
  const indent = values.compact ? 0 : 4;
  // XL is written as a directory of Lists: one file would exceed the longest string Node can hold.
  const split = size === "XL" ? XL_PART_BYTES : undefined;
  const file = values.file ?? defaultClusterPath(size, indent, split !== undefined);
  if (!existsSync(file)) {
    if (values.file) {
      console.error(`${file}: no such file`);
      return 2;
    }
    process.stdout.write(`generating ${file} (size ${size}, seed ${seed}) ... `);
    const w = writeClusterFile(file, size, { seed, indent, ...(split ? { splitBytes: split } : {}) });
    console.log(`${formatBytes(w.bytes)}${w.files > 1 ? ` in ${w.files} files` : ""} in ${(w.ms / 1000).toFixed(1)} s`);
  }

  const root = fileURLToPath(new URL("../..", import.meta.url));
  const plugins = await loadPlugins(root);
  const only = values.only ? new RegExp(values.only, "i") : undefined;
  const [baseline, fast, load, ...rest] = modelStages(file);
  const stages = [baseline, fast, load, ...[...rest, ...plugins.flatMap((p) => p.stages), auditStage()].filter((s) => !only || only.test(s.name))];

  const rng = Rng.for(seed, "bench");
  const ctx: BenchContext = {
    file,
    size: values.file ? "file" : size,
    snapshot: emptySnapshot({ type: "files", id: "files:bench", label: file }),
    state: new Map(),
    random: () => rng.next(),
    latency,
  };
  const gc = collectGarbage();
  console.log(`file: ${file} (${formatBytes(clusterBytes(file))}); ${runs} run(s) per stage${warmup ? ` after ${warmup} warm-up` : ""}; node ${process.version}${gc ? "" : "; no --expose-gc: retained memory not measured"}`);
  console.log(`machine: ${os.availableParallelism()} CPU(s), load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}${os.loadavg()[0] > os.availableParallelism() ? " — busy: wall times will be noisy, compare CPU times" : ""}`);
  for (const p of plugins) console.log(`plugin ${p.module}: ${p.stages.length} stage(s)${p.error ? ` — ${p.error}` : ""}`);

  const sampler = new RssSampler();
  const results: StageResult[] = [];
  for (const stage of stages) {
    process.stderr.write(`${stage.name} `);
    results.push(await measureStage(stage, ctx, stage.runs ?? runs, warmup, sampler));
    process.stderr.write("\n");
  }
  await sampler.stop();

  const targets = evaluateTargets(results, clock);
  console.log(`\n${stageTable(results, clock)}\n\nTargets (ratios of ${clock === "cpu" ? "process CPU time" : "wall-clock time"}; latencies as measured by the stages):\n${targetTable(targets, only !== undefined)}`);
  console.log(`\nprocess peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  if (values.json) {
    writeFileSync(values.json, JSON.stringify({ file, size: ctx.size, runs, clock, node: process.version, loadavg: os.loadavg(), results, targets }, null, 2) + "\n");
    console.log(`results written to ${values.json}`);
  }
  // A module that is still missing its benchStages export is work in progress, not a failure.
  return results.some((r) => r.error) || plugins.some((p) => p.error?.startsWith("cannot import")) ? 1 : 0;
}
