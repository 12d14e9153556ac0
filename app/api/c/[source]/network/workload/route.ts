// GET /api/c/:source/network/workload — one workload: the policies guarding each direction, its identities and how the outside reaches it
import { z } from "zod";
import { workloadDetail } from "@/lib/netpol/workload-view";
import { route } from "@/server/api";
import { analysisFor, semantics } from "../semantics";

const Query = z.object({ key: z.string().min(3).max(600), ...semantics });

export const GET = route({ query: Query }, async ({ snapshot, query }) => {
  const { reach } = analysisFor(await snapshot(), query);
  return workloadDetail(reach, query.key);
});
