// GET /api/c/:source/network/groups — the cluster as groups of namespaces (by a label or by reachability), one group opened, and ranked namespaces
import { z } from "zod";
import { clusterView } from "@/lib/netpol/cluster-view";
import { route } from "@/server/api";
import { analysisFor, semantics } from "../semantics";

const Query = z.object({
  by: z.string().max(317).optional(),
  group: z.string().max(400).optional(),
  ...semantics,
});

export const GET = route({ query: Query }, async ({ snapshot, query: q }) => {
  const { reach, meta } = analysisFor(await snapshot(), q);
  return { ...clusterView(reach, { by: q.by, group: q.group }), meta };
});
