// GET /api/c/:source/network/graph — the reachability graph around a namespace or workload (namespace level without one), within 2,000 elements
import type { GraphResponse } from "@/lib/contracts";
import { z } from "zod";
import { explorerGraph } from "@/lib/netpol/explorer-graph";
import { route } from "@/server/api";
import { analysisFor, semantics } from "../semantics";

const list = z
  .string()
  .max(2000)
  .optional()
  .transform((s) => (s ? s.split(",").filter(Boolean) : []));

const Query = z.object({
  namespace: z.string().max(253).optional(),
  /** KIND/NAME within the namespace */
  workload: z.string().max(300).optional(),
  expand: list,
  only: list,
  hops: z.coerce.number().int().min(1).max(3).default(1),
  direction: z.enum(["both", "ingress", "egress"]).default("both"),
  exposure: z.enum(["0", "1"]).default("1"),
  level: z.enum(["auto", "namespace"]).default("auto"),
  /** The grouping folded namespaces fold into past 30 (a namespace label key, or `reach`) */
  by: z.string().max(317).optional(),
  ...semantics,
});

export const GET = route({ query: Query }, async ({ snapshot, query: q }) => {
  const { reach, meta } = analysisFor(await snapshot(), q);
  const focus = q.namespace ? (q.workload ? `${q.namespace}/${q.workload}` : q.namespace) : undefined;
  const graph = explorerGraph(reach, { focus, expand: q.expand, only: q.only, hops: q.hops, ingress: q.direction !== "egress", egress: q.direction !== "ingress", exposure: q.exposure === "1", level: q.level, groupBy: q.by });
  return { ...graph, meta } satisfies GraphResponse;
});
