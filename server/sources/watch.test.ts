/**
 * List-then-watch against the stand-in API server: bookmarks, 410 Gone → relist, dropped
 * connections, changes during a (paginated, slow) relist, and — over random change sequences — the
 * watched collection always ends equal to a fresh full list. Every request is a GET.
 */
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { keyOf, type RawObject } from "../../lib/live/collection";
import { fakeCluster, type FakeCluster } from "../../testing/fake-apiserver";
import { apiClientFor } from "./kubeconfig";
import { listAll } from "./list";
import { Reflector } from "./reflector";
import { apiWatchTransport } from "./watch";

const PATH = "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings";
const crb = (name: string, subject = "alice") => ({
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "ClusterRoleBinding",
  metadata: { name },
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
  subjects: [{ kind: "User", name: subject, apiGroup: "rbac.authorization.k8s.io" }],
});

async function until(cond: () => boolean, what: string, ms = 8_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const settings = { pageSize: 3, timeoutMs: 5_000, maxRelists: 3 };

describe("reflector over the stand-in API server", () => {
  let c: FakeCluster;
  const running: Reflector[] = [];
  beforeAll(async () => {
    c = await fakeCluster({ objects: Array.from({ length: 7 }, (_, i) => crb(`b${i}`)), token: "t", bookmarkMs: 100 });
  });
  afterEach(async () => {
    for (const r of running.splice(0)) await r.stop();
    c.server.config.cutWatchesAfterEvents = undefined;
    c.server.config.delays = {};
  });
  afterAll(() => c.close());

  const start = (opts: { backoffMs?: number } = {}) => {
    const client = apiClientFor("fake", c.env);
    const changes: string[][] = [];
    const r = new Reflector(PATH, apiWatchTransport(client, settings), (ch) => changes.push([...ch.upserted, ...ch.deleted.map((k) => `-${k}`)]), { backoffMs: opts.backoffMs ?? 50 }).start();
    running.push(r);
    return { r, changes };
  };
  const serverKeys = async () => (await listAll(apiClientFor("fake", c.env), PATH, settings)).items.map((o) => keyOf(o as RawObject)).sort();
  const held = (r: Reflector) => [...r.collection.values()].map(keyOf).sort();
  const inStep = (r: Reflector) => r.collection.resourceVersion === String(c.server.watches.resourceVersion());

  it("lists in pages, then follows changes; bookmarks move the version on a quiet collection", async () => {
    const { r, changes } = start();
    await until(() => r.phase === "watching" && r.collection.size >= 7, "the first list");
    expect(r.stats.lists).toBe(1);
    c.server.apply(crb("new-admin", "mallory"));
    c.server.apply({ ...crb("b1"), subjects: [{ kind: "Group", name: "ops" }] });
    c.server.delete("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "", "b2");
    await until(() => !r.collection.get("/b2"), "the delete");
    expect(r.collection.get("/new-admin")).toMatchObject({ subjects: [{ name: "mallory" }] });
    expect(r.collection.get("/b1")).toMatchObject({ subjects: [{ kind: "Group", name: "ops" }] });
    expect(changes.slice(-3)).toEqual([["/new-admin"], ["/b1"], ["-/b2"]]);
    const before = r.stats.bookmarks;
    await until(() => r.stats.bookmarks > before, "a bookmark");
    expect(inStep(r)).toBe(true);
    expect(held(r)).toEqual(await serverKeys());
  });

  it("410 Gone (history compacted while the watch was down): relists and applies only the difference", async () => {
    const { r, changes } = start();
    await until(() => r.phase === "watching", "watching");
    const lists = r.stats.lists;
    c.server.watches.drop();
    c.server.apply(crb("while-down"));
    c.server.watches.compact();
    await until(() => r.collection.get("/while-down") !== undefined, "the relist");
    expect(r.stats.relists).toBeGreaterThanOrEqual(1);
    expect(r.stats.lists).toBe(lists + 1);
    expect(changes[changes.length - 1]).toEqual(["/while-down"]); // not the whole collection again
    expect(held(r)).toEqual(await serverKeys());
  });

  it("dropped connections: resumes from the last version seen, losing nothing", async () => {
    const { r } = start();
    await until(() => r.phase === "watching", "watching");
    c.server.config.cutWatchesAfterEvents = { events: 2, watches: 4 };
    c.server.watches.drop();
    const watches = r.stats.watches;
    for (let i = 0; i < 9; i++) c.server.apply(crb(`burst-${i}`));
    await until(() => r.collection.get("/burst-8") !== undefined && inStep(r), "every event");
    expect(r.stats.watches).toBeGreaterThan(watches + 1);
    expect(r.stats.relists).toBe(0);
    expect(held(r)).toEqual(await serverKeys());
  });

  it("changes that arrive while a slow paginated relist runs are not lost", async () => {
    const { r } = start();
    await until(() => r.phase === "watching", "watching");
    c.server.config.delays = { clusterrolebindings: 60 };
    c.server.watches.drop();
    c.server.apply(crb("before-compaction"));
    c.server.watches.compact(); // the next watch gets 410: relist, page by page, 60 ms a page
    await until(() => r.phase === "listing", "the relist");
    for (let i = 0; i < 5; i++) {
      c.server.apply(crb(`during-${i}`));
      c.server.delete("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "", `b${i + 3}`);
      await new Promise((res) => setTimeout(res, 30));
    }
    c.server.config.delays = {};
    await until(() => r.phase === "watching" && inStep(r), "catching up", 15_000);
    expect(held(r)).toEqual(await serverKeys());
  });

  it("sends only GET, with the watch parameters", () => {
    expect(c.server.requests.filter((q) => q.method !== "GET")).toEqual([]);
    const watch = c.server.requests.find((q) => q.query.watch === "1")!;
    expect(watch.query).toMatchObject({ allowWatchBookmarks: "true", resourceVersion: expect.stringMatching(/^\d+$/), timeoutSeconds: expect.stringMatching(/^\d+$/) });
  });

  it("property: after any sequence of creates, updates, deletes, dropped watches and compactions, it equals a fresh full list", async () => {
    type Op = { k: "put"; n: number; s: string } | { k: "del"; n: number } | { k: "drop" } | { k: "compact" };
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 5, arbitrary: fc.record({ k: fc.constant("put" as const), n: fc.nat(12), s: fc.constantFrom("alice", "bob", "system:anonymous") }) },
      { weight: 3, arbitrary: fc.record({ k: fc.constant("del" as const), n: fc.nat(12) }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant("drop" as const) }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant("compact" as const) }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const { r } = start({ backoffMs: 20 });
        await until(() => r.phase === "watching", "watching");
        for (const o of ops) {
          if (o.k === "put") c.server.apply(crb(`p${o.n}`, o.s));
          else if (o.k === "del") c.server.delete("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "", `p${o.n}`);
          else if (o.k === "drop") c.server.watches.drop();
          else c.server.watches.compact();
          if ("n" in o && o.n === 0) await new Promise((res) => setTimeout(res, 5));
        }
        await until(() => r.phase === "watching" && inStep(r), "catching up", 15_000);
        expect(held(r)).toEqual(await serverKeys());
        const fresh = (await listAll(apiClientFor("fake", c.env), PATH, settings)).items as RawObject[];
        const bare = (o: RawObject | undefined) => {
          const { apiVersion: _a, kind: _k, ...rest } = o ?? {};
          void [_a, _k];
          return rest;
        };
        for (const o of fresh) expect(bare(r.collection.get(keyOf(o)))).toEqual(bare(o));
        await r.stop();
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
