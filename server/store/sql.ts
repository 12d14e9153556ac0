/**
 * The little SQL the store needs, the same text for both backends: statements use PostgreSQL's
 * `$1, $2 ...` placeholders (the SQLite driver rewrites them), ISO-8601 text for times and JSON text
 * for documents, so one store implementation (store.ts) runs on both.
 */
export type Row = Record<string, unknown>;

export interface Sql {
  /** The rows of a query (or of a write with RETURNING). */
  all<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** A write; how many rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

export interface Driver extends Sql {
  dialect: "sqlite" | "postgres";
  /** Where the data lives, for messages (a file path, or the database URL without its password). */
  location: string;
  /**
   * Runs `fn` in one transaction that holds the store's write lock from its start (SQLite: BEGIN
   * IMMEDIATE; PostgreSQL: a transaction-scoped advisory lock on `lockKey`), so read-then-write
   * sequences of concurrent writers — other requests, other replicas — never interleave.
   */
  tx<T>(lockKey: string, fn: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `$1 … $n` → `?` with the parameters in the order they appear (SQLite binds positionally). */
export function positional(sql: string, params: readonly unknown[]): { sql: string; params: unknown[] } {
  const ordered: unknown[] = [];
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    const i = Number(n) - 1;
    if (i < 0 || i >= params.length) throw new Error(`placeholder $${n} has no parameter (${params.length} given)`);
    ordered.push(params[i]);
    return "?";
  });
  return { sql: text, params: ordered };
}

/** A database URL with its password replaced, for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable database URL)";
  }
}
