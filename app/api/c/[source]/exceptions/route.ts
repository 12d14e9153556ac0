// POST /api/c/:source/exceptions — accept the risk of one finding (who, why, until when), written to the exceptions file
import { z } from "zod";
import { route } from "@/server/api";
import { addException } from "@/server/analysis";

const Body = z.object({
  id: z.string().min(1).max(200),
  reason: z.string().min(3).max(2000),
  expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expires must be a date YYYY-MM-DD"),
});

export const POST = route({}, async ({ req, viewer }) => {
  const parsed = Body.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: { code: "bad_request", message: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") } }, { status: 400 });
  const file = addException({ ...parsed.data, by: viewer.email ?? viewer.name });
  return { ok: true, file };
});
