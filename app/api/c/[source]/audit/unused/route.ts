// GET /api/c/:source/audit/unused — what went unused over the log's window, worst first, and what RBAC and the log disagree on
import { rbacIndexOf } from "@/lib/analysis";
import { memoize } from "@/lib/analysis/memo";
import { unusedReport } from "@/lib/audit/unused";
import { route } from "@/server/api";
import { requireAudit } from "@/server/audit/analysis";

export const GET = route({}, async ({ sourceId, snapshot }) => {
  const s = await snapshot();
  const audit = await requireAudit(sourceId, s);
  return memoize(audit, "unused-report", () => unusedReport(rbacIndexOf(s), audit));
});
