// GET /api/c/:source/rbac/fix?subject=…&verb=…&group=…&resource=…&namespace=… — the smallest edits that take a subject's permission away, each with who loses what (lib/fix/grant.ts)
import { z } from "zod";
import type { GrantFixResponse } from "@/lib/contracts";
import { fixGrantQuery } from "@/lib/fix/grant";
import { route } from "@/server/api";
import { many } from "../query";

const Query = z.object({
  /** User/NAME, Group/NAME or ServiceAccount/NAMESPACE/NAME. */
  subject: z.string().trim().min(1).max(600),
  /** The verbs to take away (repeatable). */
  verb: many,
  group: z.string().trim().max(253).default(""),
  resource: z.string().trim().min(1).max(300),
  namespace: z.string().trim().max(253).optional(),
});

export const GET = route({ query: Query }, async ({ snapshot, query: q }) => fixGrantQuery(await snapshot(), { subject: q.subject, verbs: q.verb, group: q.group, resource: q.resource, ...(q.namespace ? { namespace: q.namespace } : {}) }) satisfies GrantFixResponse);
