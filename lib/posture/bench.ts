/**
 * Benchmark stages (scripts/bench/stages.ts loads `benchStages` from here): all posture checks on
 * the loaded snapshot, and the whole `scan` — every area's findings, exceptions, score and the JSON
 * `scan --format json` prints — which counts towards issue 5's target (load + scan ≤ 10× read+parse).
 * The shapes match scripts/bench/stages.ts structurally so lib/ does not depend on scripts/.
 */
import { toJson } from "../findings/export-json";
import { scanSnapshot } from "../findings/scan";
import type { ClusterSnapshot } from "../model";
import { postureFindings } from "./index";

interface Context {
  snapshot: ClusterSnapshot;
}

interface Stage {
  name: string;
  area: "posture";
  budget?: "scan";
  run(ctx: Context): Record<string, number>;
}

export const benchStages: Stage[] = [
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
