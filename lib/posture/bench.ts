/**
 * Benchmark stages (scripts/bench/stages.ts loads `benchStages` from here): all posture checks on
 * the loaded snapshot, and the whole `scan` — every area's findings, exceptions, score and the JSON
 * `scan --format json` prints — which counts towards issue 5's target (load + scan ≤ 10× read+parse).
 */
import { toJson } from "../findings/export-json";
import { scanSnapshot } from "../findings/scan";
import type { BenchStage } from "../bench";
import { postureFindings } from "./index";

export const benchStages: BenchStage[] = [
  {
    name: "posture: all checks",
    area: "posture",
    run(ctx) {
      const r = postureFindings(ctx.snapshot);
      return { postureFindings: r.findings.length, workloads: r.workloads.length };
    },
  },
  {
    name: "scan: whole",
    area: "posture",
    budget: "scan",
    run(ctx) {
      const report = scanSnapshot(ctx.snapshot, { includeDefaults: true });
      const json = toJson(report.findings, report.score);
      return { scanFindings: report.findings.length, scanJsonMb: Math.round(json.length / 1048576) };
    },
  },
];
