/**
 * A complete scan of a snapshot, as the CLI, the API and history see it: every area's findings,
 * exceptions applied (excepted findings stay, marked), default objects hidden unless asked for,
 * and the score over what is shown.
 */
import { memoize, previousResult } from "../analysis/memo";
import { complianceReport, frameworkScores } from "../compliance/report";
import type { Framework, FrameworkReport } from "../compliance/types";
import { completeness, type ClusterSnapshot } from "../model";
import { AREA_PRODUCERS, AREA_RULES, postureContext } from "./areas";
import { applyExceptions, type ExceptionEntry, type ExceptionsApplied } from "./exceptions";
import { runAllFindings, visibleFindings, type FindingsRun, type RunOptions } from "./run";
import { grade, scoreFindings, type PostureScore } from "./score";
import { atLeast, type Finding, type Severity } from "./types";

export interface ScanOptions extends RunOptions {
  exceptions?: readonly ExceptionEntry[];
  /** Exceptions expire by this clock (default: now). */
  now?: Date;
  /** Show findings about default and vendor objects (system namespaces, system: roles). */
  includeDefaults?: boolean;
}

/** What the score could not see: documents that could not be read, kinds that could not be listed. */
export interface ScorePartial {
  errors: number;
  unavailable: string[];
}

export interface ScanReport {
  /**
   * `exceptions` tells which entries applied, expired or matched nothing. `partial` is set when part
   * of the input could not be read; the overall score is then at most 99, never perfect.
   */
  score: PostureScore & {
    exceptions: { applied: number; expired: ExceptionsApplied["expired"]; unused: ExceptionsApplied["unused"] };
    hiddenDefaults: number;
    partial?: ScorePartial;
  };
  findings: Finding[];
  run: FindingsRun;
  /** Every framework's controls (lib/compliance): over all findings, so the same whatever is shown or excepted. */
  compliance: Record<Framework, FrameworkReport>;
}

const RUN_KEY = "findings:run";
const COMPLIANCE_KEY = "compliance";

/** Every area's checks on a snapshot with the default options: what scanSnapshot shares between views. */
export function findingsRunOf(snapshot: ClusterSnapshot): FindingsRun {
  return scanSnapshot(snapshot).run;
}

/** Records checks run elsewhere (a load worker) as this snapshot's, so scanSnapshot does not run them again. */
export function seedFindingsRun(snapshot: ClusterSnapshot, run: FindingsRun): void {
  memoize(snapshot, RUN_KEY, () => run);
}

/** Runs every area (posture, registered AREA_PRODUCERS, extra producers), applies exceptions and scores what is shown. */
export function scanSnapshot(snapshot: ClusterSnapshot, opts: ScanOptions = {}): ScanReport {
  // Every area's checks run once per snapshot; views differing only in defaults or exceptions share
  // them. Any other option (producers, posture options, the clock) makes a run of its own.
  const custom = Object.entries(opts).some(([k, v]) => v !== undefined && k !== "includeDefaults" && k !== "exceptions");
  // Each area is memoized on its own too, so on a watched source an area whose inputs did not change
  // is reused when another changed (lib/analysis/memo.ts).
  const areas = custom ? AREA_PRODUCERS : AREA_PRODUCERS.map((produce, i) => (s: ClusterSnapshot) => memoize(s, `findings:area:${i}`, () => produce(s)));
  // Posture's checks are memoized one by one too (by key: only with the default options).
  const memo = custom ? undefined : <T>(key: string, compute: () => T) => memoize(snapshot, key, compute);
  // the run of the snapshot this one follows (a draft's source, the previous watched snapshot) lends its order
  const previous = custom ? undefined : previousResult<FindingsRun>(snapshot, RUN_KEY)?.findings;
  const runAll = () =>
    runAllFindings(snapshot, {
      ...postureContext(snapshot),
      ...(memo ? { memo } : {}),
      ...(previous ? { previous } : {}),
      ...opts,
      producers: [...areas, ...(opts.producers ?? [])],
      rules: [...AREA_RULES, ...(opts.rules ?? [])],
    });
  const run = custom ? runAll() : memoize(snapshot, RUN_KEY, runAll);
  const shown = visibleFindings(run.findings, !!opts.includeDefaults);
  const applied = applyExceptions(shown, opts.exceptions ?? [], opts.now ?? new Date());
  // The run is read again inside: a memoized computation counts only what it reads itself (memo.ts).
  const compliance = custom
    ? complianceReport(snapshot, run.findings, run.catalogue)
    : memoize(snapshot, COMPLIANCE_KEY, () => {
        const r = memoize(snapshot, RUN_KEY, runAll);
        // the report of the snapshot this one follows lends the controls whose findings and resources are the same
        return complianceReport(snapshot, r.findings, r.catalogue, previousResult(snapshot, COMPLIANCE_KEY));
      });
  const score = partialScore(scoreFindings(applied.findings, run.evaluated, run.catalogue, frameworkScores(compliance)), snapshot);
  return {
    findings: applied.findings,
    run,
    compliance,
    score: { ...score, exceptions: { applied: applied.applied, expired: applied.expired, unused: applied.unused }, hiddenDefaults: run.findings.length - shown.length },
  };
}

/** What could not be read may hold the worst finding: a score over partial input is never 100. */
function partialScore(score: PostureScore, snapshot: ClusterSnapshot): PostureScore & { partial?: ScorePartial } {
  const c = completeness(snapshot);
  if (!c.partial) return score;
  const overall = score.overall === null ? null : Math.min(99, score.overall);
  return { ...score, overall, grade: overall === null ? null : grade(overall), partial: { errors: c.errors, unavailable: c.unavailable.map((u) => u.resource) } };
}

/** Findings that fail a `--fail-on` threshold: at or above it, and not excepted. */
export function failing(findings: readonly Finding[], threshold: Severity | "none"): Finding[] {
  if (threshold === "none") return [];
  return findings.filter((f) => !f.exception && atLeast(f.severity, threshold));
}
