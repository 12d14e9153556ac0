// GET /api/c/:source/findings/fix?id=… — the smallest change that removes a finding (lib/fix/finding.ts): an RBAC edit with who loses what, or the patch to the owning workload
import { z } from "zod";
import { fixFindingById } from "@/lib/fix/finding";
import { route } from "@/server/api";
import { scanFor } from "@/server/analysis";

const Query = z.object({ id: z.string().min(1).max(200), level: z.enum(["baseline", "restricted"]).optional() });

export const GET = route({ query: Query }, async ({ sourceId, query }) => {
  const { snapshot, report } = await scanFor(sourceId, true);
  return fixFindingById(snapshot, report.findings, query.id, query.level ? { level: query.level } : {});
});
