// GET /api/c/:source/audit/subject — one subject's permissions, each used (count, last seen) or unused over the log's window
import { z } from "zod";
import { rbacIndexOf } from "@/lib/analysis";
import { subjectUsage } from "@/lib/audit/subject";
import { route } from "@/server/api";
import { requireAudit } from "@/server/audit/analysis";
import { many } from "../../rbac/query";

const Query = z.object({
  /** User/NAME, Group/NAME or ServiceAccount/NAMESPACE/NAME. */
  subject: z.string().trim().min(1).max(600),
  namespace: z.string().trim().max(253).optional(),
  as: many,
});

export const GET = route({ query: Query }, async ({ sourceId, snapshot, query }) => {
  const s = await snapshot();
  return subjectUsage(rbacIndexOf(s), await requireAudit(sourceId, s), query.subject, { ...(query.namespace ? { namespace: query.namespace } : {}), assumeGroups: query.as });
});
