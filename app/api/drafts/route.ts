// GET /api/drafts — the viewer's drafts; POST /api/drafts — a new draft from YAML ({source, text, title}), answered with its URL
import { DraftBody, draftView } from "@/lib/whatif/api";
import { readBody, route } from "@/server/api";
import { createDraft, draftStore, ownerOf } from "@/server/drafts";
import { DRAFT_MAX_BYTES } from "@/server/store";

export const GET = route({}, async ({ viewer }) => ({ drafts: (await (await draftStore()).list(ownerOf(viewer))).map((d) => draftView(d, true)) }));

export const POST = route({}, async ({ req, viewer }) => draftView(await createDraft(viewer, await readBody(req, DraftBody, 2 * DRAFT_MAX_BYTES)), true));
