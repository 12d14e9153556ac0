import { describe, expect, it } from "vitest";
import { buildRbacGraph } from "./graph";
import { neighbourhood, toGraphDTO } from "./graph-focus";
import { buildRbacIndex } from "./rbac-index";
import { resourceRequest } from "./request";
import { clusterRole, clusterRoleBinding, group, role, roleBinding, rule, sa, user } from "./test-objects";
import { whoCan } from "./who-can";

const view = clusterRole("view", [rule({ verbs: ["get"], apiGroups: [""], resources: ["pods"] })], { "kubernetes.io/bootstrapping": "rbac-defaults" });
const agg = { ...clusterRole("aggregate", []), aggregation: { computed: true, sources: ["view"] } };
const index = buildRbacIndex({
  clusterRoles: [view, agg],
  roles: [role("pay", "secrets", [rule({ verbs: ["get", "list"], apiGroups: [""], resources: ["secrets"] }), rule({ verbs: ["get"], apiGroups: [""], resources: ["configmaps"] })])],
  clusterRoleBindings: [clusterRoleBinding("everyone-view", "view", [group("system:authenticated")])],
  roleBindings: [
    roleBinding("pay", "ci-secrets", { kind: "Role", name: "secrets" }, [group("devs"), sa("ci", "deployer")]),
    roleBinding("pay", "legacy", { kind: "Role", name: "deployer-v1" }, [user("bob")]),
  ],
  serviceAccounts: [{ namespace: "ci", name: "deployer", labels: {}, annotations: {}, secretNames: [] }],
});
const graph = buildRbacGraph(index);

describe("RBAC graph model", () => {
  it("links subject → binding → role → rule with the scope on roleRef edges", () => {
    expect(graph.out.get("subject:ServiceAccount/ci/deployer")?.map((e) => `${e.kind} ${e.target}`).sort()).toEqual([
      "member subject:Group/system:authenticated",
      "subject binding:RoleBinding/pay/ci-secrets",
    ]);
    expect(graph.out.get("binding:RoleBinding/pay/ci-secrets")).toEqual([{ id: "roleRef:binding:RoleBinding/pay/ci-secrets>role:Role/pay/secrets", source: "binding:RoleBinding/pay/ci-secrets", target: "role:Role/pay/secrets", kind: "roleRef", scope: "pay" }]);
    expect(graph.out.get("role:Role/pay/secrets")?.map((e) => e.target)).toEqual(["rule:Role/pay/secrets#0", "rule:Role/pay/secrets#1"]);
    expect(graph.nodes.get("subject:Group/system:authenticated")?.implicit).toBe(true);
  });

  it("shows a dangling roleRef as a ghost and aggregation as explicit edges", () => {
    expect(graph.nodes.get("role:Role/pay/deployer-v1")).toMatchObject({ ghost: true, label: "deployer-v1 (missing)" });
    expect(graph.out.get("role:ClusterRole/aggregate")?.map((e) => `${e.kind} ${e.target}`)).toEqual(["aggregates role:ClusterRole/view"]);
  });
});

describe("neighbourhood", () => {
  it("from a subject walks downstream, through its implicit groups", () => {
    const nb = neighbourhood(graph, { node: "subject:ServiceAccount/ci/deployer" });
    expect(nb.nodes.map((n) => n.id).sort()).toEqual([
      "binding:ClusterRoleBinding/everyone-view",
      "binding:RoleBinding/pay/ci-secrets",
      "role:ClusterRole/view",
      "role:Role/pay/secrets",
      "rule:ClusterRole/view#0",
      "rule:Role/pay/secrets#0",
      "rule:Role/pay/secrets#1",
      "subject:Group/system:authenticated",
      "subject:ServiceAccount/ci/deployer",
    ]);
    expect(nb.hidden).toEqual({ nodes: 0, edges: 0 });
    const short = neighbourhood(graph, { node: "subject:ServiceAccount/ci/deployer" }, { hops: 3 });
    expect(short.hidden.nodes).toBe(1); // view's rule is 4 hops away
    expect(short.nodes.find((n) => n.id === "role:ClusterRole/view")?.hidden).toBe(1);
  });

  it("from a role walks upstream to who is bound, not to every member of a group", () => {
    const nb = neighbourhood(graph, { node: "role:ClusterRole/view" }, { hops: 3 });
    expect(nb.nodes.map((n) => n.id).sort()).toEqual(["binding:ClusterRoleBinding/everyone-view", "role:ClusterRole/aggregate", "role:ClusterRole/view", "rule:ClusterRole/view#0", "subject:Group/system:authenticated"]);
  });

  it("caps the drawn elements and says what is hidden", () => {
    const nb = neighbourhood(graph, { node: "subject:ServiceAccount/ci/deployer" }, { maxElements: 5 });
    expect(nb.nodes.length + nb.edges.length).toBeLessThanOrEqual(5);
    expect(nb.truncated).toBe(true);
    expect(nb.hidden.nodes).toBeGreaterThan(0);
    expect(nb.nodes.some((n) => n.hidden > 0)).toBe(true);
  });

  it("filters by namespace and hides defaults, keeping the focus", () => {
    const nb = neighbourhood(graph, { node: "subject:ServiceAccount/ci/deployer" }, { hideDefaults: true });
    expect(nb.nodes.some((n) => n.id === "role:ClusterRole/view")).toBe(false);
    const onlyOther = neighbourhood(graph, { node: "subject:ServiceAccount/ci/deployer" }, { namespace: "other" });
    expect(onlyOther.nodes.map((n) => n.id)).toContain("subject:ServiceAccount/ci/deployer");
    expect(onlyOther.nodes.some((n) => n.namespace === "pay")).toBe(false);
  });

  it("draws a who-can answer as highlighted paths down to the matching rule", () => {
    const res = whoCan(index, resourceRequest({ verb: "list", resource: "secrets", namespace: "pay" }));
    const nb = neighbourhood(graph, { whoCan: res });
    expect(nb.focus).toEqual(["subject:Group/system:masters", "subject:Group/devs", "subject:ServiceAccount/ci/deployer"]);
    expect(nb.nodes.filter((n) => n.kind === "Rule").map((n) => n.id)).toEqual(["rule:Role/pay/secrets#0"]);
    expect(nb.edges.every((e) => e.highlight)).toBe(true);
    const dto = toGraphDTO(nb);
    expect(dto.nodes.find((n) => n.id === "role:Role/pay/secrets")).toMatchObject({ type: "Role", column: 2, classes: ["highlight"] });
    expect(dto.edges.find((e) => e.id.startsWith("roleRef:"))?.label).toBe("in pay");
  });
});
