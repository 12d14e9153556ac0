/**
 * The store's schema, as numbered migrations applied in order and recorded in
 * `clearance_migrations`. Each runs once, inside the migration lock, so replicas that start
 * together do not race; a database newer than this code is refused rather than misread.
 * Migration 1 is the history schema of earlier versions (CREATE … IF NOT EXISTS), so an existing
 * history.sqlite is adopted as it is.
 */
import type { Driver, Sql } from "./sql";

interface Migration {
  version: number;
  name: string;
  /** Statements; `{id}` is the auto-increment primary key column type of the dialect. */
  statements: string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "scan history",
    statements: [
      `CREATE TABLE IF NOT EXISTS scans (id {id}, source_id TEXT NOT NULL, taken_at TEXT NOT NULL, recorded_at TEXT NOT NULL, summary TEXT NOT NULL)`,
      `CREATE INDEX IF NOT EXISTS scans_by_source ON scans (source_id, id)`,
      `CREATE TABLE IF NOT EXISTS scan_findings (
        scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
        finding_id TEXT NOT NULL, severity TEXT NOT NULL, excepted INTEGER NOT NULL, finding TEXT NOT NULL,
        PRIMARY KEY (scan_id, finding_id))`,
    ],
  },
  {
    version: 2,
    name: "accepted risks with their audit trail",
    statements: [
      `CREATE TABLE accepted_risks (
        id {id}, source_id TEXT, entry TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
        version INTEGER NOT NULL, revoked_by TEXT, revoked_at TEXT)`,
      `CREATE INDEX accepted_risks_by_source ON accepted_risks (source_id)`,
      `CREATE TABLE accepted_risk_audit (
        id {id}, risk_id INTEGER NOT NULL REFERENCES accepted_risks (id), action TEXT NOT NULL,
        actor TEXT NOT NULL, at TEXT NOT NULL, before_state TEXT, after_state TEXT)`,
      `CREATE INDEX accepted_risk_audit_by_risk ON accepted_risk_audit (risk_id, id)`,
    ],
  },
  {
    version: 3,
    name: "what-if drafts",
    statements: [
      `CREATE TABLE drafts (
        id TEXT PRIMARY KEY, owner TEXT NOT NULL, source_id TEXT NOT NULL, title TEXT NOT NULL, yaml TEXT NOT NULL,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL, expires_at TEXT NOT NULL)`,
      `CREATE INDEX drafts_by_owner ON drafts (owner, created_at)`,
      `CREATE INDEX drafts_by_expiry ON drafts (expires_at)`,
    ],
  },
];

const ID = { sqlite: "INTEGER PRIMARY KEY AUTOINCREMENT", postgres: "SERIAL PRIMARY KEY" } as const;

/** Applies the migrations the database lacks; returns the versions applied. */
export async function migrate(db: Driver, now: () => Date = () => new Date()): Promise<number[]> {
  return db.tx("migrations", async (sql: Sql) => {
    await sql.run(`CREATE TABLE IF NOT EXISTS clearance_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const done = new Set((await sql.all<{ version: number }>(`SELECT version FROM clearance_migrations`)).map((r) => Number(r.version)));
    const newest = Math.max(0, ...done);
    const known = MIGRATIONS[MIGRATIONS.length - 1].version;
    if (newest > known) throw new Error(`the database ${db.location} has schema version ${newest}, newer than this Clearance knows (${known}): upgrade Clearance`);
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      for (const s of m.statements) await sql.run(s.replaceAll("{id}", ID[db.dialect]));
      await sql.run(`INSERT INTO clearance_migrations (version, name, applied_at) VALUES ($1, $2, $3)`, [m.version, m.name, now().toISOString()]);
      applied.push(m.version);
    }
    return applied;
  });
}
