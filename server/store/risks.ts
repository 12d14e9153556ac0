/**
 * Accepted risks on the store's SQL. Each edit is one transaction that checks the version the
 * editor read (optimistic concurrency: two reviewers editing the same risk do not silently
 * overwrite each other) and writes the audit row — who, when, before and after — with the change.
 */
import { ClearanceError } from "../../lib/errors";
import { parseExceptions, type ExceptionEntry } from "../../lib/findings/exceptions";
import type { Driver, Sql } from "./sql";
import type { AcceptedRisk, RiskAuditEntry, RiskStore } from "./types";

type RiskRow = { id: number; source_id: string | null; entry: string; created_at: string; updated_at: string; version: number; revoked_by: string | null; revoked_at: string | null };
type AuditRow = { id: number; risk_id: number; action: RiskAuditEntry["action"]; actor: string; at: string; before_state: string | null; after_state: string | null };

const COLUMNS = `id, source_id, entry, created_at, updated_at, version, revoked_by, revoked_at`;

function toRisk(r: RiskRow): AcceptedRisk {
  return {
    ...(JSON.parse(r.entry) as ExceptionEntry),
    riskId: Number(r.id),
    ...(r.source_id !== null ? { sourceId: r.source_id } : {}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
    ...(r.revoked_by !== null && r.revoked_at !== null ? { revoked: { by: r.revoked_by, at: r.revoked_at } } : {}),
  };
}

/** The entry part of a risk, validated as an exceptions-file entry would be. */
function validEntry(e: ExceptionEntry): ExceptionEntry {
  const { id, rule, resource, by, reason, expires } = e;
  return parseExceptions(JSON.stringify({ exceptions: [{ id, rule, resource, by, reason, expires }] }), "accepted risk")[0];
}

const snapshotOf = (r: AcceptedRisk) => {
  const { riskId: _id, version: _v, ...rest } = r;
  void _id;
  void _v;
  return JSON.stringify(rest);
};

export function riskStore(db: Driver, now: () => Date): RiskStore {
  const one = async (sql: Sql, riskId: number) => {
    const [row] = await sql.all<RiskRow>(`SELECT ${COLUMNS} FROM accepted_risks WHERE id = $1`, [riskId]);
    return row ? toRisk(row) : undefined;
  };
  const audit = (sql: Sql, riskId: number, action: RiskAuditEntry["action"], actor: string, at: string, before?: AcceptedRisk, after?: AcceptedRisk) =>
    sql.run(`INSERT INTO accepted_risk_audit (risk_id, action, actor, at, before_state, after_state) VALUES ($1, $2, $3, $4, $5, $6)`, [
      riskId,
      action,
      actor,
      at,
      before ? snapshotOf(before) : null,
      after ? snapshotOf(after) : null,
    ]);

  /** Loads the risk inside the transaction and checks the version the caller read. */
  const current = async (sql: Sql, riskId: number, version: number) => {
    const r = await one(sql, riskId);
    if (!r) throw new ClearanceError("not_found", `no accepted risk #${riskId}`);
    if (r.version !== version) throw new ClearanceError("conflict", `accepted risk #${riskId} was changed by someone else (version ${r.version}, you edited ${version}): reload and try again`);
    if (r.revoked) throw new ClearanceError("conflict", `accepted risk #${riskId} was revoked by ${r.revoked.by} at ${r.revoked.at}`);
    return r;
  };

  return {
    async list(opts = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (opts.sourceId !== undefined) {
        params.push(opts.sourceId);
        where.push(`(source_id IS NULL OR source_id = $${params.length})`);
      }
      if (!opts.includeRevoked) where.push(`revoked_at IS NULL`);
      const rows = await db.all<RiskRow>(`SELECT ${COLUMNS} FROM accepted_risks ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id`, params);
      return rows.map(toRisk);
    },
    get: (riskId) => one(db, riskId),
    accept: (input) =>
      db.tx("risks", async (sql) => {
        const entry = validEntry(input);
        const at = now().toISOString();
        const [row] = await sql.all<{ id: number }>(`INSERT INTO accepted_risks (source_id, entry, created_at, updated_at, version) VALUES ($1, $2, $3, $3, 1) RETURNING id`, [input.sourceId ?? null, JSON.stringify(entry), at]);
        const risk = (await one(sql, Number(row.id)))!;
        await audit(sql, risk.riskId, "accept", entry.by, at, undefined, risk);
        return risk;
      }),
    edit: (riskId, version, change, actor) =>
      db.tx("risks", async (sql) => {
        const before = await current(sql, riskId, version);
        const { riskId: _i, sourceId: _s, createdAt: _c, updatedAt: _u, version: _v, revoked: _r, ...entry } = before;
        void [_i, _s, _c, _u, _v, _r];
        const next = validEntry({ ...entry, ...change });
        const at = now().toISOString();
        await sql.run(`UPDATE accepted_risks SET entry = $1, updated_at = $2, version = version + 1 WHERE id = $3 AND version = $4`, [JSON.stringify(next), at, riskId, version]);
        const after = (await one(sql, riskId))!;
        await audit(sql, riskId, "edit", actor, at, before, after);
        return after;
      }),
    revoke: (riskId, version, actor) =>
      db.tx("risks", async (sql) => {
        const before = await current(sql, riskId, version);
        const at = now().toISOString();
        await sql.run(`UPDATE accepted_risks SET revoked_by = $1, revoked_at = $2, updated_at = $2, version = version + 1 WHERE id = $3 AND version = $4`, [actor, at, riskId, version]);
        const after = (await one(sql, riskId))!;
        await audit(sql, riskId, "revoke", actor, at, before, after);
        return after;
      }),
    async audit(opts = {}) {
      const limit = Math.max(1, Math.min(10_000, Math.floor(opts.limit ?? 500)));
      const rows =
        opts.riskId !== undefined
          ? await db.all<AuditRow>(`SELECT * FROM accepted_risk_audit WHERE risk_id = $1 ORDER BY id DESC LIMIT $2`, [opts.riskId, limit])
          : await db.all<AuditRow>(`SELECT * FROM accepted_risk_audit ORDER BY id DESC LIMIT $1`, [limit]);
      return rows.map((r) => ({
        auditId: Number(r.id),
        riskId: Number(r.risk_id),
        action: r.action,
        actor: r.actor,
        at: r.at,
        ...(r.before_state ? { before: JSON.parse(r.before_state) } : {}),
        ...(r.after_state ? { after: JSON.parse(r.after_state) } : {}),
      }));
    },
  };
}
