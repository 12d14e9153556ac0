/**
 * The store's behaviour, written once and run against every backend (store.test.ts): SQLite in a
 * temporary directory and a real PostgreSQL. A backend passes when it keeps history, accepted risks
 * and drafts the same way, including with two writers on one database.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scoreFindings } from "../../lib/findings/score";
import { finding, rule } from "../../lib/findings/testing";
import type { Finding } from "../../lib/findings/types";
import { DRAFT_MAX_BYTES, DRAFTS_PER_OWNER, KEEP_SCANS, type Store } from "./types";

const catalogue = [rule("A"), rule("B"), rule("C")];
export const scanOf = (findings: Finding[], takenAt = "2026-11-01T00:00:00.000Z") => ({ takenAt, findings, score: scoreFindings(findings, { A: 5, B: 5, C: 5 }, catalogue) });

/** A settable clock, one minute per tick. */
export function clock(start = "2026-11-01T10:00:00Z") {
  let t = Date.parse(start);
  return { now: () => new Date(t), tick: (ms = 60_000) => (t += ms), set: (iso: string) => (t = Date.parse(iso)) };
}

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Runs testing/store-writer.ts in its own process against the store `env` names. */
function writer(env: Record<string, string>, source: string, count: number): Promise<string> {
  const args = ["--import", "tsx", path.join(ROOT, "testing/store-writer.ts"), source, String(count)];
  return new Promise((resolve, reject) =>
    execFile(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", ...env }, timeout: 50_000 }, (e, out, err) => (e ? reject(new Error(`${e.message}\n${err}`)) : resolve(out))),
  );
}

export interface Backend {
  /** A new, empty database for one test; `open` may be called several times (another replica). */
  fresh(): Promise<{ open: (now?: () => Date) => Promise<Store>; env: Record<string, string>; cleanup: () => Promise<void> }>;
}

export function storeSuite(name: string, backend: Backend): void {
  /** Runs `fn` with a fresh database, closing every store it opened. */
  const withDb = (fn: (open: (now?: () => Date) => Promise<Store>, env: Record<string, string>) => Promise<void>) => async () => {
    const db = await backend.fresh();
    const opened: Store[] = [];
    try {
      await fn(async (now) => {
        const s = await db.open(now);
        opened.push(s);
        return s;
      }, db.env);
    } finally {
      for (const s of opened) await s.close().catch(() => {});
      await db.cleanup();
    }
  };

  describe(`store on ${name}: history`, () => {
    it(
      "records scans per source and reports the trend oldest first, and the latest per source",
      withDb(async (open) => {
        const c = clock();
        const s = await open(() => new Date(c.tick()));
        expect(s.state).toMatchObject({ enabled: true, backend: name });
        const first = await s.history.record("demo", scanOf([finding("A", "x", { severity: "high" }), finding("B", "y", { exception: { by: "a", reason: "r", expires: "2099-01-01", match: "id" } })]));
        expect(first.recorded).toBe(true);
        await s.history.record("demo", scanOf([finding("A", "x", { severity: "high" })]));
        await s.history.record("other", scanOf([]));
        const trend = await s.history.trend("demo", 10);
        expect(trend.map((t) => t.findings)).toEqual([2, 1]);
        expect(trend[0]).toMatchObject({ sourceId: "demo", excepted: 1, bySeverity: { high: 1, medium: 0 }, takenAt: "2026-11-01T00:00:00.000Z", recordedAt: expect.stringMatching(/^2026-11-01T10:/) });
        expect(trend[0].score).toEqual(expect.any(Number));
        expect((await s.history.trend("demo", 1)).map((t) => t.findings)).toEqual([1]);
        const latest = await s.history.latest(["demo", "other", "none"]);
        expect([...latest.keys()].sort()).toEqual(["demo", "other"]);
        expect(latest.get("demo")!.scanId).toBe(trend[1].scanId);
      }),
    );

    it(
      "diff: new and fixed finding ids between the latest two scans, and the findings of a scan",
      withDb(async (open) => {
        const s = await open();
        const [a, b, c] = [finding("A", "x"), finding("B", "y"), finding("C", "z")];
        await s.history.record("demo", scanOf([a]));
        expect(await s.history.diff("demo")).toBeUndefined();
        await s.history.record("demo", scanOf([a, b]));
        await s.history.record("demo", scanOf([b, c]));
        const d = (await s.history.diff("demo"))!;
        expect(d.new).toEqual([c.id]);
        expect(d.fixed).toEqual([a.id]);
        expect(d.latest.scanId).toBeGreaterThan(d.previous.scanId);
        const stored = await s.history.findings(d.latest.scanId);
        expect(stored.sort((x, y) => x.id.localeCompare(y.id))).toEqual([b, c].sort((x, y) => x.id.localeCompare(y.id)));
      }),
    );

    it(
      "keeps its data when reopened, and prunes beyond the kept number of scans",
      withDb(async (open) => {
        const s = await open();
        await s.history.record("demo", scanOf([finding("A", "x")]));
        await s.close();
        const again = await open();
        expect(await again.history.trend("demo", 5)).toHaveLength(1);
        for (let i = 0; i < KEEP_SCANS + 2; i++) await again.history.record("demo", scanOf([finding("A", "x")]));
        const trend = await again.history.trend("demo", KEEP_SCANS + 10);
        expect(trend).toHaveLength(KEEP_SCANS);
        expect(await again.history.findings(trend[0].scanId - 1)).toEqual([]); // pruned with its scan
      }),
    );

    it(
      "two replicas recording at once: every scan kept once, none lost",
      withDb(async (open) => {
        const [r1, r2] = [await open(), await open()];
        const fs = [finding("A", "x"), finding("B", "y")];
        const results = await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 2 ? r1 : r2).history.record("shared", scanOf(fs))));
        expect(results.every((r) => r.recorded)).toBe(true);
        const trend = await r1.history.trend("shared", 100);
        expect(trend).toHaveLength(24);
        expect(new Set(trend.map((t) => t.scanId)).size).toBe(24);
        for (const t of trend) expect(await r2.history.findings(t.scanId)).toHaveLength(2);
      }),
    );

    it(
      "separate processes writing at once (replicas, or a CLI scan beside the dashboard)",
      withDb(async (open, env) => {
        const s = await open();
        const runs = await Promise.all([1, 2].map(() => writer(env, "procs", 15)));
        expect(runs).toEqual(["ok\n", "ok\n"]);
        expect(await s.history.trend("procs", 100)).toHaveLength(30);
        expect(await s.risks.audit()).toHaveLength(2);
      }),
      60_000,
    );

    it(
      "reports a failed write instead of throwing",
      withDb(async (open) => {
        const s = await open();
        await s.close();
        expect(await s.history.record("demo", scanOf([]))).toEqual({ recorded: false, reason: expect.stringMatching(/could not record/) });
      }),
    );
  });

  describe(`store on ${name}: accepted risks`, () => {
    const entry = { id: "PSS-privileged-1", by: "alice@example.com", reason: "node-exporter needs it", expires: "2027-03-31" };

    it(
      "accepting a risk records who and when, and scopes it to its source (or to all)",
      withDb(async (open) => {
        const c = clock();
        const s = await open(c.now);
        const mine = await s.risks.accept({ ...entry, sourceId: "ctx-prod" });
        c.tick();
        const global = await s.risks.accept({ rule: "R01", resource: { namespace: "ci" }, by: "bob", reason: "tracked in SEC-1", expires: "2027-01-01" });
        expect(mine).toMatchObject({ ...entry, sourceId: "ctx-prod", version: 1, createdAt: "2026-11-01T10:00:00.000Z" });
        expect(global.sourceId).toBeUndefined();
        expect((await s.risks.list({ sourceId: "ctx-prod" })).map((r) => r.riskId)).toEqual([mine.riskId, global.riskId]);
        expect((await s.risks.list({ sourceId: "ctx-staging" })).map((r) => r.riskId)).toEqual([global.riskId]);
        const log = await s.risks.audit();
        expect(log.map((a) => [a.action, a.actor, a.at, a.riskId])).toEqual([
          ["accept", "bob", "2026-11-01T10:01:00.000Z", global.riskId],
          ["accept", "alice@example.com", "2026-11-01T10:00:00.000Z", mine.riskId],
        ]);
        expect(log[1].after).toMatchObject({ reason: entry.reason, expires: entry.expires });
      }),
    );

    it(
      "refuses an entry the exceptions file would refuse",
      withDb(async (open) => {
        const s = await open();
        await expect(s.risks.accept({ ...entry, reason: "" })).rejects.toMatchObject({ code: "bad_request", message: expect.stringMatching(/reason/) });
        await expect(s.risks.accept({ ...entry, expires: "next week" })).rejects.toMatchObject({ code: "bad_request" });
        expect(await s.risks.list()).toEqual([]);
      }),
    );

    it(
      "edits and revocations are audited with before and after; a stale version is a conflict",
      withDb(async (open) => {
        const c = clock();
        const s = await open(c.now);
        const r = await s.risks.accept(entry);
        c.tick();
        const edited = await s.risks.edit(r.riskId, 1, { expires: "2027-06-30" }, "carol");
        expect(edited).toMatchObject({ version: 2, expires: "2027-06-30", by: entry.by, updatedAt: "2026-11-01T10:01:00.000Z" });
        await expect(s.risks.edit(r.riskId, 1, { reason: "again" }, "dave")).rejects.toMatchObject({ code: "conflict" });
        c.tick();
        const revoked = await s.risks.revoke(r.riskId, 2, "erin");
        expect(revoked.revoked).toEqual({ by: "erin", at: "2026-11-01T10:02:00.000Z" });
        expect(await s.risks.list()).toEqual([]);
        expect(await s.risks.list({ includeRevoked: true })).toHaveLength(1);
        await expect(s.risks.edit(r.riskId, 3, { reason: "late" }, "frank")).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/revoked by erin/) });
        await expect(s.risks.revoke(999, 1, "x")).rejects.toMatchObject({ code: "not_found" });
        const log = await s.risks.audit({ riskId: r.riskId });
        expect(log.map((a) => `${a.action} ${a.actor}`)).toEqual(["revoke erin", "edit carol", "accept alice@example.com"]);
        expect(log[1].before).toMatchObject({ expires: "2027-03-31" });
        expect(log[1].after).toMatchObject({ expires: "2027-06-30" });
      }),
    );

    it(
      "two replicas editing the same risk at once: exactly one wins, the other is told",
      withDb(async (open) => {
        const [r1, r2] = [await open(), await open()];
        const r = await r1.risks.accept(entry);
        const outcomes = await Promise.allSettled([r1.risks.edit(r.riskId, 1, { reason: "one" }, "a"), r2.risks.edit(r.riskId, 1, { reason: "two" }, "b")]);
        expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
        expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
        expect((await r2.risks.get(r.riskId))!.version).toBe(2);
        expect(await r2.risks.audit({ riskId: r.riskId })).toHaveLength(2);
      }),
    );
  });

  describe(`store on ${name}: drafts`, () => {
    it(
      "kept for their owner, readable by id, changed only by the owner",
      withDb(async (open) => {
        const c = clock();
        const s = await open(c.now);
        const d = await s.drafts.create({ owner: "alice", sourceId: "demo", title: "open db", yaml: "kind: NetworkPolicy\n" });
        expect(d.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
        expect(d.expiresAt).toBe("2026-11-08T10:00:00.000Z");
        expect(await s.drafts.get(d.id)).toEqual(d);
        expect(await s.drafts.get("not-an-id")).toBeUndefined();
        expect((await s.drafts.list("alice")).map((x) => x.id)).toEqual([d.id]);
        expect(await s.drafts.list("bob")).toEqual([]);
        await expect(s.drafts.update(d.id, "bob", { yaml: "x" })).rejects.toMatchObject({ code: "forbidden" });
        await expect(s.drafts.delete(d.id, "bob")).rejects.toMatchObject({ code: "forbidden" });
        c.tick();
        const u = await s.drafts.update(d.id, "alice", { yaml: "kind: Role\n" });
        expect(u).toMatchObject({ yaml: "kind: Role\n", title: "open db", updatedAt: "2026-11-01T10:01:00.000Z" });
        expect((await s.drafts.get(d.id))!.yaml).toBe("kind: Role\n");
        await s.drafts.delete(d.id, "alice");
        expect(await s.drafts.get(d.id)).toBeUndefined();
        await expect(s.drafts.delete(d.id, "alice")).rejects.toMatchObject({ code: "not_found" });
      }),
    );

    it(
      "bounded in size, in number per owner and in lifetime",
      withDb(async (open) => {
        const c = clock();
        const s = await open(c.now);
        await expect(s.drafts.create({ owner: "a", sourceId: "demo", yaml: "x".repeat(DRAFT_MAX_BYTES + 1) })).rejects.toMatchObject({ code: "bad_request", message: expect.stringMatching(/at most/) });
        const ids: string[] = [];
        for (let i = 0; i < DRAFTS_PER_OWNER + 2; i++) {
          c.tick(1000);
          ids.push((await s.drafts.create({ owner: "a", sourceId: "demo", yaml: `n: ${i}\n`, ttlMs: 3_600_000 })).id);
        }
        const kept = await s.drafts.list("a");
        expect(kept).toHaveLength(DRAFTS_PER_OWNER);
        expect(kept[0].id).toBe(ids[ids.length - 1]);
        expect(await s.drafts.get(ids[0])).toBeUndefined();
        c.tick(3_600_000);
        expect(await s.drafts.get(ids[ids.length - 1])).toBeUndefined();
        expect(await s.drafts.purgeExpired()).toBe(DRAFTS_PER_OWNER);
      }),
    );
  });

  describe(`store on ${name}: migrations`, () => {
    it(
      "replicas starting together migrate once; reopening applies nothing",
      withDb(async (open) => {
        const stores = await Promise.all([open(), open(), open()]);
        for (const s of stores) expect(s.state.enabled).toBe(true);
        await stores[0].history.record("x", scanOf([]));
        expect(await stores[2].history.trend("x", 5)).toHaveLength(1);
      }),
    );
  });
}
