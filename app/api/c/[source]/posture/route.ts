// GET /api/c/:source/posture — the manager's overview: score, counts by area and severity, top risks, trend and changes
import type { PostureResponse } from "@/lib/contracts";
import { changesSince, countByArea, topRisks } from "@/lib/findings/top";
import { route } from "@/server/api";
import { historyFor, scanFor } from "@/server/analysis";

export const GET = route({}, async ({ sourceId }) => {
  const { snapshot, report } = await scanFor(sourceId, false);
  const history = await historyFor(sourceId);
  return {
    takenAt: snapshot.takenAt,
    score: report.score,
    byArea: countByArea(report.findings),
    top: topRisks(report.findings, 10),
    history: { enabled: history.enabled, reason: history.reason, trend: history.trend },
    changes: changesSince(report.findings, history.diff),
  } satisfies PostureResponse;
});
