import { describe, expect, it } from "vitest";
import { allowedSubjects, authorize, type RbacObjects } from "./evaluator";
import { authorizeIndexed, buildRbacIndex } from "./rbac-index";
import { nonResourceRequest, resourceRequest, type AccessRequest } from "./request";
import { identityOf, serviceAccountIdentity, userIdentity, type Identity } from "./subjects";
import { clusterRole, clusterRoleBinding, group, role, roleBinding, rule, sa, user } from "./test-objects";
import { whoCan } from "./who-can";

function objects(p: Partial<RbacObjects>): RbacObjects {
  return { roles: [], clusterRoles: [], roleBindings: [], clusterRoleBindings: [], ...p };
}

/** Asserts the reference evaluator, the index and who-can all give `expected`. */
function expectAllowed(rbac: RbacObjects, who: Identity, req: AccessRequest, expected: boolean) {
  expect(authorize(rbac, who, req).allowed, "reference authorize").toBe(expected);
  const index = buildRbacIndex(rbac);
  expect(authorizeIndexed(index, who, req).allowed, "indexed authorize").toBe(expected);
  const viaWhoCan = whoCan(index, req).subjects.some((s) => (s.kind === "Group" ? who.groups.includes(s.name) : identityOf(s).username === who.username));
  expect(viaWhoCan, "who-can lists a subject matching the identity").toBe(expected);
}

const podsReader = clusterRole("pods-reader", [rule({ verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] })]);
const alice = userIdentity("alice");
const getPods = (namespace = "") => resourceRequest({ verb: "get", resource: "pods", namespace, name: "web" });

describe("decision procedure (upstream rbac.go Authorize)", () => {
  it("ClusterRoleBindings apply in every namespace and across all namespaces", () => {
    const rbac = objects({ clusterRoles: [podsReader], clusterRoleBindings: [clusterRoleBinding("b", "pods-reader", [user("alice")])] });
    expectAllowed(rbac, alice, getPods("a"), true);
    expectAllowed(rbac, alice, getPods("b"), true);
    expectAllowed(rbac, alice, getPods(""), true);
  });

  it("RoleBindings apply only to requests in their namespace, never to all-namespace requests", () => {
    const rbac = objects({ clusterRoles: [podsReader], roleBindings: [roleBinding("a", "b", { kind: "ClusterRole", name: "pods-reader" }, [user("alice")])] });
    expectAllowed(rbac, alice, getPods("a"), true);
    expectAllowed(rbac, alice, getPods("b"), false);
    expectAllowed(rbac, alice, getPods(""), false);
  });

  it("a RoleBinding's Role resolves in the binding's namespace only", () => {
    const rbac = objects({
      roles: [role("other", "reader", podsReader.rules)],
      roleBindings: [roleBinding("a", "b", { kind: "Role", name: "reader" }, [user("alice")])],
    });
    expectAllowed(rbac, alice, getPods("a"), false);
    expect(authorize(rbac, alice, getPods("a")).errors[0]).toContain('"reader" not found in namespace "a"');
    const ok = objects({ ...rbac, roles: [...rbac.roles, role("a", "reader", podsReader.rules)] });
    expectAllowed(ok, alice, getPods("a"), true);
  });

  it("a missing role contributes nothing, is reported, and other bindings still count", () => {
    const rbac = objects({
      clusterRoles: [podsReader],
      clusterRoleBindings: [clusterRoleBinding("dangling", "gone", [user("alice")]), clusterRoleBinding("ok", "pods-reader", [user("alice")])],
    });
    expectAllowed(rbac, alice, getPods("a"), true);
    expect(authorize(rbac, alice, getPods("a")).errors).toEqual(['clusterrole.rbac.authorization.k8s.io "gone" not found']);
    const index = buildRbacIndex(rbac);
    expect(index.missingRoles).toEqual([{ binding: "ClusterRoleBinding/dangling", roleId: "ClusterRole/gone", message: 'clusterrole.rbac.authorization.k8s.io "gone" not found' }]);
    expect(whoCan(index, getPods("a")).missingRoles).toHaveLength(1);
  });

  it("an unknown roleRef kind is an error and grants nothing", () => {
    const rbac = objects({ clusterRoles: [podsReader], roleBindings: [roleBinding("a", "b", { kind: "Something", name: "pods-reader" }, [user("alice")])] });
    expectAllowed(rbac, alice, getPods("a"), false);
    expect(buildRbacIndex(rbac).missingRoles[0].message).toContain("unsupported role reference kind");
  });

  it("cluster-scoped resources are granted only through ClusterRoleBindings", () => {
    const nodes = clusterRole("nodes", [rule({ verbs: ["get", "patch"], apiGroups: [""], resources: ["nodes", "persistentvolumes"] })]);
    const viaRb = objects({ clusterRoles: [nodes], roleBindings: [roleBinding("a", "b", { kind: "ClusterRole", name: "nodes" }, [user("alice")])] });
    const req = resourceRequest({ verb: "get", resource: "nodes", name: "n1", namespace: "a" });
    expect(req.namespace).toBe("");
    expectAllowed(viaRb, alice, req, false);
    expectAllowed(viaRb, alice, resourceRequest({ verb: "patch", resource: "persistentvolumes", namespace: "a" }), false);
    const viaCrb = objects({ clusterRoles: [nodes], clusterRoleBindings: [clusterRoleBinding("b", "nodes", [user("alice")])] });
    expectAllowed(viaCrb, alice, req, true);
  });

  it("non-resource URLs are granted only through ClusterRoleBindings", () => {
    const metrics = clusterRole("metrics", [rule({ verbs: ["get"], nonResourceURLs: ["/metrics"] })]);
    const req = nonResourceRequest("get", "/metrics");
    expectAllowed(objects({ clusterRoles: [metrics], roleBindings: [roleBinding("a", "b", { kind: "ClusterRole", name: "metrics" }, [user("alice")])] }), alice, req, false);
    expectAllowed(objects({ clusterRoles: [metrics], clusterRoleBindings: [clusterRoleBinding("b", "metrics", [user("alice")])] }), alice, req, true);
  });

  it("the Namespace object lives in its own namespace (RoleBinding in foo grants get/patch on Namespace foo)", () => {
    const nsEditor = clusterRole("ns-editor", [rule({ verbs: ["get", "patch"], apiGroups: [""], resources: ["namespaces"] })]);
    const rbac = objects({ clusterRoles: [nsEditor], roleBindings: [roleBinding("foo", "b", { kind: "ClusterRole", name: "ns-editor" }, [user("alice")])] });
    expectAllowed(rbac, alice, resourceRequest({ verb: "patch", resource: "namespaces", name: "foo" }), true);
    expectAllowed(rbac, alice, resourceRequest({ verb: "get", resource: "namespaces", name: "foo" }), true);
    expectAllowed(rbac, alice, resourceRequest({ verb: "patch", resource: "namespaces", name: "bar" }), false);
    expectAllowed(rbac, alice, resourceRequest({ verb: "get", resource: "namespaces", namespace: "foo" }), false);
  });

  it("bind on a ClusterRole granted by a RoleBinding applies in that namespace (bind is not a URL request)", () => {
    const binder = clusterRole("binder", [rule({ verbs: ["bind"], apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], resourceNames: ["admin"] })]);
    const rbac = objects({ clusterRoles: [binder], roleBindings: [roleBinding("team", "b", { kind: "ClusterRole", name: "binder" }, [user("alice")])] });
    const bind = (name: string, namespace: string) => resourceRequest({ verb: "bind", apiGroup: "rbac.authorization.k8s.io", resource: "clusterroles", name, namespace });
    expectAllowed(rbac, alice, bind("admin", "team"), true);
    expectAllowed(rbac, alice, bind("admin", "other"), false);
    expectAllowed(rbac, alice, bind("cluster-admin", "team"), false);
  });

  it("a ClusterRoleBinding with no subjects (bootstrap system:node) grants nobody", () => {
    const rbac = objects({ clusterRoles: [podsReader], clusterRoleBindings: [clusterRoleBinding("system:node", "pods-reader", [])] });
    expectAllowed(rbac, alice, getPods("a"), false);
    expect(whoCan(buildRbacIndex(rbac), getPods("a")).subjects.map((s) => s.name)).toEqual(["system:masters"]);
  });

  it("system:masters is allowed before RBAC, with no binding, and is listed first by who-can", () => {
    const rbac = objects({ clusterRoles: [podsReader], clusterRoleBindings: [clusterRoleBinding("a", "pods-reader", [group("devs")])] });
    const root = userIdentity("root", ["system:masters"]);
    const d = authorize(rbac, root, resourceRequest({ verb: "delete", resource: "nodes", name: "n1" }));
    expect(d).toMatchObject({ allowed: true, bypass: true });
    expect(authorizeIndexed(buildRbacIndex(rbac), root, resourceRequest({ verb: "delete", resource: "nodes" }))).toMatchObject({ allowed: true, bypass: true, paths: [] });
    const subjects = whoCan(buildRbacIndex(rbac), getPods("a")).subjects;
    expect(subjects.map((s) => `${s.kind}/${s.name}`)).toEqual(["Group/system:masters", "Group/devs"]);
    expect(subjects[0].via[0].bypass).toBe(true);
    expect(allowedSubjects(rbac, getPods("a")).subjects[0].subject).toMatchObject({ kind: "Group", name: "system:masters" });
  });

  it("lowercases request verbs (rules use lowercase API verbs)", () => {
    const rbac = objects({ clusterRoles: [podsReader], clusterRoleBindings: [clusterRoleBinding("b", "pods-reader", [user("alice")])] });
    expectAllowed(rbac, alice, resourceRequest({ verb: "GET", resource: "pods", namespace: "a" }), true);
  });
});

describe("subject matching (upstream appliesToUser)", () => {
  const bind = (...subjects: ReturnType<typeof user>[]) =>
    objects({ clusterRoles: [podsReader], roleBindings: [roleBinding("ns", "b", { kind: "ClusterRole", name: "pods-reader" }, subjects)] });
  const crb = (...subjects: ReturnType<typeof user>[]) => objects({ clusterRoles: [podsReader], clusterRoleBindings: [clusterRoleBinding("b", "pods-reader", subjects)] });
  const req = getPods("ns");

  it.each([
    ["User is exact", bind(user("alice")), userIdentity("alice"), true],
    ["User is case-sensitive", bind(user("Alice")), userIdentity("alice"), false],
    ["User * is not a wildcard", bind(user("*")), userIdentity("alice"), false],
    ["Group membership", bind(group("devs")), userIdentity("alice", ["devs"]), true],
    ["Group not a member", bind(group("devs")), userIdentity("alice", ["ops"]), false],
    ["ServiceAccount with namespace", bind(sa("ns", "app")), serviceAccountIdentity("ns", "app"), true],
    ["ServiceAccount in another namespace", bind(sa("other", "app")), serviceAccountIdentity("ns", "app"), false],
    ["ServiceAccount without namespace defaults to the RoleBinding's", bind(sa(undefined, "app")), serviceAccountIdentity("ns", "app"), true],
    ["ServiceAccount without namespace never matches in a ClusterRoleBinding", crb(sa(undefined, "app")), serviceAccountIdentity("ns", "app"), false],
    ["ServiceAccount subject matches its username", bind(sa("ns", "app")), userIdentity("system:serviceaccount:ns:app"), true],
    ["User subject with an SA username matches the SA", bind(user("system:serviceaccount:ns:app")), serviceAccountIdentity("ns", "app"), true],
    ["unknown subject kinds match nobody", bind({ kind: "Robot", name: "alice" }), userIdentity("alice"), false],
    ["[Group devs, ServiceAccount ns/sa] matches ns/sa (rbac-police regression)", bind(group("devs"), sa("ns", "sa")), serviceAccountIdentity("ns", "sa"), true],
    ["implicit group system:serviceaccounts", bind(group("system:serviceaccounts")), serviceAccountIdentity("ns", "app"), true],
    ["implicit group system:serviceaccounts:<ns>", bind(group("system:serviceaccounts:ns")), serviceAccountIdentity("ns", "app"), true],
    ["system:serviceaccounts:<other ns> does not match", bind(group("system:serviceaccounts:other")), serviceAccountIdentity("ns", "app"), false],
    ["service accounts are authenticated", bind(group("system:authenticated")), serviceAccountIdentity("ns", "app"), true],
    ["users are authenticated", bind(group("system:authenticated")), userIdentity("alice"), true],
    ["anonymous is not authenticated", bind(group("system:authenticated")), userIdentity("system:anonymous"), false],
    ["anonymous is unauthenticated", bind(group("system:unauthenticated")), userIdentity("system:anonymous"), true],
    ["users are not unauthenticated", bind(group("system:unauthenticated")), userIdentity("alice"), false],
  ] as const)("%s", (_name, rbac, who, expected) => {
    expectAllowed(rbac, who, req, expected);
  });

  it("who-can reports an SA without namespace in a RoleBinding in the binding's namespace", () => {
    const res = whoCan(buildRbacIndex(bind(sa(undefined, "app"))), req);
    expect(res.subjects[1]).toMatchObject({ kind: "ServiceAccount", namespace: "ns", name: "app" });
  });
});

describe("who-can paths", () => {
  it("lists every granting path with scope and rule indices", () => {
    const rbac = objects({
      clusterRoles: [podsReader, clusterRole("all", [rule({ verbs: ["list"], apiGroups: [""], resources: ["secrets"] }), rule({ verbs: ["*"], apiGroups: ["*"], resources: ["*"] })])],
      clusterRoleBindings: [clusterRoleBinding("admins", "all", [group("admins")])],
      roleBindings: [
        roleBinding("payments", "pod-debuggers", { kind: "ClusterRole", name: "pods-reader" }, [group("admins"), user("bob")]),
        roleBinding("other", "x", { kind: "ClusterRole", name: "pods-reader" }, [user("carol")]),
      ],
    });
    const res = whoCan(buildRbacIndex(rbac), getPods("payments"));
    expect(res.subjects.map((s) => `${s.kind}/${s.name}`)).toEqual(["Group/system:masters", "Group/admins", "User/bob"]);
    expect(res.subjects[1].via).toEqual([
      { text: 'ClusterRoleBinding "admins" of ClusterRole "all"', binding: { kind: "ClusterRoleBinding", name: "admins" }, role: { kind: "ClusterRole", name: "all" }, rules: [1], scope: "cluster" },
      {
        text: 'RoleBinding "payments/pod-debuggers" of ClusterRole "pods-reader"',
        binding: { kind: "RoleBinding", name: "pod-debuggers", namespace: "payments" },
        role: { kind: "ClusterRole", name: "pods-reader" },
        rules: [0],
        scope: "namespace",
        namespace: "payments",
      },
    ]);
  });
});
