/**
 * SQLite through better-sqlite3: WAL, and a busy timeout so another process writing the same file
 * (a CLI scan while the dashboard runs) waits instead of failing. better-sqlite3 is synchronous
 * and a wait for another connection's lock blocks the whole thread, so a process opens each file
 * once: every store on that file shares one connection, and its statements go through one queue
 * that a transaction holds until it ends (a transaction spans awaits).
 */
import path from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { positional, type Driver, type Sql } from "./sql";

/**
 * better-sqlite3 is a native addon and an optional dependency of the package: where it could not be
 * installed (no compiler, `--omit=optional`), opening a SQLite store fails with this reason and the
 * store is disabled (server/store/index.ts); everything else runs.
 */
const Database: typeof BetterSqlite3 | Error = await import("better-sqlite3").then(
  (m) => m.default,
  (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
);

interface Connection {
  db: BetterSqlite3.Database;
  direct: Sql;
  queue: Promise<unknown>;
  refs: number;
}

const open = new Map<string, Connection>();

function connect(file: string): Connection {
  if (Database instanceof Error) throw new Error(`better-sqlite3 is not available (${Database.message.split("\n")[0]}); install it where clearance is installed (npm install -g better-sqlite3@12 for a global install)`);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepare = (text: string) => {
    let st = cache.get(text);
    if (!st) cache.set(text, (st = db.prepare(text)));
    return st;
  };
  const direct: Sql = {
    all: async <T>(text: string, params: readonly unknown[] = []) => {
      const p = positional(text, params);
      const st = prepare(p.sql);
      return (st.reader ? st.all(...p.params) : (st.run(...p.params), [])) as T[];
    },
    run: async (text, params = []) => {
      const p = positional(text, params);
      return prepare(p.sql).run(...p.params).changes;
    },
  };
  return { db, direct, queue: Promise.resolve(), refs: 0 };
}

export function sqliteDriver(file: string): Driver {
  const key = path.resolve(file);
  let c = open.get(key);
  if (!c) open.set(key, (c = connect(key)));
  c.refs++;
  const conn = c;
  let closed = false;
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    if (closed) return Promise.reject(new Error(`the store on ${file} is closed`));
    const next = conn.queue.then(fn, fn);
    conn.queue = next.catch(() => {});
    return next;
  };
  return {
    dialect: "sqlite",
    location: file,
    all: (text, params) => serial(() => conn.direct.all(text, params)),
    run: (text, params) => serial(() => conn.direct.run(text, params)),
    tx: (_lockKey, fn) =>
      serial(async () => {
        conn.db.exec("BEGIN IMMEDIATE");
        try {
          const out = await fn(conn.direct);
          conn.db.exec("COMMIT");
          return out;
        } catch (e) {
          if (conn.db.inTransaction) conn.db.exec("ROLLBACK");
          throw e;
        }
      }),
    close: async () => {
      if (closed) return;
      await serial(async () => {});
      closed = true;
      if (--conn.refs === 0) {
        open.delete(key);
        conn.db.close();
      }
    },
  };
}
