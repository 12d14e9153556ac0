// GET /api/c/:source/rbac/graph — the graph around a node or a who-can answer (≤ 2,000 elements), with what is hidden
import { z } from "zod";
import { graphFor, rbacExplorerOf } from "@/lib/rbac/explorer";
import { route } from "@/server/api";
import { GraphFilterFields, WhoCanFields, questionOf } from "../query";

const Query = z.object({
  ...WhoCanFields,
  ...GraphFilterFields,
  /** A node id (subject:…, binding:…, role:…, rule:…); without it the who-can fields are drawn. */
  focus: z.string().trim().max(800).optional(),
  /** A risk rule (R10) whose evidence for the focused subject is highlighted. */
  rule: z.string().trim().max(16).optional(),
});

export const GET = route({ query: Query }, async ({ snapshot, query }) =>
  graphFor(rbacExplorerOf(await snapshot()), {
    ...(query.focus ? { focus: query.focus, ...(query.namespace ? { namespace: query.namespace } : {}) } : { question: questionOf(query) }),
    kinds: query.kinds,
    hideDefaults: query.defaults === "hide",
    ...(query.hops ? { hops: query.hops } : {}),
    expand: query.x,
    ...(query.rule ? { rule: query.rule } : {}),
  }),
);
