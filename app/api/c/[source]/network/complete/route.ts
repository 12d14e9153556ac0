// GET /api/c/:source/network/complete — endpoint names matching `q` for a flow's source or destination, and the ports of `ports` (a destination)
import { z } from "zod";
import { suggestEndpoints, suggestPorts } from "@/lib/netpol/completion";
import { route } from "@/server/api";
import { analysisFor } from "../semantics";

const Query = z.object({
  q: z.string().max(300).default(""),
  role: z.enum(["source", "destination"]).default("source"),
  ports: z.string().max(600).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const GET = route({ query: Query }, async ({ snapshot, query: q }) => {
  const { model, index } = analysisFor(await snapshot(), {});
  return { endpoints: suggestEndpoints(model, q.q, q.role, q.limit), ports: q.ports ? suggestPorts(model, index, q.ports) : [] };
});
