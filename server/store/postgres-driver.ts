/**
 * PostgreSQL through node-postgres: a small pool per process. Several replicas share the database;
 * writes that read first take a transaction-scoped advisory lock (`pg_advisory_xact_lock`) so they
 * are serialised across every replica, and the lock ends with the transaction, also when a replica
 * dies mid-way (https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS).
 */
import pg from "pg";
import { redactUrl, type Driver, type Sql } from "./sql";

/** pg returns BIGINT (COUNT, BIGSERIAL) as strings; every id and count here fits a JS number. */
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

const on = (q: pg.Pool | pg.PoolClient): Sql => ({
  all: async <T>(text: string, params: readonly unknown[] = []) => (await q.query(text, params as unknown[])).rows as T[],
  run: async (text, params = []) => (await q.query(text, params as unknown[])).rowCount ?? 0,
});

export function postgresDriver(url: string, opts: { max?: number; log?: (msg: string) => void } = {}): Driver {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 4, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000, application_name: "clearance" });
  // An idle connection the server closed (restart, failover) must not take the process down.
  pool.on("error", (e) => (opts.log ?? console.error)(`store: PostgreSQL connection lost: ${e.message}`));
  return {
    dialect: "postgres",
    location: redactUrl(url),
    ...on(pool),
    async tx(lockKey, fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`clearance:${lockKey}`]);
        const out = await fn(on(client));
        await client.query("COMMIT");
        return out;
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
