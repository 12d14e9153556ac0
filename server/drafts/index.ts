/**
 * Drafts on the server: kept per user in the store (server/store: SQLite or PostgreSQL, bounded in
 * size, number per user and lifetime), or in memory with the same bounds when the store is
 * disabled. Anyone allowed into Clearance who holds a draft's link may read it — that is how a
 * draft is shared with a reviewer — and only its owner may change it. A source id
 * `<source>~<draft>` (lib/whatif/source-id.ts) makes every view show the source with the draft
 * applied; the applied snapshot is cached per base snapshot and draft text, a few at a time.
 * A draft may also change at most CLEARANCE_DRAFT_MAX_OBJECTS objects (default 200).
 */
import { ClearanceError } from "../../lib/errors";
import type { ClusterSnapshot } from "../../lib/model";
import { draftView, type DraftView } from "../../lib/whatif/api";
import { applyDraft, type AppliedDraft } from "../../lib/whatif/apply";
import { parseDraft } from "../../lib/whatif/draft";
import type { Viewer } from "../auth/guard";
import { sharedStore, type Draft, type DraftStore } from "../store";
import { memoryDraftStore } from "./store";

export type { Draft } from "../store";

const holder = globalThis as unknown as { __clearanceMemoryDrafts?: DraftStore };

/** The store's drafts, or the in-memory ones while the store is disabled. */
export async function draftStore(): Promise<DraftStore> {
  const store = await sharedStore();
  return store.state.enabled ? store.drafts : (holder.__clearanceMemoryDrafts ??= memoryDraftStore());
}

/** Who owns what a viewer writes, shown to those the draft is shared with: e-mail, else subject, else name. */
export function ownerOf(v: Viewer): string {
  return v.email ?? v.sub ?? v.name;
}

export function maxObjects(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.CLEARANCE_DRAFT_MAX_OBJECTS);
  return n > 0 ? n : 200;
}

function checkObjects(yaml: string): void {
  const n = parseDraft(yaml).entries.length;
  const max = maxObjects();
  if (n > max) throw new ClearanceError("bad_request", `the draft changes ${n} objects; a draft may change ${max} (CLEARANCE_DRAFT_MAX_OBJECTS)`);
}

/** The viewer's own drafts, as the drafts list shows them. */
export async function draftsOf(viewer: Viewer): Promise<{ drafts: DraftView[] }> {
  return { drafts: (await (await draftStore()).list(ownerOf(viewer))).map((d) => draftView(d, true)) };
}

export async function getDraft(id: string): Promise<Draft> {
  const d = await (await draftStore()).get(id);
  if (!d) throw new ClearanceError("not_found", "this draft does not exist or has expired (a draft is kept for a limited time)");
  return d;
}

export async function createDraft(viewer: Viewer, input: { source: string; text: string; title?: string }): Promise<Draft> {
  checkObjects(input.text);
  return (await draftStore()).create({ owner: ownerOf(viewer), sourceId: input.source, title: input.title?.trim() || "Untitled draft", yaml: input.text });
}

export async function updateDraft(viewer: Viewer, id: string, input: { text?: string; title?: string }): Promise<Draft> {
  if (input.text !== undefined) checkObjects(input.text);
  return (await draftStore()).update(id, ownerOf(viewer), { ...(input.text !== undefined ? { yaml: input.text } : {}), ...(input.title !== undefined ? { title: input.title.trim() || "Untitled draft" } : {}) });
}

export async function deleteDraft(viewer: Viewer, id: string): Promise<void> {
  await (await draftStore()).delete(id, ownerOf(viewer));
}

/** Applied drafts, most recently used last: a few snapshots at a time (each holds its own analyses). */
const applied: { base: ClusterSnapshot; yaml: string; result: AppliedDraft }[] = [];
const APPLIED_CACHE = 6;

/** The base snapshot with the draft applied, cached per base snapshot and draft text. */
export function appliedDraft(base: ClusterSnapshot, d: Pick<Draft, "yaml">): AppliedDraft {
  const i = applied.findIndex((a) => a.base === base && a.yaml === d.yaml);
  if (i >= 0) {
    const [hit] = applied.splice(i, 1);
    applied.push(hit);
    return hit.result;
  }
  const result = applyDraft(base, parseDraft(d.yaml));
  applied.push({ base, yaml: d.yaml, result });
  if (applied.length > APPLIED_CACHE) applied.shift();
  return result;
}
