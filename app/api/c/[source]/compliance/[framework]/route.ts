// GET /api/c/:source/compliance/:framework — every control of CIS, NSA or PSS: definition, checks, failing and passing resources, cost
import { frameworkOf } from "@/lib/compliance";
import { ClearanceError } from "@/lib/errors";
import { route } from "@/server/api";
import { scanFor } from "@/server/analysis";

export const GET = route({}, async ({ sourceId, params }) => {
  const framework = frameworkOf(params.framework ?? "");
  if (!framework) throw new ClearanceError("not_found", `no framework "${params.framework}": use cis, nsa or pss`);
  const { report } = await scanFor(sourceId, false);
  return report.compliance[framework];
});
