/**
 * Hostile API servers: every way a broken or compromised server can answer a list is bounded, and the
 * load ends with an error that names the limit (server/sources/budget.ts) — in bounded time and memory.
 */
import { afterEach, describe, expect, it } from "vitest";
import { completeness } from "../../lib/model";
import { apiClientFor } from "../../server/sources/kubeconfig";
import { loadLive } from "../../server/sources/live";
import { LiveWatch } from "../../server/sources/live-watch";
import { fakeCluster, FIXTURES_DIR, loadFixtureDir, type FakeApiServerOptions, type FakeCluster } from "../fake-apiserver";
import { peakRss } from "./memory";

const SMALL = loadFixtureDir(FIXTURES_DIR);
const running: FakeCluster[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.close()));
});

async function cluster(opts: Partial<FakeApiServerOptions>): Promise<FakeCluster> {
  const c = await fakeCluster({ objects: SMALL, token: "tok", ...opts });
  running.push(c);
  return c;
}

const timed = async <T>(work: () => Promise<T>) => {
  const t = Date.now();
  const result = await work();
  return { result, ms: Date.now() - t };
};
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as { code: string; message: string });

describe("a hostile API server", () => {
  it("endless continue tokens: stops at the object cap, naming it", async () => {
    const c = await cluster({ hostile: { pods: "endless-continue" } });
    const { result: e, ms } = await timed(() => failure(loadLive("fake", { env: c.env, maxObjects: 20_000 })));
    expect(e).toMatchObject({ code: "limit_exceeded", message: expect.stringMatching(/sent more than 20000 objects \(last \/api\/v1\/pods\) \(CLEARANCE_LIVE_MAX_OBJECTS=20000\)/) });
    expect(ms).toBeLessThan(15_000);
  });

  it("a watched source (the dashboard's live contexts): its lists are bounded the same way", async () => {
    const c = await cluster({ hostile: { pods: "endless-empty" } });
    const env = { ...c.env, CLEARANCE_LIVE_MAX_PAGES: "300" };
    const w = new LiveWatch(apiClientFor("fake", env), { env });
    const e = await failure(w.start());
    await w.stop();
    expect(e).toMatchObject({ code: "limit_exceeded", message: expect.stringMatching(/answered more than 300 list pages .*CLEARANCE_LIVE_MAX_PAGES=300/) });
    expect(c.server.requests.filter((r) => r.path === "/api/v1/pods").length).toBeLessThan(320);
  });

  it("endless empty pages: stops at the page cap, naming it", async () => {
    const c = await cluster({ hostile: { pods: "endless-empty" } });
    const e = await failure(loadLive("fake", { env: c.env, maxPages: 300 }));
    expect(e).toMatchObject({ code: "limit_exceeded", message: expect.stringMatching(/answered more than 300 list pages .*CLEARANCE_LIVE_MAX_PAGES=300/) });
    expect(c.server.requests.length).toBeLessThan(320);
  });

  it("a continue token answered with itself: that kind fails at once, the rest is read", async () => {
    const c = await cluster({ hostile: { roles: "same-continue" } });
    const s = await loadLive("fake", { env: c.env });
    expect(s.kinds.roles).toMatchObject({ state: "error", message: expect.stringMatching(/answered the continue token it was given/) });
    expect(c.server.requests.filter((r) => r.path === "/apis/rbac.authorization.k8s.io/v1/roles")).toHaveLength(2);
    expect(s.pods).toHaveLength(3);
    expect(completeness(s).partial).toBe(true);
  });

  it("a gzip bomb: refused at the response cap, in bounded memory", async () => {
    const c = await cluster({ hostile: { pods: "gzip-bomb" }, hostileSettings: { bombBytes: 2 * 1024 ** 3 } });
    const m = await peakRss(() => failure(loadLive("fake", { env: c.env, maxResponseBytes: 64 * 1024 * 1024 })));
    expect(m.result).toMatchObject({ code: "limit_exceeded", message: expect.stringMatching(/\/api\/v1\/pods is larger than 64 MB \(decompressed\); raise CLEARANCE_LIVE_MAX_RESPONSE_MB/) });
    // 64 MB of body buffered at most, plus the inflater and the server's 16 MB member: well under 64 MB × 4.
    expect(m.growthMb).toBeLessThan(256);
  });

  it("four gzip bombs at once: the load's byte cap stops them together", async () => {
    const c = await cluster({ hostile: { "*": "gzip-bomb" }, hostileSettings: { bombBytes: 1024 ** 3 } });
    const m = await peakRss(() => failure(loadLive("fake", { env: c.env, maxBytes: 96 * 1024 * 1024 })));
    expect(m.result).toMatchObject({ code: "limit_exceeded", message: expect.stringMatching(/sent more than 96 MB \(decompressed\) \(CLEARANCE_LIVE_MAX_MB=96\)/) });
    // 1 GiB × 4 offered, 96 MB taken in all (measured: +64 MB of RSS).
    expect(m.growthMb).toBeLessThan(96 + 128);
  });

  it("an endless uncompressed body: refused at the response cap", async () => {
    const c = await cluster({ hostile: { nodes: "huge" } });
    const e = await failure(loadLive("fake", { env: c.env, maxResponseBytes: 8 * 1024 * 1024 }));
    expect(e).toMatchObject({ code: "limit_exceeded", message: expect.stringMatching(/\/api\/v1\/nodes is larger than 8 MB/) });
  });

  it("a byte a second: the request deadline marks the kind, the load deadline ends the load", async () => {
    const c = await cluster({ hostile: { pods: "drip" }, hostileSettings: { dripMs: 50 } });
    const s = await loadLive("fake", { env: c.env, timeoutMs: 500 });
    expect(s.kinds.pods).toMatchObject({ state: "timeout", message: expect.stringMatching(/within 0.5 s/) });
    const { result: e, ms } = await timed(() => failure(loadLive("fake", { env: c.env, timeoutMs: 60_000, loadTimeoutMs: 700 })));
    expect(e).toMatchObject({ code: "timeout", message: expect.stringMatching(/did not finish within 0.7 s \(CLEARANCE_LIVE_LOAD_TIMEOUT_SECONDS=0.7\)/) });
    expect(ms).toBeLessThan(3000);
  });

  it("garbage: the kind is an error saying so, the rest is read", async () => {
    const c = await cluster({ hostile: { pods: "garbage" } });
    const s = await loadLive("fake", { env: c.env });
    expect(s.kinds.pods).toMatchObject({ state: "error", message: "response from /api/v1/pods is not JSON" });
    expect(s.roles).toHaveLength(1);
  });

  it("a load can be cancelled, and every request in flight ends with it", async () => {
    const c = await cluster({ hostile: { "*": "drip" } });
    const ac = new AbortController();
    const load = failure(loadLive("fake", { env: c.env, timeoutMs: 60_000, signal: ac.signal }));
    await new Promise((r) => setTimeout(r, 300));
    ac.abort();
    const { result: e, ms } = await timed(() => load);
    expect(e).toMatchObject({ code: "cancelled", message: expect.stringMatching(/was cancelled/) });
    expect(ms).toBeLessThan(500);
    await new Promise((r) => setTimeout(r, 100));
    expect(c.server.stats.inFlight).toBe(0);
  });
});
