// GET, PUT, DELETE /api/drafts/:id — one draft (anyone with the link reads it; only its owner changes or deletes it)
import { DraftUpdateBody, draftView } from "@/lib/whatif/api";
import { readBody, route } from "@/server/api";
import { deleteDraft, draftLimits, getDraft, ownerOf, updateDraft } from "@/server/drafts";

export const GET = route({}, async ({ params, viewer }) => {
  const d = await getDraft(params.id);
  return draftView(d, d.owner === ownerOf(viewer));
});

export const PUT = route({}, async ({ req, params, viewer }) => {
  const body = await readBody(req, DraftUpdateBody, draftLimits().maxBytes + 4096);
  return draftView(await updateDraft(viewer, params.id, body), true);
});

export const DELETE = route({}, async ({ params, viewer }) => {
  await deleteDraft(viewer, params.id);
  return { ok: true };
});
