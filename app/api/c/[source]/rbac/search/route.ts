// GET /api/c/:source/rbac/search — subjects (and roles, bindings) by name, for the subject picker
import { z } from "zod";
import { rbacExplorerOf, searchNodes } from "@/lib/rbac/explorer";
import { route } from "@/server/api";
import { GraphFilterFields } from "../query";

const Query = z.object({
  q: z.string().max(200).default(""),
  kinds: GraphFilterFields.kinds,
  defaults: GraphFilterFields.defaults,
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const GET = route({ query: Query }, async ({ snapshot, query }) =>
  searchNodes(rbacExplorerOf(await snapshot()).graph, query.q, { kinds: query.kinds, limit: query.limit, hideDefaults: query.defaults === "hide" }),
);
