// GET /api/drafts — the viewer's drafts; POST /api/drafts — a new draft from YAML ({source, text, title}), answered with its URL
import { DraftBody, draftView } from "@/lib/whatif/api";
import { readBody, route } from "@/server/api";
import { createDraft, draftsOf } from "@/server/drafts";
import { DRAFT_MAX_BYTES } from "@/server/store";

export const GET = route({}, async ({ viewer }) => draftsOf(viewer));

export const POST = route({}, async ({ req, viewer }) => draftView(await createDraft(viewer, await readBody(req, DraftBody, 2 * DRAFT_MAX_BYTES)), true));
