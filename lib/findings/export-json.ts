/** JSON export: exactly `{"findings":[...], "score":{...}}`, the shape `clearance scan --format json` prints. */
import type { PostureScore } from "./score";
import type { Finding } from "./types";

export interface ScanJson {
  findings: Finding[];
  score: PostureScore;
}

/** The scan as `clearance scan --format json` prints it. */
export function toJson(findings: readonly Finding[], score: PostureScore): string {
  const out: ScanJson = { findings: [...findings], score };
  return JSON.stringify(out, null, 2);
}
