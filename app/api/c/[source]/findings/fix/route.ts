// GET /api/c/:source/findings/fix?id=… — the smallest change that removes a finding (lib/fix/finding.ts): an RBAC edit with who loses what, or the patch to the owning workload
import { z } from "zod";
import { fixFinding } from "@/lib/fix/finding";
import { ClearanceError, route } from "@/server/api";
import { scanFor } from "@/server/analysis";

const Query = z.object({ id: z.string().min(1).max(200), level: z.enum(["baseline", "restricted"]).optional() });

export const GET = route({ query: Query }, async ({ sourceId, query }) => {
  const { snapshot, report } = await scanFor(sourceId, true);
  const finding = report.findings.find((f) => f.id === query.id);
  if (!finding) throw new ClearanceError("not_found", `no finding ${query.id} in this source`);
  return fixFinding(snapshot, finding, query.level ? { level: query.level } : {});
});
