import { describe, expect, it } from "vitest";
import { nodeDetail } from "./explorer-detail";
import { explorerFixture } from "./explorer-fixture";

const { index, graph } = explorerFixture();

describe("nodeDetail", () => {
  it("a service account: bindings naming it, implicit groups, workloads and effective permissions", () => {
    const d = nodeDetail(index, graph, "subject:ServiceAccount/ci/deployer");
    if (d?.type !== "subject") throw new Error("expected a subject");
    expect(d.subject).toEqual({ kind: "ServiceAccount", namespace: "ci", name: "deployer", id: "ServiceAccount/ci/deployer" });
    expect(d.bindings.map((b) => [b.binding.label, b.role.label, b.scope])).toEqual([["ci-deployer-admin", "cluster-admin", "cluster-wide"]]);
    expect(d.memberOf.map((m) => m.id)).toEqual(["subject:Group/system:authenticated"]);
    expect(d.workloads).toEqual([{ kind: "Deployment", namespace: "ci", name: "gitlab-runner", pods: 1, tokenMounted: true }]);
    expect(d.exists).toBe(true);
    const cluster = d.permissions.scopes.find((s) => s.scope === "cluster")!;
    expect(cluster.rows[0]).toMatchObject({ group: "*", resource: "*", all: true });
    expect(cluster.urls.map((u) => u.resource)).toEqual(["*", "/api", "/api/*"]);
  });

  it("a user's permissions narrow to a namespace and take assumed groups", () => {
    const plain = nodeDetail(index, graph, "subject:User/alice");
    if (plain?.type !== "subject") throw new Error("expected a subject");
    expect(plain.permissions.scopes.map((s) => s.namespace ?? "cluster")).toEqual(["cluster", "payments"]);
    const assumed = nodeDetail(index, graph, "subject:User/alice", { assumeGroups: ["acme:oncall"], namespace: "shop-backend" });
    if (assumed?.type !== "subject") throw new Error("expected a subject");
    expect(assumed.assumedGroups).toEqual(["acme:oncall"]);
    expect(assumed.permissions.scopes.map((s) => s.namespace ?? "cluster")).toEqual(["cluster", "shop-backend"]);
    expect(assumed.permissions.scopes[1].rows.find((r) => r.resource === "pods/exec")?.verbs).toEqual(["create"]);
  });

  it("a role: its rules and every binding of it", () => {
    const d = nodeDetail(index, graph, "role:ClusterRole/pod-debugger");
    if (d?.type !== "role") throw new Error("expected a role");
    expect(d.rules.map((r) => r.text)).toEqual(["create pods/exec (core)", "get,list,watch [pods, pods/log, events] (core)"]);
    expect(d.boundBy.map((b) => `${b.binding.label} ${b.scope} ${b.subjects.map((s) => s.label)}`)).toEqual([
      "payments/oncall-pod-debugger in payments acme:oncall",
      "shop-backend/oncall-pod-debugger in shop-backend acme:oncall",
    ]);
  });

  it("a binding to a missing role: the roleRef is a ghost and its absent subject is named", () => {
    const d = nodeDetail(index, graph, "binding:RoleBinding/shop-frontend/legacy-deployer");
    if (d?.type !== "binding") throw new Error("expected a binding");
    expect(d.line.role).toMatchObject({ id: "role:Role/shop-frontend/deployer-v1", ghost: true });
    expect(d.line.missing).toContain("deployer-v1");
    expect(d.subjectsMissing).toEqual(["ServiceAccount/ci/jenkins"]);
    expect(d.rules).toEqual([]);
  });

  it("a ServiceAccount subject without a namespace is shown in the RoleBinding's namespace", () => {
    const d = nodeDetail(index, graph, "binding:RoleBinding/payments/config");
    if (d?.type !== "binding") throw new Error("expected a binding");
    expect(d.line.subjects.map((s) => s.id)).toEqual(["subject:User/alice", "subject:ServiceAccount/payments/payments-api"]);
    expect(d.subjectsMissing).toEqual([]);
  });

  it("a rule: its role and who is bound", () => {
    const d = nodeDetail(index, graph, "rule:ClusterRole/secret-reader#0");
    if (d?.type !== "rule") throw new Error("expected a rule");
    expect(d.role.id).toBe("role:ClusterRole/secret-reader");
    expect(d.rule).toMatchObject({ index: 0, verbs: ["get", "list", "watch"], resources: ["secrets"] });
    expect(d.boundBy.map((b) => b.binding.label)).toEqual(["reports-secret-reader"]);
  });

  it("null for an unknown node", () => {
    expect(nodeDetail(index, graph, "subject:User/nobody")).toBeNull();
  });
});
