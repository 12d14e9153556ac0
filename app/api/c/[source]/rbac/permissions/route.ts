// GET /api/c/:source/rbac/permissions — a subject's effective permissions by namespace, with provenance
import { z } from "zod";
import { rbacExplorerOf, subjectPermissions } from "@/lib/rbac/explorer";
import { route } from "@/server/api";
import { many } from "../query";

const Query = z.object({
  /** User/NAME, Group/NAME or ServiceAccount/NAMESPACE/NAME. */
  subject: z.string().trim().min(1).max(600),
  namespace: z.string().trim().max(253).optional(),
  /** Groups the user or service account is assumed to be in (repeatable). */
  as: many,
});

export const GET = route({ query: Query }, async ({ snapshot, query }) =>
  subjectPermissions(rbacExplorerOf(await snapshot()).index, query.subject, { ...(query.namespace ? { namespace: query.namespace } : {}), assumeGroups: query.as }),
);
