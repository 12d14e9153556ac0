// GET, PUT, DELETE /api/drafts/:id — one draft (anyone with the link reads it; only its owner changes or deletes it)
import { DraftUpdateBody, draftView } from "@/lib/whatif/api";
import { readBody, route } from "@/server/api";
import { deleteDraft, getDraft, ownerOf, updateDraft } from "@/server/drafts";
import { DRAFT_MAX_BYTES } from "@/server/store";

export const GET = route({}, async ({ params, viewer }) => {
  const d = await getDraft(params.id);
  return draftView(d, d.owner === ownerOf(viewer));
});

export const PUT = route({}, async ({ req, params, viewer }) => draftView(await updateDraft(viewer, params.id, await readBody(req, DraftUpdateBody, 2 * DRAFT_MAX_BYTES)), true));

export const DELETE = route({}, async ({ params, viewer }) => {
  await deleteDraft(viewer, params.id);
  return { ok: true };
});
