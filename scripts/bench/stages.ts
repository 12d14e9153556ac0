/**
 * The benchmark's stages: the baseline (read + JSON.parse), the model's own stages, and whatever the
 * analysis areas plug in.
 *
 * PLUGGING IN. An area adds stages by exporting `benchStages: BenchStage[]` (lib/bench.ts) from its module:
 *   lib/rbac/bench.ts     e.g. "rbac: index" (budget "rbac"), "rbac: all findings" (budget "rbac"),
 *                         "rbac: who-can ×1000" reporting { whoCanMedianMs, whoCanP99Ms }
 *   lib/netpol/bench.ts   e.g. "network: classes", "network: all-pairs reachability", "network: findings"
 *                         (budget "network"), "network: explain ×1000" reporting { explainMedianMs, explainP99Ms }
 *   lib/posture/bench.ts  e.g. "posture: all checks", "scan: whole" (budget "scan")
 * The runner imports each module if its file exists (a module that fails to import is reported, not
 * skipped silently) and runs its stages in order after the model's. Stages start from `ctx.snapshot` (the loaded L snapshot) and may
 * leave things in `ctx.state` for later stages (an index built by one stage, queried by the next).
 * `run` is timed; `setup`/`beforeEach`/`teardown` are not. Return extra metrics from `run` (medians
 * over runs are printed); the names in METRIC are checked against the issues' targets.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { SnapshotBuilder, emptySnapshot, type SnapshotSource } from "../../lib/model";
import type { BenchArea, BenchContext, BenchStage, Budget, StageMetrics } from "../../lib/bench";
import { loadFiles } from "../../server/sources/files";
import { clusterBytes, clusterFiles } from "./write-cluster";

export type { BenchArea, BenchContext, BenchStage, Budget, StageMetrics };

/** Metric names the targets look for. */
export const METRIC = {
  whoCanMedianMs: "whoCanMedianMs",
  whoCanP99Ms: "whoCanP99Ms",
  explainMedianMs: "explainMedianMs",
  explainP99Ms: "explainP99Ms",
} as const;

export const BASELINE = "read + JSON.parse";
/**
 * The cheapest read + parse Node offers: on Node 20, readFileSync(file, "utf8") of a few hundred MB
 * costs about twice readFileSync(file).toString() (measured on L), which flatters the main baseline.
 * Shown so the ratio against it can be read too.
 */
export const BASELINE_FAST = "read (Buffer→utf8) + JSON.parse";
export const LOAD = "load+normalize";

const benchSource = (file: string): SnapshotSource => ({ type: "files", id: "files:bench", label: file, paths: [file] });

/** Items of a parsed List (or the single object). */
function listItems(parsed: unknown): unknown[] {
  const v = parsed as { items?: unknown[] };
  return Array.isArray(v?.items) ? v.items : [parsed];
}

/** Above this, "normalize only" (which holds every parsed object at once) is left out. */
const NORMALIZE_ONLY_MAX_BYTES = 1024 ** 3;

/**
 * The model's stages: the baselines, the real file source, and normalization alone. `file` may be a
 * directory of Lists (a split XL cluster): the baselines then read and parse each file in turn.
 */
export function modelStages(file: string): BenchStage[] {
  let items: unknown[] = [];
  const files = clusterFiles(file);
  const stages: BenchStage[] = [
    {
      name: BASELINE,
      area: "baseline",
      run() {
        for (const f of files) JSON.parse(readFileSync(f, "utf8"));
      },
    },
    {
      name: BASELINE_FAST,
      area: "baseline",
      run() {
        for (const f of files) JSON.parse(readFileSync(f).toString("utf8"));
      },
    },
    {
      name: LOAD,
      area: "model",
      beforeEach(ctx) {
        ctx.snapshot = emptySnapshot(benchSource(ctx.file));
      },
      async run(ctx) {
        ctx.snapshot = await loadFiles([ctx.file], { source: benchSource(ctx.file) });
      },
    },
    {
      name: "normalize only",
      area: "model",
      setup() {
        items = files.flatMap((f) => listItems(JSON.parse(readFileSync(f, "utf8"))));
      },
      run(ctx) {
        const b = new SnapshotBuilder(benchSource(ctx.file));
        for (let i = 0; i < items.length; i++) b.add(items[i], { source: ctx.file, document: 1, item: i + 1 });
        b.build({ synthesizePods: true, aggregation: "compute" });
      },
      teardown() {
        items = [];
      },
    },
  ];
  return clusterBytes(file) <= NORMALIZE_ONLY_MAX_BYTES ? stages : stages.filter((s) => s.name !== "normalize only");
}

/** Modules the analysis areas may provide, relative to the repository root. */
export const PLUGIN_MODULES = ["lib/rbac/bench.ts", "lib/netpol/bench.ts", "lib/posture/bench.ts", "lib/whatif/bench.ts"];

export interface PluginLoad {
  module: string;
  stages: BenchStage[];
  error?: string;
}

function isStage(s: unknown): s is BenchStage {
  const o = s as BenchStage;
  return !!o && typeof o.name === "string" && typeof o.run === "function" && typeof o.area === "string";
}

/** Imports each plugin module that exists; reports the ones that exist but cannot be used. */
export async function loadPlugins(root: string, modules: readonly string[] = PLUGIN_MODULES): Promise<PluginLoad[]> {
  const out: PluginLoad[] = [];
  for (const rel of modules) {
    const file = path.join(root, rel);
    if (!existsSync(file)) continue;
    try {
      const m = (await import(pathToFileURL(file).href)) as { benchStages?: unknown };
      if (!Array.isArray(m.benchStages)) {
        out.push({ module: rel, stages: [], error: "does not export benchStages: BenchStage[]" });
        continue;
      }
      const bad = m.benchStages.filter((s) => !isStage(s));
      out.push({ module: rel, stages: m.benchStages.filter(isStage), ...(bad.length ? { error: `${bad.length} entries are not stages (need name, area, run)` } : {}) });
    } catch (e) {
      out.push({ module: rel, stages: [], error: `cannot import: ${(e as Error).message.split("\n")[0]}` });
    }
  }
  return out;
}
