/**
 * The benchmark harness's contract (`npm run bench`, scripts/bench/stages.ts runs the stages): the
 * types an area's `benchStages` (lib/rbac/bench.ts, lib/netpol/bench.ts, lib/posture/bench.ts) and the
 * runner share, declared once here so that lib/ needs nothing from scripts/. Types only.
 */
import type { ClusterSnapshot } from "./model/snapshot";

export type BenchArea = "baseline" | "model" | "rbac" | "network" | "posture" | "audit";

/**
 * Which target a stage's time counts towards: `rbac` (index + findings ≤ 2× load), `network` (all
 * network analysis ≤ 3× load), `scan` (load + scan ≤ 10× read+parse: a `scan` stage starts from the
 * loaded snapshot; the target adds the load itself).
 */
export type Budget = "rbac" | "network" | "scan";

export type StageMetrics = Record<string, number>;

export interface LatencySummary {
  count: number;
  medianMs: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
}

export interface BenchContext {
  /** The cluster file being measured. */
  readonly file: string;
  /** S, M, L, XL, or "file" when --file names another file. */
  readonly size: string;
  /** The snapshot of the last `load+normalize` run; analysis stages start from it. */
  snapshot: ClusterSnapshot;
  /** Shared between stages. */
  readonly state: Map<string, unknown>;
  /** Deterministic random numbers in [0, 1), e.g. to pick 1,000 random who-can requests. */
  random(): number;
  /** Times `count` calls of `fn(i)` one by one (median, p99, mean, max in ms). */
  latency(count: number, fn: (i: number) => unknown): LatencySummary;
}

export interface BenchStage {
  name: string;
  area: BenchArea;
  budget?: Budget;
  /** Runs for this stage (default: --runs). */
  runs?: number;
  /** Once before the runs, untimed. */
  setup?(ctx: BenchContext): void | Promise<void>;
  /** Before each run, untimed (before the runner's GC), e.g. to drop the previous run's result. */
  beforeEach?(ctx: BenchContext): void;
  /** The measured work. */
  run(ctx: BenchContext): void | StageMetrics | Promise<void | StageMetrics>;
  /** Once after the runs, untimed. */
  teardown?(ctx: BenchContext): void;
}
