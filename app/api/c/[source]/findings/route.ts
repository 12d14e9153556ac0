// GET /api/c/:source/findings — one page of the source's findings (exceptions applied) under the Findings
// page's filters (lib/findings/query.ts: severity, area, rule, namespace, status, q, group, defaults),
// with the counts the controls need, the rule catalogue and the score. `id` adds that finding wherever it is.
import { z } from "zod";
import { route } from "@/server/api";
import { findingsPageFor } from "@/server/analysis";

const list = z.union([z.string().max(2000), z.array(z.string().max(2000)).max(50)]).optional();
const Query = z.object({
  defaults: z.enum(["0", "1"]).optional(),
  severity: list,
  area: list,
  rule: list,
  namespace: list,
  status: list,
  q: z.string().max(1000).optional(),
  group: z.enum(["none", "rule", "namespace", "severity", "area"]).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(5000).optional(),
  id: z.string().max(1000).optional(),
});

export const GET = route({ query: Query }, ({ sourceId, req, query }) => findingsPageFor(sourceId, new URL(req.url).searchParams, query));
