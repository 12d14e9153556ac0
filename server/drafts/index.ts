import "server-only";
/**
 * Drafts on the server: kept per user with a bounded lifetime and size, readable by anyone allowed
 * into Clearance who holds the link (that is how a draft is shared with a reviewer), changed only
 * by their owner. A source id `<source>~<draft>` (lib/whatif/source-id.ts) makes every view show
 * the source with the draft applied; the applied snapshot is cached per base snapshot and draft
 * revision, a few at a time.
 *
 * Limits (environment): CLEARANCE_DRAFT_TTL_HOURS (168: a draft expires a week after its last
 * change), CLEARANCE_DRAFT_MAX_KB (512), CLEARANCE_DRAFT_MAX_OBJECTS (200),
 * CLEARANCE_DRAFTS_PER_USER (20).
 */
import { randomBytes } from "node:crypto";
import { ClearanceError } from "../../lib/errors";
import type { ClusterSnapshot } from "../../lib/model";
import { applyDraft, type AppliedDraft } from "../../lib/whatif/apply";
import { parseDraft } from "../../lib/whatif/draft";
import { DRAFT_ID } from "../../lib/whatif/source-id";
import type { Viewer } from "../auth/guard";
import { MemoryDraftStore, type DraftRecord, type DraftStore } from "./store";

export type { DraftRecord } from "./store";

export interface DraftLimits {
  ttlMs: number;
  maxBytes: number;
  maxObjects: number;
  perUser: number;
}

export function draftLimits(env: NodeJS.ProcessEnv = process.env): DraftLimits {
  const num = (v: string | undefined, d: number) => (v && Number(v) > 0 ? Number(v) : d);
  return {
    ttlMs: num(env.CLEARANCE_DRAFT_TTL_HOURS, 168) * 3_600_000,
    maxBytes: num(env.CLEARANCE_DRAFT_MAX_KB, 512) * 1024,
    maxObjects: num(env.CLEARANCE_DRAFT_MAX_OBJECTS, 200),
    perUser: num(env.CLEARANCE_DRAFTS_PER_USER, 20),
  };
}

const holder = globalThis as unknown as { __clearanceDrafts?: DraftStore };

/** The store in use (one per process; a shared store is set here once it exists). */
export function draftStore(): DraftStore {
  return (holder.__clearanceDrafts ??= new MemoryDraftStore());
}

export function setDraftStore(store: DraftStore): void {
  holder.__clearanceDrafts = store;
}

/** Who owns what a viewer writes: the provider's subject, else e-mail, else name. */
export function ownerOf(v: Viewer): string {
  return v.sub ?? v.email ?? v.name;
}

/** The text within the limits, or a bad_request naming the limit. */
function checkText(text: string, limits: DraftLimits): void {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > limits.maxBytes) throw new ClearanceError("bad_request", `the draft is ${Math.ceil(bytes / 1024)} KB; a draft may hold ${limits.maxBytes / 1024} KB (CLEARANCE_DRAFT_MAX_KB)`);
  const objects = parseDraft(text).entries.length;
  if (objects > limits.maxObjects) throw new ClearanceError("bad_request", `the draft changes ${objects} objects; a draft may change ${limits.maxObjects} (CLEARANCE_DRAFT_MAX_OBJECTS)`);
}

export async function getDraft(id: string): Promise<DraftRecord> {
  const d = DRAFT_ID.test(id) ? await draftStore().get(id) : undefined;
  if (!d) throw new ClearanceError("not_found", "this draft does not exist or has expired (drafts last a limited time after their last change)");
  return d;
}

export interface DraftInput {
  source: string;
  text: string;
  title?: string;
}

export async function createDraft(viewer: Viewer, input: DraftInput, limits = draftLimits()): Promise<DraftRecord> {
  checkText(input.text, limits);
  const owner = ownerOf(viewer);
  const mine = await draftStore().listByOwner(owner);
  if (mine.length >= limits.perUser) throw new ClearanceError("bad_request", `you have ${mine.length} drafts, the most one user may keep (CLEARANCE_DRAFTS_PER_USER); delete one first`);
  const now = new Date();
  const d: DraftRecord = {
    id: randomBytes(16).toString("base64url"),
    owner,
    ownerName: viewer.email ?? viewer.name,
    source: input.source,
    title: input.title?.trim() || "Untitled draft",
    text: input.text,
    revision: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + limits.ttlMs).toISOString(),
  };
  await draftStore().put(d);
  return d;
}

async function owned(viewer: Viewer, id: string): Promise<DraftRecord> {
  const d = await getDraft(id);
  if (d.owner !== ownerOf(viewer)) throw new ClearanceError("forbidden", `this draft belongs to ${d.ownerName}: save a copy to change it`);
  return d;
}

export async function updateDraft(viewer: Viewer, id: string, input: Partial<DraftInput>, limits = draftLimits()): Promise<DraftRecord> {
  const d = await owned(viewer, id);
  if (input.text !== undefined) checkText(input.text, limits);
  const now = new Date();
  const next: DraftRecord = {
    ...d,
    ...(input.text !== undefined ? { text: input.text } : {}),
    ...(input.title !== undefined ? { title: input.title.trim() || d.title } : {}),
    ...(input.source ? { source: input.source } : {}),
    revision: d.revision + 1,
    updatedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + limits.ttlMs).toISOString(),
  };
  await draftStore().put(next);
  return next;
}

export async function deleteDraft(viewer: Viewer, id: string): Promise<void> {
  await owned(viewer, id);
  await draftStore().delete(id);
}

/** Applied drafts, newest last: a few snapshots at a time (each holds its own analyses). */
const applied: { base: ClusterSnapshot; id: string; revision: number; result: AppliedDraft }[] = [];
const APPLIED_CACHE = 6;

/** The base snapshot with the draft applied, cached per base snapshot and draft revision. */
export function appliedDraft(base: ClusterSnapshot, d: DraftRecord): AppliedDraft {
  const i = applied.findIndex((a) => a.base === base && a.id === d.id && a.revision === d.revision);
  if (i >= 0) {
    const [hit] = applied.splice(i, 1);
    applied.push(hit);
    return hit.result;
  }
  const result = applyDraft(base, parseDraft(d.text));
  applied.push({ base, id: d.id, revision: d.revision, result });
  if (applied.length > APPLIED_CACHE) applied.shift();
  return result;
}
