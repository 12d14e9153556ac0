/**
 * Audit events as kube-apiserver writes them, read into the attributes the authorizer saw. Shapes
 * follow kubernetes `staging/src/k8s.io/apiserver/pkg/apis/audit/v1/types.go` and the example events
 * of the Kubernetes docs ("Auditing", content/en/docs/tasks/debug/debug-cluster/audit.md); request
 * attributes follow `endpoints/request/requestinfo.go`, impersonation `endpoints/filters/impersonation.go`.
 */
import { describe, expect, it } from "vitest";
import { readAuditEvent } from "./event";

const base = {
  kind: "Event",
  apiVersion: "audit.k8s.io/v1",
  level: "Metadata",
  auditID: "8e5c2a61-1b2f-4f47-9d1a-5b6c7d8e9f00",
  stage: "ResponseComplete",
  user: { username: "system:serviceaccount:ci:deployer", groups: ["system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated"] },
  sourceIPs: ["10.0.0.7"],
  responseStatus: { metadata: {}, code: 200 },
  requestReceivedTimestamp: "2026-10-12T09:14:03.512345Z",
  stageTimestamp: "2026-10-12T09:14:03.530012Z",
  annotations: { "authorization.k8s.io/decision": "allow", "authorization.k8s.io/reason": "" },
};

const ev = (over: Record<string, unknown>) => ({ ...base, ...over });

function only(value: unknown) {
  const r = readAuditEvent(value);
  if (r.kind !== "request") throw new Error(`expected a request, got ${JSON.stringify(r)}`);
  return r;
}

describe("readAuditEvent: request attributes (requestinfo.go)", () => {
  const cases: [string, Record<string, unknown>, object][] = [
    [
      "namespaced get with a name",
      { verb: "get", requestURI: "/api/v1/namespaces/payments/secrets/db", objectRef: { resource: "secrets", namespace: "payments", name: "db", apiVersion: "v1" } },
      { resourceRequest: true, verb: "get", apiGroup: "", resource: "secrets", subresource: "", name: "db", namespace: "payments" },
    ],
    [
      "list across all namespaces",
      { verb: "list", requestURI: "/apis/apps/v1/deployments?limit=500", objectRef: { resource: "deployments", apiGroup: "apps", apiVersion: "v1" } },
      { resourceRequest: true, verb: "list", apiGroup: "apps", resource: "deployments", subresource: "", name: "", namespace: "" },
    ],
    [
      "watch is its own verb",
      { verb: "watch", requestURI: "/api/v1/namespaces/shop/pods?watch=true", objectRef: { resource: "pods", namespace: "shop", apiVersion: "v1" } },
      { resourceRequest: true, verb: "watch", apiGroup: "", resource: "pods", subresource: "", name: "", namespace: "shop" },
    ],
    [
      "subresource (exec is create on pods/exec)",
      { verb: "create", requestURI: "/api/v1/namespaces/shop/pods/web-0/exec?command=sh", objectRef: { resource: "pods", subresource: "exec", namespace: "shop", name: "web-0", apiVersion: "v1" } },
      { resourceRequest: true, verb: "create", apiGroup: "", resource: "pods", subresource: "exec", name: "web-0", namespace: "shop" },
    ],
    [
      "the Namespace object lives in itself",
      { verb: "patch", requestURI: "/api/v1/namespaces/shop", objectRef: { resource: "namespaces", name: "shop", apiVersion: "v1" } },
      { resourceRequest: true, verb: "patch", apiGroup: "", resource: "namespaces", subresource: "", name: "shop", namespace: "shop" },
    ],
    [
      "non-resource URL: lower-case HTTP method and the path without its query",
      { verb: "get", requestURI: "/apis/apps/v1?timeout=32s" },
      { resourceRequest: false, verb: "get", path: "/apis/apps/v1" },
    ],
  ];
  it.each(cases)("%s", (_, over, request) => {
    expect(only(ev(over)).requests).toEqual([expect.objectContaining({ username: "system:serviceaccount:ci:deployer", decision: "allow", request })]);
  });

  it("keeps the time the request was received", () => {
    expect(only(ev({ verb: "get", requestURI: "/healthz" })).time).toBe(Date.parse("2026-10-12T09:14:03.512345Z"));
  });
});

describe("readAuditEvent: what counts", () => {
  it("counts a request once, at ResponseComplete or Panic (types.go Stage)", () => {
    for (const stage of ["RequestReceived", "ResponseStarted"]) expect(readAuditEvent(ev({ stage, verb: "get", requestURI: "/healthz" }))).toEqual({ kind: "skip", reason: "stage" });
    expect(readAuditEvent(ev({ stage: "Panic", verb: "get", requestURI: "/healthz" })).kind).toBe("request");
  });

  it("skips unauthenticated requests (401: the authorizer never ran)", () => {
    expect(readAuditEvent(ev({ verb: "get", requestURI: "/api", responseStatus: { code: 401 } }))).toEqual({ kind: "skip", reason: "unauthenticated" });
  });

  it("reads the decision annotation (filters/authorization.go), else a 403 as refused", () => {
    const forbid = ev({ verb: "list", requestURI: "/api/v1/secrets", objectRef: { resource: "secrets" }, responseStatus: { code: 403 }, annotations: { "authorization.k8s.io/decision": "forbid" } });
    expect(only(forbid).requests[0].decision).toBe("forbid");
    const admission = ev({ verb: "create", requestURI: "/api/v1/namespaces/a/pods", objectRef: { resource: "pods", namespace: "a" }, responseStatus: { code: 403 } });
    expect(only(admission).requests[0].decision).toBe("allow");
    const bare: Record<string, unknown> = { ...admission };
    delete bare.annotations;
    expect(only(bare).requests[0].decision).toBe("forbid");
  });

  it.each([
    [null, "not a JSON object"],
    [{ ...base, kind: "EventList" }, 'kind is "EventList", not "Event"'],
    [{ ...base, apiVersion: "audit.k8s.io/v2" }, 'apiVersion "audit.k8s.io/v2" is not audit.k8s.io/v1 or audit.k8s.io/v1beta1'],
    [ev({ requestURI: "/healthz" }), "no verb"],
    [ev({ verb: "get", requestURI: "/healthz", user: {} }), "no user.username"],
    [ev({ verb: "get", requestURI: "/healthz", requestReceivedTimestamp: "yesterday", stageTimestamp: undefined }), "no valid requestReceivedTimestamp or stageTimestamp"],
    [ev({ verb: "get", requestURI: "" }), "no objectRef and no requestURI path"],
  ])("rejects %j: %s", (value, message) => {
    expect(readAuditEvent(value)).toEqual({ kind: "bad", message });
  });
});

describe("readAuditEvent: impersonation (filters/impersonation.go)", () => {
  it("authorizes the request as the impersonated user, and the impersonator for each impersonated field", () => {
    const r = only(
      ev({
        verb: "delete",
        requestURI: "/api/v1/namespaces/shop/pods/web-0",
        objectRef: { resource: "pods", namespace: "shop", name: "web-0" },
        user: { username: "alice", groups: ["acme:platform", "system:authenticated"] },
        impersonatedUser: { username: "bob", groups: ["acme:oncall", "system:authenticated"], extra: { scopes: ["view", "edit"] } },
      }),
    );
    expect(r.requests.map((x) => [x.username, x.request.verb, x.request.resourceRequest ? `${x.request.resource}/${x.request.subresource}:${x.request.name}` : "", !!x.impersonation])).toEqual([
      ["bob", "delete", "pods/:web-0", false],
      ["alice", "impersonate", "users/:bob", true],
      ["alice", "impersonate", "groups/:acme:oncall", true],
      ["alice", "impersonate", "userextras/scopes:view", true],
      ["alice", "impersonate", "userextras/scopes:edit", true],
    ]);
    expect(r.requests[0].groups).toEqual(["acme:oncall", "system:authenticated"]);
  });

  it("impersonating a service account is impersonate on serviceaccounts in its namespace; its groups are added, not checked", () => {
    const r = only(
      ev({
        verb: "get",
        requestURI: "/api/v1/namespaces/ci/configmaps/x",
        objectRef: { resource: "configmaps", namespace: "ci", name: "x" },
        user: { username: "alice", groups: ["system:authenticated"] },
        impersonatedUser: { username: "system:serviceaccount:ci:deployer", groups: ["system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated"] },
      }),
    );
    expect(r.requests[1]).toMatchObject({ username: "alice", impersonation: true, request: { verb: "impersonate", resource: "serviceaccounts", namespace: "ci", name: "deployer" } });
    expect(r.requests).toHaveLength(2);
  });
});
