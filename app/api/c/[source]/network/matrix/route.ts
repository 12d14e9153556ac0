// GET /api/c/:source/network/matrix — namespace × namespace allowed connectivity (and "outside"), non-empty cells only
import type { MatrixResponse } from "@/lib/contracts";
import { z } from "zod";
import { namespaceMatrix } from "@/lib/netpol/matrix";
import { route } from "@/server/api";
import { analysisFor, semantics } from "../semantics";

export const GET = route({ query: z.object(semantics) }, async ({ snapshot, query }) => {
  const { reach, meta } = analysisFor(await snapshot(), query);
  return { ...namespaceMatrix(reach), meta } satisfies MatrixResponse;
});
