/**
 * The posture score: one number per area and overall that reads at a glance. The worst open finding
 * of an area sets its range (critical 0–59, high 60–79, medium 80–89, nothing above low 90–100), and
 * the severity-weighted share of checks passed (a Polaris-style pass ratio, FairwindsOps/polaris
 * pkg/validator/summary.go, generalised to five severities) places it within that range — so an area
 * with an open critical always scores below one without, however many checks either passed; a scan
 * adds Kubescape-style compliance per framework (lib/compliance). The formulas are published as text so
 * the UI and the README show exactly what is computed.
 */
import { COMPLIANCE_FORMULA, type FrameworkScore } from "../compliance/report";
import { grade, type Grade } from "./grade";
import { CATEGORIES, SEVERITIES, type Category, type Finding, type RuleInfo, type Severity } from "./types";

export const SEVERITY_WEIGHT: Readonly<Record<Severity, number>> = { critical: 10, high: 6, medium: 3, low: 1, info: 0 };

/** The range an area's score falls in, set by its worst open (not excepted) finding; "none" = nothing above low. */
export const SEVERITY_BANDS: Readonly<Record<"critical" | "high" | "medium" | "none", readonly [number, number]>> = { critical: [0, 59], high: [60, 79], medium: [80, 89], none: [90, 100] };

export type Band = keyof typeof SEVERITY_BANDS;

export function bandOf(openBySeverity: Readonly<Partial<Record<Severity, number>>>): Band {
  return openBySeverity.critical ? "critical" : openBySeverity.high ? "high" : openBySeverity.medium ? "medium" : "none";
}

/** An excepted (accepted-risk) finding still counts, at this fraction of its weight. */
export const EXCEPTED_WEIGHT = 0.5;

const range = (b: Band) => `${SEVERITY_BANDS[b][0]}–${SEVERITY_BANDS[b][1]}`;

export const SCORE_FORMULA = [
  `1. The worst open finding sets an area's range: critical ${range("critical")}, high ${range("high")}, medium ${range("medium")}, nothing above low ${range("none")}.`,
  `2. The share of checks passed places it in that range (100% at the top). Checks count by severity — critical ${SEVERITY_WEIGHT.critical}, high ${SEVERITY_WEIGHT.high}, medium ${SEVERITY_WEIGHT.medium}, low ${SEVERITY_WEIGHT.low}, info ${SEVERITY_WEIGHT.info} — and an accepted risk counts at ${EXCEPTED_WEIGHT * 100}% and does not set the range.`,
  "3. The overall score is the mean of the areas that have one; never 100 while a weighted finding is open. Grades: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, E ≥ 50, F below.",
].join("\n");

export { COMPLIANCE_FORMULA };

export { grade, type Grade };

export interface AreaScore {
  /** null when the area had nothing to check. */
  score: number | null;
  grade: Grade | null;
  checks: number;
  findings: number;
  excepted: number;
  bySeverity: Record<Severity, number>;
  passedWeight: number;
  failedWeight: number;
  /** The range the worst open finding set, and the weighted share of checks passed (0–100) that placed the score in it. */
  band: Band;
  passedShare: number;
}

export interface PostureScore {
  overall: number | null;
  grade: Grade | null;
  areas: Record<Category, AreaScore>;
  /** Non-excepted findings by severity. */
  bySeverity: Record<Severity, number>;
  findings: number;
  excepted: number;
  /** Compliance per framework (lib/compliance), filled by the scan; empty when scored without a snapshot. */
  frameworks: Record<string, FrameworkScore>;
  formulas: { score: string; compliance: string };
}

const zeroSeverities = (): Record<Severity, number> => Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;

/** The weighted share of checks passed, 0–100 (100 when only weightless checks ran). */
export function passedShare(passedWeight: number, failedWeight: number): number {
  const total = passedWeight + failedWeight;
  return total === 0 ? 100 : (100 * passedWeight) / total;
}

/**
 * low + (high − low) × passed share, in the band's range, rounded; at most 99 while anything weighted
 * failed; null when nothing was checked.
 */
export function areaScore(passedWeight: number, failedWeight: number, checks = passedWeight + failedWeight, band: Band = "none"): number | null {
  if (checks === 0) return null;
  const [lo, hi] = SEVERITY_BANDS[band];
  const s = Math.round(lo + ((hi - lo) * passedShare(passedWeight, failedWeight)) / 100);
  return failedWeight > 0 ? Math.min(99, s) : s;
}

/**
 * Scores findings against the number of resources each rule was evaluated on (`evaluated`). A rule
 * missing from `evaluated` counts only its findings (no passes); a rule missing from the catalogue
 * takes its category from its findings and the weight of their highest severity.
 */
export function scoreFindings(findings: readonly Finding[], evaluated: Readonly<Record<string, number>>, catalogue: readonly RuleInfo[], frameworks: Record<string, FrameworkScore> = {}): PostureScore {
  const rules = new Map(catalogue.map((r) => [r.rule, r]));
  const failedPerRule = new Map<string, number>();
  const areas = Object.fromEntries(
    CATEGORIES.map((c) => [c, { score: null, grade: null, checks: 0, findings: 0, excepted: 0, bySeverity: zeroSeverities(), passedWeight: 0, failedWeight: 0, band: "none", passedShare: 100 } as AreaScore]),
  ) as Record<Category, AreaScore>;
  const bySeverity = zeroSeverities();
  let excepted = 0;

  for (const f of findings) {
    const area = areas[rules.get(f.rule)?.category ?? f.category];
    failedPerRule.set(f.rule, (failedPerRule.get(f.rule) ?? 0) + 1);
    area.findings++;
    area.failedWeight += SEVERITY_WEIGHT[f.severity] * (f.exception ? EXCEPTED_WEIGHT : 1);
    if (f.exception) {
      area.excepted++;
      excepted++;
    } else {
      area.bySeverity[f.severity]++;
      bySeverity[f.severity]++;
    }
  }

  const ruleIds = new Set([...Object.keys(evaluated), ...failedPerRule.keys()]);
  for (const rule of ruleIds) {
    const info = rules.get(rule);
    const failed = failedPerRule.get(rule) ?? 0;
    const checks = Math.max(evaluated[rule] ?? 0, failed);
    const firstFinding = info ? undefined : findings.find((f) => f.rule === rule);
    const category = info?.category ?? firstFinding?.category;
    if (!category) continue;
    const weight = SEVERITY_WEIGHT[info?.severity ?? firstFinding!.severity];
    areas[category].checks += checks;
    areas[category].passedWeight += (checks - failed) * weight;
  }

  const scored: number[] = [];
  for (const c of CATEGORIES) {
    const a = areas[c];
    a.band = bandOf(a.bySeverity);
    a.passedShare = Math.round(passedShare(a.passedWeight, a.failedWeight));
    a.score = areaScore(a.passedWeight, a.failedWeight, a.checks, a.band);
    a.grade = a.score === null ? null : grade(a.score);
    if (a.score !== null) scored.push(a.score);
  }
  const anyFailed = CATEGORIES.some((c) => areas[c].failedWeight > 0);
  const mean = scored.length ? Math.round(scored.reduce((x, y) => x + y, 0) / scored.length) : null;
  const overall = mean !== null && anyFailed ? Math.min(99, mean) : mean;
  return {
    overall,
    grade: overall === null ? null : grade(overall),
    areas,
    bySeverity,
    findings: findings.length,
    excepted,
    frameworks,
    formulas: { score: SCORE_FORMULA, compliance: COMPLIANCE_FORMULA },
  };
}
