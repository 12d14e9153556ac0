// GET /api/drafts — the viewer's drafts; POST /api/drafts — a new draft from YAML ({source, text, title}), answered with its URL
import { DraftBody, draftView } from "@/lib/whatif/api";
import { readBody, route } from "@/server/api";
import { createDraft, draftLimits, draftStore, ownerOf } from "@/server/drafts";

export const GET = route({}, async ({ viewer }) => ({ drafts: (await draftStore().listByOwner(ownerOf(viewer))).map((d) => draftView(d, true)) }));

export const POST = route({}, async ({ req, viewer }) => {
  const body = await readBody(req, DraftBody, draftLimits().maxBytes + 4096);
  return draftView(await createDraft(viewer, body), true);
});
