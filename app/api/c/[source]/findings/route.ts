// GET /api/c/:source/findings — every finding of the source (exceptions applied), the rule catalogue and the score
import type { FindingsResponse } from "@/lib/contracts";
import { z } from "zod";
import { route } from "@/server/api";
import { scanFor } from "@/server/analysis";

const Query = z.object({ defaults: z.enum(["0", "1"]).optional() });

export const GET = route({ query: Query }, async ({ sourceId, query }) => {
  const { report } = await scanFor(sourceId, query.defaults === "1");
  return { findings: report.findings, rules: report.run.catalogue, score: report.score } satisfies FindingsResponse;
});
