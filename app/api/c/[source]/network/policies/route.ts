// GET /api/c/:source/network/policies — every NetworkPolicy, AdminNetworkPolicy and the baseline, with what each selects
import type { PoliciesResponse } from "@/lib/contracts";
import { z } from "zod";
import { policyList } from "@/lib/netpol/policy-view";
import { route } from "@/server/api";
import { analysisFor, semantics } from "../semantics";

export const GET = route({ query: z.object(semantics) }, async ({ snapshot, query }) => {
  const { model, meta } = analysisFor(await snapshot(), query);
  return { policies: policyList(model), meta } satisfies PoliciesResponse;
});
