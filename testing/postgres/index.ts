/**
 * Test support: a PostgreSQL database for the store suite. CLEARANCE_TEST_DATABASE_URL names a
 * server (`.ci/run` starts a private one with scripts/test-postgres.sh); each test gets a schema of
 * its own, dropped afterwards, so tests never see each other's rows. Without the variable the
 * PostgreSQL half of the suite is skipped — unless CLEARANCE_TEST_REQUIRE_POSTGRES=1 (CI), which
 * makes a missing server a failure rather than a silent skip.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

export const TEST_DATABASE_URL = process.env.CLEARANCE_TEST_DATABASE_URL;
export const POSTGRES_REQUIRED = process.env.CLEARANCE_TEST_REQUIRE_POSTGRES === "1";

/** `url` with `search_path` set to `schema` (node-postgres passes `options` to the server). */
export function withSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set("options", `-c search_path=${schema}`);
  return u.toString();
}

/** Creates a fresh schema; returns a URL that uses it and a function that drops it. */
export async function freshSchema(url = TEST_DATABASE_URL): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!url) throw new Error("CLEARANCE_TEST_DATABASE_URL is not set");
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  return {
    url: withSchema(url, schema),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}
