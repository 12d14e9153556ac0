/**
 * The highest Pod Security Standards level a pod meets, with the controls it fails. A pod meets
 * Baseline when every Baseline control allows it, Restricted when every control of both levels
 * does (Restricted includes Baseline), and Privileged always.
 */
import type { PodView } from "../units";
import { BASELINE_CONTROLS } from "./baseline";
import { PSS_LEVEL_RANK, type ControlResult, type PssControl, type PssLevel } from "./control";
import { RESTRICTED_CONTROLS } from "./restricted";

export const PSS_CONTROLS: readonly PssControl[] = [...BASELINE_CONTROLS, ...RESTRICTED_CONTROLS];

export interface PssFailure {
  control: PssControl;
  result: ControlResult;
}

export interface PssResult {
  level: PssLevel;
  failures: PssFailure[];
}

/** Runs every control on a pod: the failures, and the highest level without a failure. */
export function evaluatePss(pod: PodView): PssResult {
  const failures: PssFailure[] = [];
  for (const control of PSS_CONTROLS) {
    const result = control.check(pod);
    if (!result.allowed) failures.push({ control, result });
  }
  const level: PssLevel = failures.some((f) => f.control.level === "baseline") ? "privileged" : failures.length ? "baseline" : "restricted";
  return { level, failures };
}

/** Whether a pod at `level` is admitted by a namespace that enforces `required`. */
export function meetsLevel(level: PssLevel, required: PssLevel): boolean {
  return PSS_LEVEL_RANK[level] >= PSS_LEVEL_RANK[required];
}

/** The failures that keep a pod out of `required` (Baseline failures for baseline; all for restricted). */
export function failuresAgainst(result: PssResult, required: PssLevel): PssFailure[] {
  if (required === "privileged") return [];
  if (required === "baseline") return result.failures.filter((f) => f.control.level === "baseline");
  return result.failures;
}
