import { describe, expect, it } from "vitest";
import { accessMatrix } from "./access-matrix";
import { permissionsOf, sortVerbs } from "./permissions";
import { buildRbacIndex } from "./rbac-index";
import { clusterRole, clusterRoleBinding, group, role, roleBinding, rule, sa, user } from "./test-objects";

const index = buildRbacIndex({
  clusterRoles: [
    clusterRole("reader", [rule({ verbs: ["get", "list"], apiGroups: [""], resources: ["pods", "services"] }), rule({ verbs: ["watch"], apiGroups: [""], resources: ["pods"] })]),
    clusterRole("metrics", [rule({ verbs: ["get"], nonResourceURLs: ["/metrics"] }), rule({ verbs: ["get"], apiGroups: [""], resources: ["nodes"] })]),
    clusterRole("ns-admin", [rule({ verbs: ["patch"], apiGroups: [""], resources: ["namespaces"] }), rule({ verbs: ["get", "list"], apiGroups: ["", "apps"], resources: ["configmaps"] })]),
  ],
  roles: [role("payments", "secret-reader", [rule({ verbs: ["get"], apiGroups: [""], resources: ["secrets"], resourceNames: ["db"] })])],
  clusterRoleBindings: [
    clusterRoleBinding("authenticated-metrics", "metrics", [group("system:authenticated")]),
    clusterRoleBinding("platform-readers", "reader", [group("platform")]),
    clusterRoleBinding("dangling", "gone", [user("alice")]),
  ],
  roleBindings: [
    roleBinding("payments", "alice-reader", { kind: "ClusterRole", name: "reader" }, [user("alice")]),
    roleBinding("payments", "alice-secrets", { kind: "Role", name: "secret-reader" }, [user("alice")]),
    roleBinding("payments", "ns", { kind: "ClusterRole", name: "ns-admin" }, [sa(undefined, "ci")]),
    roleBinding("payments", "metrics-here", { kind: "ClusterRole", name: "metrics" }, [sa("payments", "ci")]),
  ],
});

describe("permissionsOf", () => {
  it("lists cluster-wide then per-namespace rules, compacted, each with its path", () => {
    const p = permissionsOf(index, { kind: "User", name: "alice" });
    expect(p.identity).toEqual({ username: "alice", groups: ["system:authenticated"] });
    expect(p.scopes.map((s) => s.namespace ?? "(cluster)")).toEqual(["(cluster)", "payments"]);
    expect(p.scopes[0].rules.map((r) => [r.verbs, r.apiGroups, r.resources, r.nonResourceURLs])).toEqual([
      [["get"], [""], ["nodes"], []],
      [["get"], [], [], ["/metrics"]],
    ]);
    expect(p.scopes[0].rules[0].via[0].text).toBe('ClusterRoleBinding "authenticated-metrics" of ClusterRole "metrics"');
    const ns = p.scopes[1].rules;
    expect(ns.map((r) => `${r.verbs.join(",")} ${r.resources.join(",")} ${r.resourceNames.join(",")}`)).toEqual(["get,list,watch pods ", "get secrets db", "get,list services "]);
    expect(ns[0].via).toEqual([{ text: 'RoleBinding "payments/alice-reader" of ClusterRole "reader"', binding: { kind: "RoleBinding", name: "alice-reader", namespace: "payments" }, role: { kind: "ClusterRole", name: "reader" }, rules: [0, 1], scope: "namespace", namespace: "payments" }]);
    expect(p.missingRoles).toEqual(['ClusterRoleBinding/dangling: clusterrole.rbac.authorization.k8s.io "gone" not found']);
  });

  it("assumeGroups adds IdP membership that RBAC cannot show", () => {
    const without = permissionsOf(index, { kind: "User", name: "bob" });
    const withGroup = permissionsOf(index, { kind: "User", name: "bob" }, { assumeGroups: ["platform"] });
    expect(without.scopes[0].rules.some((r) => r.resources.includes("pods"))).toBe(false);
    expect(withGroup.scopes[0].rules.find((r) => r.resources.includes("pods"))?.verbs).toEqual(["get", "list", "watch"]);
    expect(withGroup.assumedGroups).toEqual(["platform"]);
  });

  it("marks what a RoleBinding cannot grant as ineffective and narrows namespaces to its own", () => {
    const p = permissionsOf(index, { kind: "ServiceAccount", namespace: "payments", name: "ci" }, { namespace: "payments" });
    const ns = p.scopes.find((s) => s.namespace === "payments")!;
    expect(ns.rules.map((r) => `${r.verbs} ${r.apiGroups.join("+")} ${r.resources} ${r.resourceNames}`)).toEqual(["get,list +apps configmaps ", "patch  namespaces payments"]);
    expect(ns.ineffective.map((i) => i.reason).sort()).toEqual(["cluster-scoped resources are granted only through ClusterRoleBindings", "non-resource URLs are granted only through ClusterRoleBindings"]);
  });

  it("restricts to one namespace and reports system:masters as bypass", () => {
    expect(permissionsOf(index, { kind: "User", name: "alice" }, { namespace: "other" }).scopes.map((s) => s.scope)).toEqual(["cluster"]);
    expect(permissionsOf(index, { kind: "User", name: "root" }, { assumeGroups: ["system:masters"] }).bypass).toBe(true);
  });

  it("orders verbs canonically and lets * absorb the rest", () => {
    expect(sortVerbs(["watch", "escalate", "get", "create"])).toEqual(["get", "watch", "create", "escalate"]);
    expect(sortVerbs(["get", "*"])).toEqual(["*"]);
  });
});

describe("accessMatrix", () => {
  it("answers subjects × resources × verbs for a namespace", () => {
    const m = accessMatrix(index, "payments", { resources: [{ group: "", resource: "pods" }, { group: "", resource: "secrets" }, { group: "", resource: "configmaps" }] });
    const rows = Object.fromEntries(m.rows.map((r) => [`${r.subject.kind}/${r.subject.namespace ? `${r.subject.namespace}/` : ""}${r.subject.name}`, r.cells]));
    expect(rows["User/alice"]).toEqual([["get", "list", "watch"], [], []]);
    expect(rows["Group/platform"]).toEqual([["get", "list", "watch"], [], []]);
    expect(rows["ServiceAccount/payments/ci"]).toEqual([[], [], ["get", "list"]]);
    expect(rows["Group/system:authenticated"]).toBeUndefined();
  });

  it("defaults its columns to common resources plus those the rules name", () => {
    const m = accessMatrix(index, "payments");
    expect(m.resources.some((r) => r.resource === "configmaps" && r.group === "apps")).toBe(true);
    expect(m.resources.some((r) => r.resource === "nodes")).toBe(false);
  });
});
