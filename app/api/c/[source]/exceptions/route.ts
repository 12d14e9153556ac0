// /api/c/:source/exceptions — accepted risks of a source (from the store) and their audit trail;
// POST accepts one finding's risk (who, why, until when), PATCH edits reason or expiry, DELETE revokes.
import { z } from "zod";
import { riskLedger } from "@/server/analysis";
import { readBody, route } from "@/server/api";
import { sharedStore } from "@/server/store";
import { isCalendarDate } from "@/lib/findings/exceptions";
import type { Viewer } from "@/server/auth/guard";

const date = z.string().refine(isCalendarDate, "expires must be a date YYYY-MM-DD that exists");
const Accept = z.object({ id: z.string().min(1).max(200), reason: z.string().min(3).max(2000), expires: date, allSources: z.boolean().optional() });
const Edit = z.object({ riskId: z.number().int().positive(), version: z.number().int().positive(), reason: z.string().min(3).max(2000).optional(), expires: date.optional() });
const Revoke = z.object({ riskId: z.coerce.number().int().positive(), version: z.coerce.number().int().positive() });

const actor = (v: Viewer) => v.email ?? v.name;

export const GET = route({}, async ({ sourceId }) => riskLedger(sourceId));

export const POST = route({}, async ({ req, viewer, sourceId }) => {
  const b = await readBody(req, Accept);
  const store = await sharedStore();
  const risk = await store.risks.accept({ id: b.id, reason: b.reason, expires: b.expires, by: actor(viewer), ...(b.allSources ? {} : { sourceId }) });
  return { ok: true, risk };
});

export const PATCH = route({}, async ({ req, viewer }) => {
  const b = await readBody(req, Edit);
  const store = await sharedStore();
  const risk = await store.risks.edit(b.riskId, b.version, { ...(b.reason ? { reason: b.reason } : {}), ...(b.expires ? { expires: b.expires } : {}) }, actor(viewer));
  return { ok: true, risk };
});

export const DELETE = route({ query: Revoke }, async ({ query, viewer }) => {
  const store = await sharedStore();
  return { ok: true, risk: await store.risks.revoke(query.riskId, query.version, actor(viewer)) };
});
