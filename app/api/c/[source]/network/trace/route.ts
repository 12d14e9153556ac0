// GET /api/c/:source/network/trace — one flow explained: verdict, each side's deciding policies, and the flow's graph
import type { TraceResponse } from "@/lib/contracts";
import { z } from "zod";
import { traceFlow } from "@/lib/netpol/trace-view";
import { route } from "@/server/api";
import { analysisFor, semantics } from "../semantics";

const Query = z.object({
  from: z.string().min(1).max(600),
  to: z.string().min(1).max(600),
  /** A number, or a Service port's name when `to` is a Service */
  port: z.string().min(1).max(63),
  protocol: z.enum(["TCP", "UDP", "SCTP"]).default("TCP"),
  ...semantics,
});

export const GET = route({ query: Query }, async ({ snapshot, query: q }) => {
  const { model, index, meta } = analysisFor(await snapshot(), q);
  const port = /^\d+$/.test(q.port) ? Number(q.port) : q.port;
  return { ...traceFlow(model, index, { from: q.from, to: q.to, port, protocol: q.protocol }), meta } satisfies TraceResponse;
});
