// GET /api/c/:source/network/policy — one policy: its rules in words and the pods it selects
import { z } from "zod";
import { policyDetail } from "@/lib/netpol/policy-view";
import { route } from "@/server/api";
import { analysisFor, semantics } from "../semantics";

const Query = z.object({ id: z.string().min(1).max(600), ...semantics });

export const GET = route({ query: Query }, async ({ snapshot, query }) => {
  const { model } = analysisFor(await snapshot(), query);
  return policyDetail(model, query.id);
});
