// GET /api/c/:source/rbac/node — side-panel detail of one graph node (permissions, rules, bindings, roleRef)
import { z } from "zod";
import { ClearanceError } from "@/lib/errors";
import { nodeDetail, rbacExplorerOf } from "@/lib/rbac/explorer";
import { route } from "@/server/api";
import { many } from "../query";

const Query = z.object({
  id: z.string().trim().min(1).max(800),
  namespace: z.string().trim().max(253).optional(),
  as: many,
});

export const GET = route({ query: Query }, async ({ snapshot, query }) => {
  const { index, graph } = rbacExplorerOf(await snapshot());
  const detail = nodeDetail(index, graph, query.id, { ...(query.namespace ? { namespace: query.namespace } : {}), assumeGroups: query.as });
  if (!detail) throw new ClearanceError("not_found", `${query.id} is not in this snapshot`);
  return detail;
});
