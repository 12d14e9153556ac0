import { describe, expect, it } from "vitest";
import { buildWhoCanRequest, exampleQuestions, formatQuestion, parseQuestion } from "./explorer-query";
import { explorerFixture } from "./explorer-fixture";

describe("parseQuestion", () => {
  it.each([
    ["who can get secrets in payments", { verb: "get", resource: "secrets", namespace: "payments" }],
    ["Who can `get secrets` in `payments`?", { verb: "get", resource: "secrets", namespace: "payments" }],
    ["list deployments.apps -n shop-backend", { verb: "list", resource: "deployments.apps", namespace: "shop-backend" }],
    ["get secrets --namespace=payments --name=db-creds", { verb: "get", resource: "secrets", namespace: "payments", name: "db-creds" }],
    ["get secrets in namespace payments named db", { verb: "get", resource: "secrets", namespace: "payments", name: "db" }],
    ["get secrets in the payments namespace", { verb: "get", resource: "secrets", namespace: "payments" }],
    ["create pods/exec in payments", { verb: "create", resource: "pods/exec", namespace: "payments" }],
    ["get /metrics", { verb: "get", url: "/metrics" }],
    ["list secrets in all namespaces", { verb: "list", resource: "secrets", namespace: "" }],
    ["list secrets cluster-wide", { verb: "list", resource: "secrets", namespace: "" }],
    ["get certificates --api-group cert-manager.io", { verb: "get", resource: "certificates", apiGroup: "cert-manager.io" }],
    ["", { verb: "" }],
  ])("%s", (text, query) => {
    expect(parseQuestion(text).query).toEqual(query);
  });

  it("reads everyday verbs as API verbs and says so", () => {
    // "read" is get, list and watch: list and watch return the objects too (a Secret's data included)
    expect(parseQuestion("who can read secrets in payments")).toEqual({ query: { verb: "get,list,watch", resource: "secrets", namespace: "payments" }, notes: ['"read" asked as get, list or watch'] });
    expect(formatQuestion({ verb: "get,list,watch", resource: "secrets", namespace: "payments" })).toBe("read secrets in payments");
    expect(parseQuestion("who can exec into pods in payments").query).toEqual({ verb: "create", resource: "pods/exec", namespace: "payments" });
  });

  it("keeps the case of names and reports words it did not use", () => {
    const p = parseQuestion("get secrets named DB-Creds please");
    expect(p.query.name).toBe("DB-Creds");
    expect(p.notes).toEqual(['ignored "please"']);
  });

  it("round-trips through formatQuestion", () => {
    for (const text of ["get secrets in payments", "create pods/exec in shop-backend named web-0", "get /metrics", "list certificates --api-group cert-manager.io"]) {
      expect(formatQuestion(parseQuestion(text).query)).toBe(text);
    }
  });
});

describe("buildWhoCanRequest", () => {
  const { index } = explorerFixture();

  it("resolves groups and normalises like the CLI", () => {
    const b = buildWhoCanRequest({ verb: "GET", resource: "deploy", namespace: "payments" }, index);
    expect(b.request).toEqual({ resourceRequest: true, verb: "get", apiGroup: "apps", resource: "deployments", subresource: "", name: "", namespace: "payments" });
    expect(b.description).toBe("get deployments.apps in namespace payments");
    expect(b.notes).toEqual(['"deploy" read as "deployments"']);
  });

  it("drops the namespace of a cluster-scoped resource and notes a missing namespace", () => {
    expect(buildWhoCanRequest({ verb: "list", resource: "nodes", namespace: "payments" }).request).toMatchObject({ namespace: "" });
    expect(buildWhoCanRequest({ verb: "list", resource: "secrets" }).notes.join()).toContain("only ClusterRoleBindings answer");
    expect(buildWhoCanRequest({ verb: "list", resource: "nodes" }).notes).toEqual([]);
  });

  it("builds non-resource requests", () => {
    expect(buildWhoCanRequest({ verb: "get", url: "/metrics" }).request).toEqual({ resourceRequest: false, verb: "get", path: "/metrics" });
  });

  it.each([
    [{ verb: "" }, "give a verb"],
    [{ verb: "get" }, "give a resource"],
    [{ verb: "get", url: "metrics" }, 'starts with "/"'],
    [{ verb: "get", url: "/x", resource: "pods" }, "not both"],
    [{ verb: "get", resource: "deployments.apps", apiGroup: "extensions" }, "names API group"],
  ])("rejects %j as a bad request", (q, message) => {
    expect(() => buildWhoCanRequest(q)).toThrow(expect.objectContaining({ code: "bad_request", message: expect.stringContaining(message) }));
  });
});

describe("exampleQuestions", () => {
  it("names only namespaces the snapshot has", () => {
    expect(exampleQuestions(["default", "kube-system", "accounts-api", "billing-etl"])).toEqual(["read secrets in billing-etl", "create pods/exec in billing-etl", "list secrets", "impersonate users", "escalate clusterroles", "create serviceaccounts/token in kube-system", "get /metrics"]);
    expect(exampleQuestions(["default", "shop"]).slice(0, 2)).toEqual(["read secrets in shop", "create pods/exec in shop"]);
    const none = exampleQuestions([]);
    expect(none.some((q) => / in /.test(q))).toBe(false);
  });
});
