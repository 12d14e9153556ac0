import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { completeness, kindStatusKey, KINDS } from "../../lib/model";
import { fakeCluster, FIXTURES_DIR, generatedPods, kubeconfigYaml, loadFixtureDir, type FakeCluster, type FakeApiServerOptions } from "../../testing/fake-apiserver";
import { currentContext, loadLive, type LiveProgress } from "./live";

const SMALL = loadFixtureDir(FIXTURES_DIR);
const running: FakeCluster[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.close()));
});

async function cluster(opts: Partial<FakeApiServerOptions> = {}): Promise<FakeCluster> {
  const c = await fakeCluster({ objects: SMALL, token: "tok", ...opts });
  running.push(c);
  return c;
}

const listsOf = (c: FakeCluster, p: string) => c.server.requests.filter((r) => r.path === p);

describe("a live snapshot", () => {
  it("reads every kind, fills in apiVersion/kind, and follows ConstraintTemplates to their constraints", async () => {
    const c = await cluster();
    const progress: LiveProgress[] = [];
    const s = await loadLive("fake", { env: c.env, onProgress: (p) => progress.push(p) });
    expect(s.source).toMatchObject({ type: "live", id: "live:fake", context: "fake", server: c.server.url });
    expect(s.pods.map((p) => `${p.namespace}/${p.name}`)).toEqual(["payments/ledger", "shop/web-5d9c-a", "shop/web-5d9c-b"]);
    expect(s.pods.every((p) => !p.synthesized)).toBe(true);
    expect(s.workloads.map((w) => `${w.kind}/${w.name}`).sort()).toEqual(["Deployment/web", "ReplicaSet/web-5d9c"]);
    expect(s.constraints).toHaveLength(1);
    expect(s.constraints[0]).toMatchObject({ kind: "K8sRequiredLabels", name: "ns-must-have-team" });
    expect(s.kinds["k8srequiredlabels.constraints.gatekeeper.sh"]).toEqual({ state: "ok" });
    expect(listsOf(c, "/apis/constraints.gatekeeper.sh/v1beta1/k8srequiredlabels")).toHaveLength(1);
    expect(s.issues).toEqual([]);
    expect(s.ignored).toEqual({});
    for (const k of KINDS) expect(s.kinds[kindStatusKey(k)]?.state, kindStatusKey(k)).toBe(k.optional && !["constrainttemplates"].includes(k.resource) ? "not-installed" : "ok");
    expect(completeness(s).partial).toBe(false);
    // Calico's CRD storage is read only because its v3 API is not served here.
    expect(Object.keys(s.kinds)).toEqual([...KINDS.map(kindStatusKey), "k8srequiredlabels.constraints.gatekeeper.sh"]);

    const last = progress.at(-1)!;
    expect(last.done).toBe(last.total);
    expect(last.total).toBe(KINDS.length + 1);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
  });

  it("paginates with limit and continue until the list is complete", async () => {
    const c = await cluster({ objects: generatedPods(1234, 30) });
    const s = await loadLive("fake", { env: c.env, pageSize: 100 });
    expect(s.pods).toHaveLength(1234);
    expect(new Set(s.pods.map((p) => p.name)).size).toBe(1234);
    const pods = listsOf(c, "/api/v1/pods");
    expect(pods).toHaveLength(13);
    expect(pods.every((r) => r.query.limit === "100")).toBe(true);
    expect(pods[0].query.continue).toBeUndefined();
    expect(pods.slice(1).every((r) => typeof r.query.continue === "string" && r.query.continue.length > 0)).toBe(true);
    expect(new Set(pods.map((r) => r.query.continue)).size).toBe(13);
  });

  it("restarts a list whose continue token expired (410 Gone)", async () => {
    const c = await cluster({ objects: generatedPods(250, 5), expireContinue: { pods: 1 } });
    const s = await loadLive("fake", { env: c.env, pageSize: 100 });
    expect(s.pods).toHaveLength(250);
    expect(s.issues.filter((i) => /duplicate/.test(i.message))).toEqual([]);
    const pods = listsOf(c, "/api/v1/pods");
    expect(pods.map((r) => (r.query.continue ? "next" : "first"))).toEqual(["first", "next", "first", "next", "next"]);
    expect(s.kinds.pods).toEqual({ state: "ok" });
  });

  it("gives up on a kind whose token keeps expiring, and still builds the snapshot", async () => {
    const c = await cluster({ objects: [...SMALL, ...generatedPods(50, 2)], expireContinue: { pods: 100 } });
    const s = await loadLive("fake", { env: c.env, pageSize: 10, maxRelists: 2 });
    expect(s.kinds.pods).toMatchObject({ state: "error", message: expect.stringMatching(/410 Gone/) });
    expect(listsOf(c, "/api/v1/pods")).toHaveLength(6);
    expect(s.pods).toEqual([]);
    expect(s.roles).toHaveLength(1);
    expect(completeness(s).partial).toBe(true);
  });

  it("marks forbidden kinds (403) and reads the rest", async () => {
    const c = await cluster({ forbid: ["pods", "clusterrolebindings.rbac.authorization.k8s.io"] });
    const s = await loadLive("fake", { env: c.env });
    expect(s.kinds.pods).toEqual({ state: "forbidden", message: expect.stringContaining('cannot list resource "pods"') });
    expect(s.kinds.clusterrolebindings.state).toBe("forbidden");
    expect(s.pods).toEqual([]);
    expect(s.clusterRoleBindings).toEqual([]);
    expect(s.roleBindings).toHaveLength(1);
    expect(s.namespaces.map((n) => n.name)).toEqual(["payments", "shop"]);
    expect(completeness(s)).toMatchObject({ partial: true, unavailable: [expect.objectContaining({ resource: "pods" }), expect.objectContaining({ resource: "clusterrolebindings" })] });
  });

  it("marks missing CRDs not-installed, but a missing built-in kind as an error", async () => {
    const c = await cluster({ notInstalled: ["constrainttemplates", "networkpolicies"] });
    const s = await loadLive("fake", { env: c.env });
    expect(s.kinds.constrainttemplates.state).toBe("not-installed");
    expect(s.kinds.networkpolicies).toMatchObject({ state: "error", message: expect.stringMatching(/^HTTP 404/) });
    expect(c.server.requests.some((r) => r.path.includes("constraints.gatekeeper.sh"))).toBe(false);
    expect(completeness(s).unavailable.map((u) => u.resource)).toEqual(["networkpolicies"]);
  });

  it("records server errors per kind", async () => {
    const c = await cluster({ fail: { nodes: 503 } });
    const s = await loadLive("fake", { env: c.env });
    expect(s.kinds.nodes).toMatchObject({ state: "error", message: expect.stringMatching(/^HTTP 503/) });
    expect(s.pods).toHaveLength(3);
  });

  it("marks a kind that does not answer in time as timeout", async () => {
    const c = await cluster({ delays: { pods: 5000 } });
    const started = Date.now();
    const s = await loadLive("fake", { env: c.env, timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(4500); // the server would answer after 5 s
    expect(s.kinds.pods).toMatchObject({ state: "timeout", message: expect.stringMatching(/within 0.3 s/) });
    expect(s.kinds.roles.state).toBe("ok");
    expect(completeness(s).partial).toBe(true);
  });

  it("lists at most `concurrency` kinds at a time", async () => {
    const c = await cluster({ delays: { "*": 40 } });
    await loadLive("fake", { env: c.env, concurrency: 2 });
    expect(c.server.stats.maxInFlight).toBe(2);
    const c4 = await cluster({ delays: { "*": 40 } });
    await loadLive("fake", { env: c4.env });
    expect(c4.server.stats.maxInFlight).toBeLessThanOrEqual(4);
    expect(c4.server.stats.maxInFlight).toBeGreaterThan(2);
  });

  it("fails as cluster_unreachable, naming the server, when nothing answers", async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, "127.0.0.1", () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const dir = mkdtempSync(path.join(os.tmpdir(), "clearance-live-"));
    try {
      writeFileSync(path.join(dir, "kc"), kubeconfigYaml([{ name: "gone", server: `https://127.0.0.1:${port}`, token: "x" }]));
      const err = await loadLive("gone", { env: { KUBECONFIG: path.join(dir, "kc"), HOME: dir } }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "cluster_unreachable", message: expect.stringContaining(`https://127.0.0.1:${port}`) });
      expect((err as Error).message).toMatch(/ECONNREFUSED/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails as cluster_unreachable when every list loses its connection", async () => {
    const c = await cluster({ drop: ["*"] });
    await expect(loadLive("fake", { env: c.env })).rejects.toMatchObject({ code: "cluster_unreachable", message: expect.stringContaining(c.server.url) });
    expect(listsOf(c, "/api/v1/pods")).toHaveLength(1);
  });

  it("fails as unauthorized when the token is rejected", async () => {
    const c = await cluster();
    c.server.config.token = "rotated";
    await expect(loadLive("fake", { env: c.env })).rejects.toMatchObject({ code: "unauthorized", message: expect.stringMatching(/rejected the credentials of context "fake"/) });
    expect(c.server.requests.map((r) => r.path)).toEqual(["/version"]);
  });

  it("stops with unauthorized when the lists are refused with 401", async () => {
    const c = await cluster({ fail: { "*": 401 } });
    await expect(loadLive("fake", { env: c.env })).rejects.toMatchObject({ code: "unauthorized" });
    expect(c.server.requests.length).toBeLessThan(KINDS.length); // stopped early, did not try every kind
  });

  it("reports credentials that cannot be obtained (failing exec plugin) as unauthorized", async () => {
    const c = await cluster();
    const yaml = c.server.kubeconfig().replace("users:\n  - name: fake\n    user:\n      token: tok", "users:\n  - name: fake\n    user:\n      exec:\n        apiVersion: client.authentication.k8s.io/v1beta1\n        command: /bin/false");
    expect(yaml).toContain("/bin/false");
    writeFileSync(c.kubeconfig, yaml);
    await expect(loadLive("fake", { env: c.env })).rejects.toMatchObject({ code: "unauthorized", message: expect.stringMatching(/could not get credentials/) });
    expect(c.server.requests).toEqual([]);
  });

  it("refuses a plain http server unless the kubeconfig says insecure-skip-tls-verify", async () => {
    const c = await cluster({ tls: false });
    writeFileSync(c.kubeconfig, kubeconfigYaml([{ name: "fake", server: c.server.url, token: "tok" }]));
    await expect(loadLive("fake", { env: c.env })).rejects.toMatchObject({ code: "cluster_unreachable", message: expect.stringMatching(/plain http/) });
    expect(c.server.requests).toEqual([]);
    writeFileSync(c.kubeconfig, kubeconfigYaml([{ name: "fake", server: c.server.url, token: "tok", insecure: true }]));
    expect((await loadLive("fake", { env: c.env })).pods).toHaveLength(3);
  });

  it("reads either context of a KUBECONFIG made of two files", async () => {
    const a = await cluster({ token: "token-a" });
    const b = await cluster({ objects: generatedPods(7, 1), token: "token-b" });
    const fa = path.join(a.dir, "a.yaml");
    const fb = path.join(a.dir, "b.yaml");
    writeFileSync(fa, a.server.kubeconfig({ name: "alpha" }));
    writeFileSync(fb, b.server.kubeconfig({ name: "beta" }));
    const env = { HOME: a.dir, KUBECONFIG: `${fa}${path.delimiter}${fb}` };
    expect(currentContext(env)).toBe("alpha");
    const [sa, sb] = await Promise.all([loadLive("alpha", { env }), loadLive("beta", { env })]);
    expect(sa.source.server).toBe(a.server.url);
    expect(sa.pods).toHaveLength(3);
    expect(sb.source.server).toBe(b.server.url);
    expect(sb.pods).toHaveLength(7);
    expect(b.server.requests.every((r) => r.headers.authorization === "Bearer token-b")).toBe(true);
  });

  it("says there is no kubeconfig instead of trying localhost:8080", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "clearance-live-"));
    try {
      const env = { HOME: dir };
      expect(() => currentContext(env)).toThrow(expect.objectContaining({ code: "no_kubeconfig" }));
      await expect(loadLive("anything", { env })).rejects.toMatchObject({ code: "no_kubeconfig" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("credentials and TLS", () => {
  it("runs an exec plugin without expirationTimestamp once per load, and again after a 401", async () => {
    const c = await cluster();
    const counter = path.join(c.dir, "runs");
    const plugin = path.join(c.dir, "plugin.sh");
    // Prints the token in the file `token` and counts its runs, as aws/gke plugins print a token without expiry.
    writeFileSync(plugin, `#!/bin/sh\necho x >> "${counter}"\nprintf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}' "$(cat "${path.join(c.dir, "token")}")"\n`, { mode: 0o755 });
    writeFileSync(path.join(c.dir, "token"), "tok");
    const yaml = c.server.kubeconfig().replace("users:\n  - name: fake\n    user:\n      token: tok", `users:\n  - name: fake\n    user:\n      exec:\n        apiVersion: client.authentication.k8s.io/v1\n        command: ${plugin}`);
    writeFileSync(c.kubeconfig, yaml);
    const runs = () => readFileSync(counter, "utf8").trim().split("\n").length;
    const s = await loadLive("fake", { env: c.env });
    expect(s.pods).toHaveLength(3);
    expect(runs()).toBe(1);
    expect(c.server.requests.length).toBeGreaterThan(KINDS.length);
    // The token rotates at the identity provider: the next 401 runs the plugin once more, and the load goes on.
    c.server.config.token = "rotated";
    writeFileSync(path.join(c.dir, "token"), "rotated");
    expect((await loadLive("fake", { env: c.env })).pods).toHaveLength(3);
    expect(runs()).toBe(2);
  });

  it("warns that insecure-skip-tls-verify leaves the server unverified", async () => {
    const c = await cluster();
    writeFileSync(c.kubeconfig, kubeconfigYaml([{ name: "fake", server: c.server.url, token: "tok", insecure: true }]));
    const s = await loadLive("fake", { env: c.env });
    expect(s.issues).toEqual([
      expect.objectContaining({ severity: "warning", source: c.server.url, message: expect.stringMatching(/insecure-skip-tls-verify .* certificate is not checked/) }),
    ]);
    expect(completeness(s).partial).toBe(false);
  });
});
