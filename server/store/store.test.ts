import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { freshSchema, POSTGRES_REQUIRED, TEST_DATABASE_URL } from "../../testing/postgres";
import { openStore } from "./index";
import { MIGRATIONS } from "./migrations";
import { scanOf, storeSuite } from "./store-suite";

storeSuite("sqlite", {
  async fresh() {
    const dir = mkdtempSync(path.join(tmpdir(), "clearance-store-"));
    return { open: (now) => openStore({ CLEARANCE_DATA_DIR: dir }, { now }), env: { CLEARANCE_DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  },
});

if (TEST_DATABASE_URL) {
  storeSuite("postgres", {
    async fresh() {
      const schema = await freshSchema();
      return { open: (now) => openStore({ CLEARANCE_DATABASE_URL: schema.url }, { now }), env: { CLEARANCE_DATABASE_URL: schema.url }, cleanup: schema.drop };
    },
  });
} else {
  describe("store on postgres", () => {
    it.skipIf(!POSTGRES_REQUIRED)("needs CLEARANCE_TEST_DATABASE_URL (.ci/run starts a PostgreSQL and sets it)", () => {
      expect.fail("CLEARANCE_TEST_REQUIRE_POSTGRES=1 but CLEARANCE_TEST_DATABASE_URL is not set: the PostgreSQL half of the store suite cannot run");
    });
  });
}

describe("opening the store", () => {
  it("is disabled without a data directory or database, and says how to enable it", async () => {
    const s = await openStore({});
    expect(s.state).toEqual({ enabled: false, reason: expect.stringMatching(/CLEARANCE_DATA_DIR.*CLEARANCE_DATABASE_URL/) });
    expect(await s.history.record("demo", scanOf([]))).toEqual({ recorded: false, reason: expect.stringMatching(/disabled/) });
    expect(await s.history.trend("demo", 10)).toEqual([]);
    expect(await s.risks.list()).toEqual([]);
    await expect(s.risks.accept({ id: "x", by: "a", reason: "why", expires: "2027-01-01" })).rejects.toMatchObject({ code: "unavailable" });
    await expect(s.drafts.create({ owner: "a", sourceId: "demo", yaml: "" })).rejects.toMatchObject({ code: "unavailable" });
  });

  it("is disabled, with the reason, when the directory cannot be used or the database cannot be reached", async () => {
    const d = mkdtempSync(path.join(tmpdir(), "clearance-store-"));
    try {
      const file = path.join(d, "not-a-dir");
      writeFileSync(file, "x");
      const s = await openStore({ CLEARANCE_DATA_DIR: file });
      expect(s.state).toEqual({ enabled: false, reason: expect.stringMatching(/cannot open/) });
      const pg = await openStore({ CLEARANCE_DATABASE_URL: `postgresql://u:secret@/db?host=${d}&port=1` });
      expect(pg.state).toEqual({ enabled: false, reason: expect.stringMatching(/cannot use the database/) });
      expect(JSON.stringify(pg.state)).not.toContain("secret");
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it("adopts a history file of an earlier version, and refuses one newer than it knows", async () => {
    const d = mkdtempSync(path.join(tmpdir(), "clearance-store-"));
    try {
      const old = new Database(path.join(d, "history.sqlite"));
      old.exec(`CREATE TABLE scans (id INTEGER PRIMARY KEY AUTOINCREMENT, source_id TEXT NOT NULL, taken_at TEXT NOT NULL, recorded_at TEXT NOT NULL, summary TEXT NOT NULL);
        CREATE TABLE scan_findings (scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE, finding_id TEXT NOT NULL, severity TEXT NOT NULL, excepted INTEGER NOT NULL, finding TEXT NOT NULL, PRIMARY KEY (scan_id, finding_id));
        INSERT INTO scans (source_id, taken_at, recorded_at, summary) VALUES ('demo', 't', 'r', '{"scanId":1,"sourceId":"demo","findings":3}');`);
      old.close();
      const s = await openStore({ CLEARANCE_DATA_DIR: d });
      expect((await s.history.trend("demo", 5)).map((t) => t.findings)).toEqual([3]);
      await s.close();
      const db = new Database(path.join(d, "history.sqlite"));
      db.prepare("INSERT INTO clearance_migrations (version, name, applied_at) VALUES (?, 'future', 'now')").run(MIGRATIONS.length + 1);
      db.close();
      const newer = await openStore({ CLEARANCE_DATA_DIR: d });
      expect(newer.state).toEqual({ enabled: false, reason: expect.stringMatching(/newer than this Clearance knows/) });
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
