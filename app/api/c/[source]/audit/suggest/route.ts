// GET /api/c/:source/audit/suggest — right-sized roles for a subject from what it used, checked, with what each binding would lose
import { z } from "zod";
import { rbacIndexOf } from "@/lib/analysis";
import { rightSize } from "@/lib/audit/right-size";
import { ClearanceError } from "@/lib/errors";
import { parseSubjectId } from "@/lib/rbac/subjects";
import { route } from "@/server/api";
import { requireAudit } from "@/server/audit/analysis";
import { many } from "../../rbac/query";

const Query = z.object({
  subject: z.string().trim().min(1).max(600),
  verbs: z.enum(["observed", "family"]).default("observed"),
  names: z.enum(["observed", "any"]).default("observed"),
  as: many,
});

export const GET = route({ query: Query }, async ({ sourceId, snapshot, query }) => {
  const subject = parseSubjectId(query.subject);
  if (!subject) throw new ClearanceError("bad_request", `"${query.subject}" is not a subject: write User/NAME, Group/NAME or ServiceAccount/NAMESPACE/NAME`);
  const s = await snapshot();
  return rightSize(rbacIndexOf(s), await requireAudit(sourceId, s), subject, { generalisation: { verbs: query.verbs, names: query.names }, assumeGroups: query.as });
});
