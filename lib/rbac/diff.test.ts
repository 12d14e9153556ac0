import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Finding } from "../findings/types";
import type { Role, RoleBinding } from "../model";
import { countGrants, diffGrants, linkFindings, type PermissionChange } from "./diff";
import { buildRbacIndex, type RbacIndex } from "./rbac-index";
import { clusterRole, clusterRoleBinding, group, role, roleBinding, rule, sa, user } from "./test-objects";

const BOOTSTRAP = { "kubernetes.io/bootstrapping": "rbac-defaults" };

function index(roles: Role[], bindings: RoleBinding[]): RbacIndex {
  return buildRbacIndex({
    roles: roles.filter((r) => r.kind === "Role"),
    clusterRoles: roles.filter((r) => r.kind === "ClusterRole"),
    roleBindings: bindings.filter((b) => b.kind === "RoleBinding"),
    clusterRoleBindings: bindings.filter((b) => b.kind === "ClusterRoleBinding"),
  });
}

const clusterAdmin = clusterRole("cluster-admin", [rule({ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }), rule({ verbs: ["*"], nonResourceURLs: ["*"] })], BOOTSTRAP);
const view = clusterRole("view", [rule({ verbs: ["get", "list", "watch"], apiGroups: [""], resources: ["pods", "services"] })], BOOTSTRAP);
const roles = [clusterAdmin, view, role("shop", "deployer", [rule({ verbs: ["get", "patch"], apiGroups: ["apps"], resources: ["deployments"] })])];
const bindings = [
  roleBinding("shop", "viewers", { kind: "ClusterRole", name: "view" }, [group("shop-devs")]),
  roleBinding("shop", "deployer", { kind: "Role", name: "deployer" }, [sa("ci", "deployer")]),
  clusterRoleBinding("cluster-admin", "cluster-admin", [group("system:masters")], BOOTSTRAP),
];
const base = index(roles, bindings);

/** `verbs resource` lines of a subject's permissions, for short assertions. */
const lines = (ps: PermissionChange[]) => ps.map((p) => `${p.namespace ?? "*"}: ${p.verbs.join(",")} ${p.nonResourceURL ?? `${p.resource}${p.apiGroup ? `.${p.apiGroup}` : ""}${p.resourceName ? ` named ${p.resourceName}` : ""}`}`);

describe("diffGrants", () => {
  it("finds no change between an index and itself, or two indexes of the same objects", () => {
    expect(diffGrants(base, base)).toEqual({ added: [], removed: [] });
    expect(diffGrants(base, index(roles, bindings))).toEqual({ added: [], removed: [] });
  });

  it("a service account bound to cluster-admin gains the wildcards, as granted, with the path", () => {
    const after = index(roles, [...bindings, clusterRoleBinding("ci-admin", "cluster-admin", [sa("ci", "deployer")])]);
    const d = diffGrants(base, after);
    expect(d.removed).toEqual([]);
    expect(d.added).toHaveLength(1);
    const [s] = d.added;
    expect(s).toMatchObject({ kind: "ServiceAccount", namespace: "ci", name: "deployer" });
    expect(lines(s.permissions)).toEqual(["*: * *.*", "*: * *"]);
    expect(s.permissions[0].via.map((v) => v.text)).toEqual(['ClusterRoleBinding "ci-admin" of ClusterRole "cluster-admin"']);
    expect(s.permissions[0].via[0].rules).toEqual([0]);
    expect(s.permissions[1]).toMatchObject({ scope: "cluster", nonResourceURL: "*", via: [expect.objectContaining({ rules: [1] })] });
    expect(countGrants(d.added)).toBe(2);
  });

  it("compares one verb on one resource at a time: a new verb is the only change", () => {
    const wider = [clusterAdmin, view, role("shop", "deployer", [rule({ verbs: ["get", "patch", "delete"], apiGroups: ["apps"], resources: ["deployments", "deployments/scale"] })])];
    const d = diffGrants(base, index(wider, bindings));
    expect(d.removed).toEqual([]);
    expect(d.added.map((s) => [s.name, lines(s.permissions)])).toEqual([["deployer", ["shop: delete deployments.apps", "shop: get,patch,delete deployments/scale.apps"]]]);
  });

  it("a grant that moves to another binding is no change; one that goes away is removed, with its old path", () => {
    const moved = [roleBinding("shop", "viewers-2", { kind: "ClusterRole", name: "view" }, [group("shop-devs")]), ...bindings.slice(1)];
    expect(diffGrants(base, index(roles, moved))).toEqual({ added: [], removed: [] });
    const d = diffGrants(base, index(roles, bindings.slice(1)));
    expect(d.added).toEqual([]);
    expect(d.removed.map((s) => `${s.kind}/${s.name}`)).toEqual(["Group/shop-devs"]);
    expect(lines(d.removed[0].permissions)).toEqual(["shop: get,list,watch pods", "shop: get,list,watch services"]);
    expect(d.removed[0].permissions[0].via[0]).toMatchObject({ text: 'RoleBinding "shop/viewers" of ClusterRole "view"', scope: "namespace", namespace: "shop" });
  });

  it("a binding to a role the input does not hold is a grant of its own, replaced once the role arrives", () => {
    const before = index([], [clusterRoleBinding("ci-admin", "cluster-admin", [sa("ci", "deployer")])]);
    const after = index([clusterAdmin], [clusterRoleBinding("ci-admin", "cluster-admin", [sa("ci", "deployer")])]);
    const d = diffGrants(index([], []), before);
    expect(d.added[0].permissions).toEqual([{ scope: "cluster", verbs: [], missingRole: "ClusterRole/cluster-admin", via: [expect.objectContaining({ text: 'ClusterRoleBinding "ci-admin" of ClusterRole "cluster-admin" (missing)', rules: [] })] }]);
    expect(countGrants(d.added)).toBe(1);
    const arrives = diffGrants(before, after);
    expect(arrives.removed[0].permissions.map((p) => p.missingRole)).toEqual(["ClusterRole/cluster-admin"]);
    expect(lines(arrives.added[0].permissions)).toEqual(["*: * *.*", "*: * *"]);
  });

  it("keeps wildcards as written and names as separate grants", () => {
    const before = index([clusterRole("r", [rule({ verbs: ["get"], apiGroups: [""], resources: ["secrets"], resourceNames: ["a"] })])], [clusterRoleBinding("b", "r", [user("alice")])]);
    const after = index([clusterRole("r", [rule({ verbs: ["get"], apiGroups: [""], resources: ["secrets"], resourceNames: ["a", "b"] }), rule({ verbs: ["*"], apiGroups: [""], resources: ["secrets"] })])], [clusterRoleBinding("b", "r", [user("alice")])]);
    expect(lines(diffGrants(before, after).added[0].permissions)).toEqual(["*: * secrets", "*: get secrets named b"]);
  });

  it("leaves out what a RoleBinding cannot grant, and narrows namespaces to its own", () => {
    const wide = clusterRole("wide", [rule({ verbs: ["get"], apiGroups: [""], resources: ["nodes", "namespaces", "pods"] }), rule({ verbs: ["get"], nonResourceURLs: ["/metrics"] })]);
    const d = diffGrants(base, index([...roles, wide], [...bindings, roleBinding("shop", "wide", { kind: "ClusterRole", name: "wide" }, [user("bob")])]));
    expect(lines(d.added[0].permissions)).toEqual(["shop: get namespaces named shop", "shop: get pods"]);
  });

  it("skips control-plane subjects and grants made only by default bindings, unless asked", () => {
    const sched = clusterRoleBinding("system:kube-scheduler", "view", [user("system:kube-scheduler")], BOOTSTRAP);
    const byDefault = clusterRoleBinding("system:discovery", "view", [group("system:authenticated")], BOOTSTRAP);
    const after = index(roles, [...bindings, sched, byDefault]);
    expect(diffGrants(base, after)).toEqual({ added: [], removed: [] });
    expect(diffGrants(base, after, { includeDefaults: true }).added.map((s) => `${s.kind}/${s.name}`)).toEqual(["Group/system:authenticated", "User/system:kube-scheduler"]);
    // the same grant to everyone through a binding someone wrote is not noise
    const mine = index(roles, [...bindings, clusterRoleBinding("everyone-views", "view", [group("system:authenticated")])]);
    expect(diffGrants(base, mine).added.map((s) => s.name)).toEqual(["system:authenticated"]);
  });

  it("links the findings that name a subject", () => {
    const after = index(roles, [...bindings, clusterRoleBinding("ci-admin", "cluster-admin", [sa("ci", "deployer")])]);
    const finding = (id: string, kind: string, name: string, namespace?: string) => ({ id, category: "rbac", resources: [{ kind, name, ...(namespace ? { namespace } : {}) }] }) as Finding;
    const linked = linkFindings(diffGrants(base, after), { added: [finding("R01-x", "ServiceAccount", "deployer", "ci"), finding("R01-y", "ServiceAccount", "deployer", "other")], removed: [] });
    expect(linked.added[0].findings).toEqual(["R01-x"]);
  });

  it("what one side adds the other removes (property)", () => {
    const ruleArb = fc.record({ verbs: fc.subarray(["get", "list", "*", "delete"], { minLength: 1 }), apiGroups: fc.subarray(["", "apps", "*"], { minLength: 1 }), resources: fc.subarray(["pods", "secrets", "namespaces", "*"], { minLength: 1 }), resourceNames: fc.subarray(["a", "shop"]) }).map((r) => rule(r));
    const world = fc.record({ rules: fc.array(ruleArb, { maxLength: 3 }), cluster: fc.boolean(), subject: fc.constantFrom(user("alice"), group("devs"), sa("shop", "api")) }).map((w) => {
      const binding = w.cluster ? clusterRoleBinding("b", "r", [w.subject]) : roleBinding("shop", "b", { kind: "ClusterRole", name: "r" }, [w.subject]);
      return index([clusterRole("r", w.rules)], [binding]);
    });
    fc.assert(
      fc.property(world, world, (x, y) => {
        const strip = (d: ReturnType<typeof diffGrants>["added"]) => d.map((s) => ({ ...s, permissions: s.permissions.map((p) => ({ ...p, via: [] })) }));
        expect(strip(diffGrants(x, y).added)).toEqual(strip(diffGrants(y, x).removed));
        expect(diffGrants(x, x)).toEqual({ added: [], removed: [] });
      }),
      { numRuns: 100 },
    );
  });
});
