import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KubeConfig } from "@kubernetes/client-node";
import { fakeCluster, generatedPods, kubeconfigYaml, type FakeCluster } from "../../testing/fake-apiserver";
import { ApiError, checkReadPath, createApiClient, requestUrl } from "./api-client";

function clientFrom(yaml: string, context = "fake") {
  const kc = new KubeConfig();
  kc.loadFromString(yaml);
  kc.setCurrentContext(context);
  return createApiClient(kc, context);
}

describe("checkReadPath", () => {
  it.each([
    "/version",
    "/api",
    "/api/v1",
    "/apis",
    "/apis/apps",
    "/apis/apps/v1",
    "/api/v1/pods",
    "/api/v1/namespaces",
    "/api/v1/namespaces/shop",
    "/api/v1/namespaces/shop/pods",
    "/api/v1/namespaces/shop/pods/web-1",
    "/apis/apps/v1/deployments",
    "/apis/constraints.gatekeeper.sh/v1beta1/k8srequiredlabels",
  ])("reads %s", (p) => {
    expect(() => checkReadPath(p)).not.toThrow();
  });

  it.each([
    ["/api/v1/secrets", /Secrets/],
    ["/api/v1/namespaces/payments/secrets", /Secrets/],
    ["/api/v1/namespaces/payments/secrets/ledger-db", /Secrets/],
    ["/api/v1/%73ecrets", /Secrets/],
    ["/api/v1/SECRETS", /Secrets/],
    ["/api/v1/namespaces/shop/pods/web-1/exec", /subresource/],
    ["/api/v1/namespaces/shop/pods/web-1/log", /subresource/],
    ["/api/v1/namespaces/shop/services/web/proxy", /subresource/],
    ["/api/v1/nodes/node-1/proxy", /subresource/],
    ["/api/v1/namespaces/shop/pods/../secrets", /Secrets|dot/],
    ["/api/v1/pods/..", /dot/],
    ["/api/v1/a%2Fb", /slash/],
    ["/api/v1//pods", /empty/],
    ["/api/v1/pods?watch=true", /query/],
    ["/healthz", /only/],
    ["/logs/kube-apiserver.log", /only/],
    ["api/v1/pods", /absolute/],
    ["/api/v1/%E0%A4%A", /percent/],
  ])("refuses %s", (p, why) => {
    expect(() => checkReadPath(p)).toThrow(why);
  });

  it("refuses query parameters other than the list and watch ones", () => {
    expect(() => requestUrl("https://k", "/api/v1/pods", { dryRun: "All" })).toThrow(/dryRun/);
    expect(() => requestUrl("https://k", "/api/v1/pods", { propagationPolicy: "Foreground" })).toThrow(/propagationPolicy/);
    // a watch is a GET of the same collection paths (subresources and Secrets stay refused)
    expect(requestUrl("https://k", "/api/v1/pods", { watch: 1, allowWatchBookmarks: "true", resourceVersion: "42", timeoutSeconds: 300 }).search).toBe("?watch=1&allowWatchBookmarks=true&resourceVersion=42&timeoutSeconds=300");
    expect(() => requestUrl("https://k", "/api/v1/secrets", { watch: 1 })).toThrow(/Secrets/);
    expect(requestUrl("https://k/prefix/", "/api/v1/pods", { limit: 5, continue: undefined }).toString()).toBe("https://k/prefix/api/v1/pods?limit=5");
  });
});

describe("the API client over HTTPS", () => {
  let c: FakeCluster;
  beforeAll(async () => {
    c = await fakeCluster({ objects: [{ apiVersion: "v1", kind: "Secret", metadata: { name: "s", namespace: "default" } }, ...generatedPods(600, 3)], token: "t0k3n" });
  });
  afterAll(() => c.close());

  it("sends GET with the bearer token and verifies the server certificate", async () => {
    const client = clientFrom(c.server.kubeconfig());
    expect(await client.get("/version")).toMatchObject({ major: "1" });
    const r = c.server.requests.at(-1)!;
    expect(r.method).toBe("GET");
    expect(r.headers.authorization).toBe("Bearer t0k3n");
  });

  it("accepts gzipped answers, as the API server sends for large lists", async () => {
    const client = clientFrom(c.server.kubeconfig());
    const page = (await client.get("/api/v1/pods", { limit: 550 })) as { items: unknown[] };
    expect(page.items).toHaveLength(550);
    const r = c.server.requests.at(-1)!;
    expect(r.headers["accept-encoding"]).toMatch(/gzip/);
    expect(r.gzipped).toBe(true);
  });

  it("refuses Secrets before sending anything", async () => {
    const client = clientFrom(c.server.kubeconfig());
    const before = c.server.requests.length;
    for (const p of ["/api/v1/secrets", "/api/v1/namespaces/default/secrets", "/api/v1/namespaces/default/secrets/s"]) {
      await expect(client.get(p)).rejects.toMatchObject({ failure: "refused" });
    }
    expect(c.server.requests.length).toBe(before);
  });

  it("offers nothing but get", () => {
    const client = clientFrom(c.server.kubeconfig());
    expect(Object.keys(client).sort()).toEqual(["context", "get", "insecure", "server"]);
    expect(Object.isFrozen(client)).toBe(true);
  });

  it("fails TLS verification without the CA", async () => {
    const client = clientFrom(kubeconfigYaml([{ name: "fake", server: c.server.url, token: "t0k3n" }]));
    const e = await client.get("/version").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).failure).toBe("connection");
    expect((e as ApiError).message).toMatch(/certificate/i);
  });

  it("reports HTTP errors with the Status message", async () => {
    const client = clientFrom(c.server.kubeconfig({ token: "wrong" }));
    await expect(client.get("/api/v1/pods")).rejects.toMatchObject({ failure: "http", status: 401, reason: "Unauthorized" });
  });
});

describe("plain http API servers", () => {
  let c: FakeCluster;
  beforeAll(async () => {
    c = await fakeCluster({ objects: [], tls: false });
  });
  afterAll(() => c.close());

  it("are used when the kubeconfig says insecure-skip-tls-verify", async () => {
    const client = clientFrom(kubeconfigYaml([{ name: "fake", server: c.server.url, insecure: true }]));
    expect(await client.get("/version")).toMatchObject({ major: "1" });
  });

  it("are refused otherwise", async () => {
    const client = clientFrom(kubeconfigYaml([{ name: "fake", server: c.server.url }]));
    const before = c.server.requests.length;
    await expect(client.get("/version")).rejects.toMatchObject({ failure: "refused", message: expect.stringMatching(/plain http .* insecure-skip-tls-verify/) });
    expect(c.server.requests.length).toBe(before);
  });
});
