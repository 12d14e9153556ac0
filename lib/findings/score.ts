/**
 * The posture score: one severity-weighted number per area and overall (a Polaris-style pass
 * ratio, FairwindsOps/polaris pkg/validator/summary.go, generalised to five severities); a scan adds
 * Kubescape-style compliance per framework (lib/compliance). The formulas are published as text so
 * the UI and the README show exactly what is computed.
 */
import { COMPLIANCE_FORMULA, type FrameworkScore } from "../compliance/report";
import { CATEGORIES, SEVERITIES, type Category, type Finding, type RuleInfo, type Severity } from "./types";

export const SEVERITY_WEIGHT: Readonly<Record<Severity, number>> = { critical: 10, high: 6, medium: 3, low: 1, info: 0 };

/** The highest score an area can have while an open finding of this severity remains. */
export const SEVERITY_CAP: Readonly<Partial<Record<Severity, number>>> = { critical: 59, high: 79 };

/** An excepted (accepted-risk) finding still counts, at this fraction of its weight. */
export const EXCEPTED_WEIGHT = 0.5;

export const SCORE_FORMULA = [
  "Every rule is checked against every resource it applies to; each check passes or produces a finding.",
  `Weights by severity: critical ${SEVERITY_WEIGHT.critical}, high ${SEVERITY_WEIGHT.high}, medium ${SEVERITY_WEIGHT.medium}, low ${SEVERITY_WEIGHT.low}, info ${SEVERITY_WEIGHT.info}.`,
  "For an area: passed = Σ over passed checks of the weight of the rule's severity; failed = Σ over findings of the weight of the finding's severity,",
  `counting an excepted (accepted-risk) finding at ${EXCEPTED_WEIGHT * 100}% of its weight.`,
  "Area score = 100 × passed / (passed + failed), rounded, and never 100 while a weighted finding remains (at most 99); 100 when only info checks ran; an area with nothing to check has no score.",
  `An open (not excepted) finding caps its area: a critical one at ${SEVERITY_CAP.critical} (grade E), a high one at ${SEVERITY_CAP.high} (grade C) — one path to cluster-admin is not outweighed by a thousand passed checks.`,
  "Overall score = the mean of the area scores (rbac, network, workload, admission, platform) that have one, rounded (again at most 99 while a weighted finding remains).",
  "Grade: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, E ≥ 50, F below.",
].join("\n");

export { COMPLIANCE_FORMULA };

export type Grade = "A" | "B" | "C" | "D" | "E" | "F";

/** Popeye's grades (derailed/popeye internal/report/grade.go): A ≥ 90 … F below 50. */
export function grade(score: number): Grade {
  return score >= 90 ? "A" : score >= 80 ? "B" : score >= 70 ? "C" : score >= 60 ? "D" : score >= 50 ? "E" : "F";
}

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

/** 100 × passed / (passed + failed), capped at 99 while anything weighted failed; 100 when only weightless (info) checks ran; null when nothing was checked. */
export function areaScore(passedWeight: number, failedWeight: number, checks = passedWeight + failedWeight): number | null {
  if (checks === 0) return null;
  const total = passedWeight + failedWeight;
  if (total === 0) return 100;
  const s = Math.round((100 * passedWeight) / total);
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
    CATEGORIES.map((c) => [c, { score: null, grade: null, checks: 0, findings: 0, excepted: 0, bySeverity: zeroSeverities(), passedWeight: 0, failedWeight: 0 } as AreaScore]),
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
    a.score = areaScore(a.passedWeight, a.failedWeight, a.checks);
    if (a.score !== null) {
      if (a.bySeverity.critical > 0) a.score = Math.min(a.score, SEVERITY_CAP.critical!);
      else if (a.bySeverity.high > 0) a.score = Math.min(a.score, SEVERITY_CAP.high!);
    }
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
