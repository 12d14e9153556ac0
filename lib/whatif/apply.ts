/**
 * A draft applied to a snapshot: each entry normalized as the loader would (so the API's defaults
 * and validation apply), patches merged into the existing object's manifest, deletes removing the
 * object; the result is the overlay of the base (lib/model/overlay.ts), which leaves the base's
 * contents untouched (the base is made `trackable` so analyses of the draft can reuse its own). What could not be applied is an issue naming the document or line; the rest applies.
 */
import { derive, trackable } from "../analysis/memo";
import { KIND_BY_NAME, kindOfCollection, normalizeObject, type ClusterSnapshot, type CollectionKey, type LoadIssue } from "../model";
import { LOSSY_KINDS, toManifest } from "../model/manifest";
import { overlaySnapshot, type RecordChange } from "../model/overlay";
import { formatObjectKey, type DraftEntry, type ObjectKey, type ParsedDraft } from "./draft";
import { strategicMerge } from "./patch";

export type ChangeOp = "create" | "replace" | "patch" | "delete";

/** What the draft does to one object, for the summary. */
export interface ChangeRow extends ObjectKey {
  op: ChangeOp;
  document?: number;
  line?: number;
}

export interface AppliedDraft {
  snapshot: ClusterSnapshot;
  changes: ChangeRow[];
  /** Objects the control plane would remove as a consequence (a deleted namespace's contents, a deleted workload's pods). */
  cascaded: string[];
  /** Entries that could not be applied (also in snapshot.issues). */
  issues: LoadIssue[];
}

export interface Found {
  key: CollectionKey;
  record: { kind?: string; namespace?: string; name: string };
}

/** The record of `kind namespace/name` in a snapshot, with its collection. */
export function findRecord(s: ClusterSnapshot, k: ObjectKey): Found | undefined {
  return recordFinder(s)(k);
}

/** Looks records up by kind, namespace and name; each collection is indexed on its first look-up (a draft looks up dozens). */
function recordFinder(s: ClusterSnapshot): (k: ObjectKey) => Found | undefined {
  const indexes = new Map<CollectionKey, Map<string, Found["record"]>>();
  const id = (kind: string, namespace: string | undefined, name: string) => `${kind}\u0000${namespace ?? "\u0001"}\u0000${name}`;
  return (k) => {
    const info = KIND_BY_NAME.get(k.kind);
    if (!info) return undefined;
    let index = indexes.get(info.key);
    if (!index) {
      index = new Map();
      for (const r of s[info.key] as unknown as Found["record"][]) {
        const key = id(r.kind ?? kindOfCollection(info.key), r.namespace ?? undefined, r.name);
        if (!(r as { implicit?: boolean }).implicit && !index.has(key)) index.set(key, r);
      }
      indexes.set(info.key, index);
    }
    const record = index.get(id(k.kind, k.namespace ?? undefined, k.name));
    return record ? { key: info.key, record } : undefined;
  };
}

/** A record's manifest (for editing as YAML and for patches), or why there is none. */
export function manifestOf(s: ClusterSnapshot, k: ObjectKey): { manifest: unknown; lossy: boolean } | { error: string } {
  const found = findRecord(s, k);
  if (!found) return { error: `${formatObjectKey(k)} is not in the cluster` };
  const manifest = toManifest(k.kind, found.record);
  if (!manifest) return { error: `${k.kind} objects cannot be edited as YAML here; delete it and write a new one` };
  return { manifest, lossy: LOSSY_KINDS.has(k.kind) };
}

/** A record change; `kind` is the kind field the collection's records carry (none for single-kind collections). */
function change(key: CollectionKey, k: ObjectKey, kind: string | undefined, record?: unknown): RecordChange {
  return { key, ...(kind ? { kind } : {}), ...(k.namespace ? { namespace: k.namespace } : {}), name: k.name, ...(record !== undefined ? { record } : {}) };
}

/** The snapshot with the draft applied (see file comment). `synthesizePods` as the base's source did. */
export function applyDraft(base: ClusterSnapshot, draft: ParsedDraft, source = "draft"): AppliedDraft {
  const issues: LoadIssue[] = [...draft.issues];
  const changes: ChangeRow[] = [];
  const records: RecordChange[] = [];
  const issue = (e: DraftEntry, message: string, severity: "error" | "warning" = "error") =>
    issues.push({ severity, source: e.source ?? source, ...(e.document ? { document: e.document } : {}), ...(e.line ? { line: e.line } : {}), kind: e.kind, ...(e.namespace ? { namespace: e.namespace } : {}), name: e.name, message });
  // later entries see earlier ones: a patch after an apply of the same object patches the new manifest
  const pending = new Map<string, { manifest: unknown; key: CollectionKey; kind?: string }>();
  const id = (k: ObjectKey) => formatObjectKey(k);
  const find = recordFinder(base);
  for (const e of draft.entries) {
    const where = { ...(e.document ? { document: e.document } : {}), ...(e.line ? { line: e.line } : {}) };
    const key = { kind: e.kind, ...(e.namespace ? { namespace: e.namespace } : {}), name: e.name };
    const existing = find(e);
    if (e.op === "delete") {
      const created = pending.get(id(e));
      if (!existing && !created) {
        issue(e, `nothing to delete: ${formatObjectKey(e)} is not in the cluster`, "warning");
        continue;
      }
      pending.delete(id(e));
      records.push(existing ? change(existing.key, e, existing.record.kind) : change(created!.key, e, created!.kind));
      changes.push({ op: "delete", ...key, ...where });
      continue;
    }
    let manifest: unknown;
    if (e.op === "patch") {
      const target = pending.get(id(e))?.manifest ?? (existing ? toManifest(e.kind, existing.record) : undefined);
      if (!target) {
        issue(e, existing ? `${e.kind} objects cannot be patched in a draft; write the whole object instead` : `nothing to patch: ${formatObjectKey(e)} is not in the cluster`);
        continue;
      }
      manifest = strategicMerge(target, e.patch);
    } else manifest = e.manifest;
    const r = normalizeObject(manifest);
    if (r.status !== "ok") {
      issue(e, r.status === "ignored" ? `${e.kind} is not analysed by Clearance; it changes nothing here` : r.message, r.status === "ignored" ? "warning" : r.severity);
      continue;
    }
    const kind = (r.record as { kind?: string }).kind;
    pending.set(id(e), { manifest, key: r.key, ...(kind ? { kind } : {}) });
    records.push(change(r.key, e, kind, r.record));
    changes.push({ op: e.op === "patch" ? "patch" : existing ? "replace" : "create", ...key, ...where });
  }
  const { snapshot, cascaded } = overlaySnapshot(base, records, { synthesizePods: base.source.type !== "live", issues });
  // analyses of the draft reuse the source's where they read only collections the draft left alone
  // (lib/analysis/memo.ts: the overlay shares those arrays)
  derive(trackable(base), trackable(snapshot));
  return { snapshot, changes: mergeRows(changes), cascaded, issues };
}

/** One row per object: the last operation wins, but a patch of an object the draft creates stays a create. */
function mergeRows(rows: readonly ChangeRow[]): ChangeRow[] {
  const out = new Map<string, ChangeRow>();
  for (const r of rows) {
    const prev = out.get(formatObjectKey(r));
    out.set(formatObjectKey(r), prev && r.op === "patch" && (prev.op === "create" || prev.op === "replace") ? prev : r);
  }
  return [...out.values()];
}
