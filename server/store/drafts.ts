/**
 * What-if drafts on the store's SQL: YAML kept for its owner under an unguessable id (128 random
 * bits) that can be shared with a reviewer, bounded in size, in number per owner and in lifetime.
 */
import { randomBytes } from "node:crypto";
import { ClearanceError } from "../../lib/errors";
import type { Driver } from "./sql";
import { DRAFT_DEFAULT_TTL_MS, DRAFT_MAX_BYTES, DRAFT_MAX_TTL_MS, DRAFTS_PER_OWNER, type Draft, type DraftStore } from "./types";

type DraftRow = { id: string; owner: string; source_id: string; title: string; yaml: string; created_at: string; updated_at: string; expires_at: string };

const toDraft = (r: DraftRow): Draft => ({ id: r.id, owner: r.owner, sourceId: r.source_id, title: r.title, yaml: r.yaml, createdAt: r.created_at, updatedAt: r.updated_at, expiresAt: r.expires_at });

const ID = /^[A-Za-z0-9_-]{22}$/;
const MAX_TITLE = 200;

function checkYaml(yaml: string): void {
  const bytes = Buffer.byteLength(yaml, "utf8");
  if (bytes > DRAFT_MAX_BYTES) throw new ClearanceError("bad_request", `the draft is ${bytes} bytes; a draft holds at most ${DRAFT_MAX_BYTES} bytes of YAML`);
}

export function draftStore(db: Driver, now: () => Date): DraftStore {
  const get = async (id: string) => {
    if (!ID.test(id)) return undefined;
    const [row] = await db.all<DraftRow>(`SELECT * FROM drafts WHERE id = $1 AND expires_at > $2`, [id, now().toISOString()]);
    return row ? toDraft(row) : undefined;
  };
  const owned = async (id: string, owner: string) => {
    const d = await get(id);
    if (!d) throw new ClearanceError("not_found", `no draft ${id} (it may have expired)`);
    if (d.owner !== owner) throw new ClearanceError("forbidden", `draft ${id} belongs to someone else: only its owner can change it`);
    return d;
  };

  return {
    async create(input) {
      checkYaml(input.yaml);
      if (!input.owner) throw new ClearanceError("bad_request", "a draft needs an owner");
      const ttl = Math.min(DRAFT_MAX_TTL_MS, Math.max(60_000, input.ttlMs ?? DRAFT_DEFAULT_TTL_MS));
      const at = now();
      const d: Draft = {
        id: randomBytes(16).toString("base64url"),
        owner: input.owner,
        sourceId: input.sourceId,
        title: (input.title ?? "").slice(0, MAX_TITLE),
        yaml: input.yaml,
        createdAt: at.toISOString(),
        updatedAt: at.toISOString(),
        expiresAt: new Date(at.getTime() + ttl).toISOString(),
      };
      await db.tx(`drafts:${input.owner}`, async (sql) => {
        await sql.run(`INSERT INTO drafts (id, owner, source_id, title, yaml, created_at, updated_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $6, $7)`, [d.id, d.owner, d.sourceId, d.title, d.yaml, d.createdAt, d.expiresAt]);
        const extra = await sql.all<{ id: string }>(`SELECT id FROM drafts WHERE owner = $1 ORDER BY created_at DESC, id DESC LIMIT 1000 OFFSET $2`, [d.owner, DRAFTS_PER_OWNER]);
        for (const x of extra) await sql.run(`DELETE FROM drafts WHERE id = $1`, [x.id]);
      });
      return d;
    },
    get,
    async update(id, owner, change) {
      if (change.yaml !== undefined) checkYaml(change.yaml);
      const d = await owned(id, owner);
      const next = { ...d, ...(change.yaml !== undefined ? { yaml: change.yaml } : {}), ...(change.title !== undefined ? { title: change.title.slice(0, MAX_TITLE) } : {}), updatedAt: now().toISOString() };
      await db.run(`UPDATE drafts SET yaml = $1, title = $2, updated_at = $3 WHERE id = $4 AND owner = $5`, [next.yaml, next.title, next.updatedAt, id, owner]);
      return next;
    },
    async delete(id, owner) {
      await owned(id, owner);
      await db.run(`DELETE FROM drafts WHERE id = $1 AND owner = $2`, [id, owner]);
    },
    list: async (owner) => (await db.all<DraftRow>(`SELECT * FROM drafts WHERE owner = $1 AND expires_at > $2 ORDER BY created_at DESC, id DESC`, [owner, now().toISOString()])).map(toDraft),
    purgeExpired: () => db.run(`DELETE FROM drafts WHERE expires_at <= $1`, [now().toISOString()]),
  };
}
