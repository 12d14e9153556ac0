/** The performance targets the issues set, checked against a benchmark's results. */
import { AUDIT_METRIC, AUDIT_STAGE } from "./audit";
import { BASELINE, BASELINE_FAST, LOAD, METRIC, type BenchArea, type Budget } from "./stages";

export interface StageResult {
  name: string;
  area: BenchArea;
  budget?: Budget;
  runs: number;
  /** Wall-clock median and minimum over the runs. */
  medianMs: number;
  minMs: number;
  /** Median process CPU time (user + system, all threads: GC helpers included) per run. */
  cpuMs: number;
  peakRssMb?: number;
  retainedMb?: number;
  /** Medians over runs of the metrics the stage returned. */
  metrics: Record<string, number>;
  error?: string;
}

export type TargetStatus = "PASS" | "FAIL" | "n/a";

/**
 * What a stage "costs" for the ratios: wall-clock time, or process CPU time, which a busy shared
 * machine disturbs far less (ratios of wall times swing with whatever else is running).
 */
export type Clock = "wall" | "cpu";

export function cost(r: StageResult, clock: Clock): number {
  return clock === "cpu" ? r.cpuMs : r.medianMs;
}

export interface TargetResult {
  issue: number;
  label: string;
  value?: number;
  unit: Unit;
  limit: number;
  status: TargetStatus;
  note?: string;
}

/** Ratios and latencies are upper bounds; a rate ("events/s") is a lower bound. */
export type Unit = "×" | "ms" | "MB" | "events/s";

function check(issue: number, label: string, unit: Unit, limit: number, strict: boolean, value: number | undefined, note?: string): TargetResult {
  if (value === undefined || Number.isNaN(value)) return { issue, label, unit, limit, status: "n/a", ...(note ? { note } : {}) };
  const ok = unit === "events/s" ? value >= limit : strict ? value < limit : value <= limit;
  return { issue, label, unit, limit, value, status: ok ? "PASS" : "FAIL", ...(note ? { note } : {}) };
}

/** Sum of the medians of the stages with this budget; a failed stage fails the target. */
function budget(results: readonly StageResult[], b: Budget, clock: Clock): { ms?: number; failed?: string } {
  const stages = results.filter((r) => r.budget === b);
  if (stages.length === 0) return {};
  const failed = stages.find((s) => s.error);
  if (failed) return { failed: failed.name };
  return { ms: stages.reduce((a, s) => a + cost(s, clock), 0) };
}

function metric(results: readonly StageResult[], name: string): number | undefined {
  for (const r of results) if (r.metrics[name] !== undefined) return r.metrics[name];
  return undefined;
}

/** Ratios use `clock`; latency metrics are whatever the stages measured (wall-clock per call). */
export function evaluateTargets(results: readonly StageResult[], clock: Clock = "wall"): TargetResult[] {
  const found = (name: string) => results.find((r) => r.name === name && !r.error);
  const baseline = found(BASELINE);
  const loaded = found(LOAD);
  const base = baseline && cost(baseline, clock);
  const load = loaded && cost(loaded, clock);
  const ratio = (a?: number, b?: number) => (a !== undefined && b !== undefined && b > 0 ? a / b : undefined);
  const out: TargetResult[] = [];
  out.push(check(2, "load+normalize ≤ 3× read+parse", "×", 3, false, ratio(load, base)));
  const fast = found(BASELINE_FAST);
  if (fast) out.push(check(2, "  same, against the fastest read (info)", "×", 3, false, ratio(load, cost(fast, clock))));
  for (const [issue, b, label, limit] of [
    [3, "rbac", "RBAC index + findings ≤ 2× load", 2],
    [4, "network", "all network analysis ≤ 3× load", 3],
  ] as const) {
    const { ms, failed } = budget(results, b, clock);
    const r = check(issue, label, "×", limit, false, ratio(ms, load), failed ? `stage failed: ${failed}` : undefined);
    out.push(failed ? { ...r, status: "FAIL" } : r);
  }
  out.push(check(3, "who-can median < 5 ms", "ms", 5, true, metric(results, METRIC.whoCanMedianMs)));
  out.push(check(4, "explain median < 5 ms", "ms", 5, true, metric(results, METRIC.explainMedianMs)));
  // Issue 9: a third of the namespaces under the CNI's own policies, with that CNI's semantics.
  const allPairs = found("network: all-pairs reachability");
  for (const cni of ["cilium", "calico"]) {
    const stage = found(`network (${cni}): all-pairs reachability`);
    if (!stage && !results.some((x) => x.name.startsWith(`network (${cni})`))) continue;
    out.push(check(9, `${cni}: all-pairs ≤ 2× Kubernetes semantics`, "×", 2, false, ratio(stage && cost(stage, clock), allPairs && cost(allPairs, clock))));
    const explain = results.find((x) => x.name === `network (${cni}): explain ×1000`)?.metrics.explainMedianMs;
    out.push(check(9, `${cni}: explain median < 5 ms`, "ms", 5, true, explain));
  }
  const scan = budget(results, "scan", clock);
  const whole = scan.ms !== undefined && load !== undefined ? scan.ms + load : undefined;
  const r = check(5, "whole scan (load + scan) ≤ 10× read+parse", "×", 10, false, ratio(whole, base), scan.failed ? `stage failed: ${scan.failed}` : undefined);
  out.push(scan.failed ? { ...r, status: "FAIL" } : r);
  const whatif = results.find((x) => x.name.startsWith("whatif: 50-object draft"));
  out.push(check(13, "50-object draft re-analysed and summarised < 3 s", "ms", 3000, true, whatif && !whatif.error ? cost(whatif, clock) : undefined, whatif?.error ? `stage failed: ${whatif.error}` : undefined));
  const audit = results.find((x) => x.name === AUDIT_STAGE);
  const auditNote = audit?.error ? `stage failed: ${audit.error}` : undefined;
  out.push(check(15, "audit log: ≥ 100,000 events/s (wall)", "events/s", 100_000, false, metric(results, AUDIT_METRIC.eventsPerSec), auditNote));
  out.push(check(15, "  same, per CPU second (info)", "events/s", 100_000, false, metric(results, AUDIT_METRIC.eventsPerCpuSec)));
  out.push(check(15, "audit log: peak memory while reading < 1 GB", "MB", 1024, true, metric(results, AUDIT_METRIC.peakRssMb), auditNote));
  return out;
}
