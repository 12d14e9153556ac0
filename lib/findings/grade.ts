/**
 * A score as a letter, with no dependencies so the browser can use it (score.ts pulls the compliance
 * report, and with it the engines).
 */
export type Grade = "A" | "B" | "C" | "D" | "E" | "F";

/** Popeye's grades (derailed/popeye internal/report/grade.go): A ≥ 90 … F below 50. */
export function grade(score: number): Grade {
  return score >= 90 ? "A" : score >= 80 ? "B" : score >= 70 ? "C" : score >= 60 ? "D" : score >= 50 ? "E" : "F";
}
