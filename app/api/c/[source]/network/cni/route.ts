// GET /api/c/:source/network/cni — whose semantics the network answers use, why, and what they do not evaluate
import { z } from "zod";
import { route } from "@/server/api";
import { analysisFor, semantics } from "../semantics";

export const GET = route({ query: z.object(semantics) }, async ({ snapshot, query }) => {
  const { meta } = analysisFor(await snapshot(), query);
  return { meta };
});
