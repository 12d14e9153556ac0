// GET /api/c/:source/network/matrix-view — one page of the namespace (or namespace-group) matrix, searched and sorted, with heat values
import { z } from "zod";
import { matrixView } from "@/lib/netpol/matrix-view";
import { route } from "@/server/api";
import { analysisFor, semantics } from "../semantics";

const Query = z.object({
  by: z.string().max(317).optional(),
  search: z.string().max(253).optional(),
  sort: z.enum(["name", "out", "in", "cluster"]).default("name"),
  rows: z.coerce.number().int().min(0).max(10_000).default(0),
  cols: z.coerce.number().int().min(0).max(10_000).default(0),
  size: z.coerce.number().int().min(5).max(100).default(40),
  ...semantics,
});

export const GET = route({ query: Query }, async ({ snapshot, query: q }) => {
  const { reach, meta } = analysisFor(await snapshot(), q);
  return { ...matrixView(reach, { by: q.by, search: q.search, sort: q.sort, rowPage: q.rows, colPage: q.cols, pageSize: q.size }), meta };
});
