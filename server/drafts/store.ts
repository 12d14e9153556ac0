/**
 * Drafts in this process's memory, for when the store (server/store) is disabled — no data
 * directory, no database — so the what-if workbench still works on a laptop or the demo. Same
 * interface and bounds as the store's drafts (server/store/drafts.ts): size, number per owner (the
 * oldest goes), lifetime; plus a bound on all drafts held. Gone on restart.
 */
import { randomBytes } from "node:crypto";
import { ClearanceError } from "../../lib/errors";
import { DRAFT_DEFAULT_TTL_MS, DRAFT_MAX_BYTES, DRAFT_MAX_TTL_MS, DRAFTS_PER_OWNER, type Draft, type DraftStore } from "../store/types";

const ID = /^[A-Za-z0-9_-]{22}$/;

export function memoryDraftStore(capacity = 5000, now: () => Date = () => new Date()): DraftStore {
  const drafts = new Map<string, Draft>(); // insertion order: oldest created first
  const live = (d: Draft | undefined) => (d && d.expiresAt > now().toISOString() ? d : undefined);
  const check = (yaml: string) => {
    const bytes = Buffer.byteLength(yaml, "utf8");
    if (bytes > DRAFT_MAX_BYTES) throw new ClearanceError("bad_request", `the draft is ${bytes} bytes; a draft holds at most ${DRAFT_MAX_BYTES} bytes of YAML`);
  };
  const owned = (id: string, owner: string) => {
    const d = live(drafts.get(id));
    if (!d) throw new ClearanceError("not_found", `no draft ${id} (it may have expired)`);
    if (d.owner !== owner) throw new ClearanceError("forbidden", `draft ${id} belongs to someone else: only its owner can change it`);
    return d;
  };
  const purge = () => {
    let n = 0;
    for (const d of [...drafts.values()]) if (!live(d)) n += drafts.delete(d.id) ? 1 : 0;
    return n;
  };
  return {
    async create(input) {
      check(input.yaml);
      if (!input.owner) throw new ClearanceError("bad_request", "a draft needs an owner");
      purge();
      const at = now();
      const ttl = Math.min(DRAFT_MAX_TTL_MS, Math.max(60_000, input.ttlMs ?? DRAFT_DEFAULT_TTL_MS));
      const d: Draft = { id: randomBytes(16).toString("base64url"), owner: input.owner, sourceId: input.sourceId, title: (input.title ?? "").slice(0, 200), yaml: input.yaml, createdAt: at.toISOString(), updatedAt: at.toISOString(), expiresAt: new Date(at.getTime() + ttl).toISOString() };
      drafts.set(d.id, d);
      const mine = [...drafts.values()].filter((x) => x.owner === d.owner);
      for (const x of mine.slice(0, Math.max(0, mine.length - DRAFTS_PER_OWNER))) drafts.delete(x.id);
      while (drafts.size > capacity) drafts.delete(drafts.keys().next().value!);
      return { ...d };
    },
    async get(id) {
      const d = ID.test(id) ? live(drafts.get(id)) : undefined;
      return d ? { ...d } : undefined;
    },
    async update(id, owner, change) {
      if (change.yaml !== undefined) check(change.yaml);
      const d = owned(id, owner);
      const next = { ...d, ...(change.yaml !== undefined ? { yaml: change.yaml } : {}), ...(change.title !== undefined ? { title: change.title.slice(0, 200) } : {}), updatedAt: now().toISOString() };
      drafts.set(id, next);
      return { ...next };
    },
    async delete(id, owner) {
      owned(id, owner);
      drafts.delete(id);
    },
    async list(owner) {
      return [...drafts.values()].filter((d) => d.owner === owner && live(d)).reverse().map((d) => ({ ...d }));
    },
    purgeExpired: async () => purge(),
  };
}
