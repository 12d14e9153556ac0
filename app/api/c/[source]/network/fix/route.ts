// GET /api/c/:source/network/fix — the smallest changes that admit one blocked flow, each with its blast radius (lib/fix/flow.ts)
import { z } from "zod";
import { fixFlow } from "@/lib/fix/flow";
import { route } from "@/server/api";
import { ipblock } from "../semantics";

const Query = z.object({
  from: z.string().min(1).max(600),
  to: z.string().min(1).max(600),
  port: z.coerce.number().int().min(1).max(65535),
  protocol: z.enum(["TCP", "UDP", "SCTP"]).default("TCP"),
  ipblock,
});

export const GET = route({ query: Query }, async ({ snapshot, query: q }) => fixFlow(await snapshot(), { from: q.from, to: q.to, port: q.port, protocol: q.protocol }, { ipBlockMatchesPods: q.ipblock === "pods" }));
