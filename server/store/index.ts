/**
 * Opens the store (types.ts): PostgreSQL when CLEARANCE_DATABASE_URL is set, else SQLite in
 * CLEARANCE_DATA_DIR (history.sqlite), else disabled — every call then answers with an explicit
 * "disabled" state instead of failing. A database that cannot be opened disables the store too,
 * with the reason; the dashboard's shared store tries again a little later.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { ClearanceError } from "../../lib/errors";
import { draftStore } from "./drafts";
import { historyStore } from "./history";
import { migrate } from "./migrations";
import { postgresDriver } from "./postgres-driver";
import { riskStore } from "./risks";
import { redactUrl, type Driver } from "./sql";
import { sqliteDriver } from "./sqlite-driver";
import type { Store } from "./types";

export type * from "./types";
export { DRAFT_MAX_BYTES, DRAFTS_PER_OWNER, DRAFT_DEFAULT_TTL_MS, DRAFT_MAX_TTL_MS, KEEP_SCANS } from "./types";

type Env = Readonly<Record<string, string | undefined>>;

export interface StoreOptions {
  now?: () => Date;
}

export const HISTORY_FILE = "history.sqlite";

/** A store that keeps nothing and says why. */
export function disabledStore(reason: string): Store {
  const off = () => Promise.reject(new ClearanceError("unavailable", reason));
  return {
    state: { enabled: false, reason },
    history: {
      record: async () => ({ recorded: false, reason }),
      trend: async () => [],
      latest: async () => new Map(),
      diff: async () => undefined,
      findings: async () => [],
    },
    risks: { list: async () => [], get: async () => undefined, accept: off, edit: off, revoke: off, audit: async () => [] },
    drafts: { create: off, get: async () => undefined, update: off, delete: off, list: async () => [], purgeExpired: async () => 0 },
    close: async () => {},
  };
}

/** A store over an open driver, migrated. */
export async function storeOn(db: Driver, opts: StoreOptions = {}): Promise<Store> {
  const now = opts.now ?? (() => new Date());
  await migrate(db, now);
  return {
    state: { enabled: true, backend: db.dialect, location: db.location },
    history: historyStore(db, now),
    risks: riskStore(db, now),
    drafts: draftStore(db, now),
    close: () => db.close(),
  };
}

export async function openStore(env: Env = process.env, opts: StoreOptions = {}): Promise<Store> {
  const url = env.CLEARANCE_DATABASE_URL;
  if (url) {
    let db: Driver | undefined;
    try {
      db = postgresDriver(url);
      return await storeOn(db, opts);
    } catch (e) {
      await db?.close().catch(() => {});
      return disabledStore(`store disabled: cannot use the database ${redactUrl(url)}: ${(e as Error).message}`);
    }
  }
  const dir = env.CLEARANCE_DATA_DIR;
  if (!dir) return disabledStore("store disabled: set CLEARANCE_DATA_DIR to a writable directory (or CLEARANCE_DATABASE_URL to a PostgreSQL database) to keep scan history, accepted risks and drafts");
  const file = path.join(dir, HISTORY_FILE);
  let db: Driver | undefined;
  try {
    mkdirSync(dir, { recursive: true });
    db = sqliteDriver(file);
    return await storeOn(db, opts);
  } catch (e) {
    await db?.close().catch(() => {});
    return disabledStore(`store disabled: cannot open ${file}: ${(e as Error).message}`);
  }
}

const RETRY_MS = 30_000;
interface Shared {
  key: string;
  store: Promise<Store>;
  openedAt: number;
}
const shared = globalThis as unknown as { __clearanceStore?: Shared };

/** The process's store, opened once for the current settings (and retried when it could not be opened). */
export async function sharedStore(env: Env = process.env): Promise<Store> {
  const key = `${env.CLEARANCE_DATABASE_URL ?? ""}|${env.CLEARANCE_DATA_DIR ?? ""}`;
  const cur = shared.__clearanceStore;
  if (cur && cur.key === key) {
    const s = await cur.store;
    const retry = !s.state.enabled && key !== "|" && Date.now() - cur.openedAt > RETRY_MS;
    if (!retry || shared.__clearanceStore !== cur) return shared.__clearanceStore!.store;
  }
  if (cur) void cur.store.then((s) => s.close()).catch(() => {});
  const entry: Shared = { key, store: openStore(env), openedAt: Date.now() };
  shared.__clearanceStore = entry;
  return entry.store;
}
