import { describe, expect, it } from "vitest";
import { explorerFixture } from "./explorer-fixture";
import { evidencePaths, explorerGraph, subjectNode } from "./explorer-graph";
import { answerAsResult, filterAnswer, whoCanAnswer } from "./explorer-who-can";
import { resourceRequest } from "./request";

const { index, graph } = explorerFixture();
const CI = "subject:ServiceAccount/ci/deployer";
const ONCALL = "subject:Group/acme:oncall";

describe("explorerGraph", () => {
  it("draws a who-can answer with every granting path highlighted", () => {
    const answer = filterAnswer(whoCanAnswer(index, resourceRequest({ verb: "get", resource: "secrets", namespace: "payments" })), { hideDefaults: true });
    const g = explorerGraph(index, graph, { focus: { whoCan: answerAsResult(answer) } });
    expect(g.found).toBe(true);
    expect(g.highlighted).toEqual(expect.arrayContaining([CI, "binding:ClusterRoleBinding/ci-deployer-admin", "role:ClusterRole/cluster-admin", "rule:ClusterRole/cluster-admin#0"]));
    expect(g.highlighted).not.toContain("subject:Group/system:masters");
    expect(g.graph.edges.find((e) => e.id === `roleRef:binding:ClusterRoleBinding/ci-deployer-admin>role:ClusterRole/cluster-admin`)?.classes).toContain("highlight");
  });

  it("opens on a node with its neighbourhood and counts what the filters left out", () => {
    const all = explorerGraph(index, graph, { focus: { node: CI } });
    expect(all.graph.nodes.map((n) => n.id)).toContain("binding:ClusterRoleBinding/system:discovery");
    expect(all.filteredOut).toBe(0);
    const hidden = explorerGraph(index, graph, { focus: { node: CI }, hideDefaults: true });
    expect(hidden.graph.nodes.map((n) => n.id)).not.toContain("binding:ClusterRoleBinding/system:discovery");
    expect(hidden.graph.nodes.map((n) => n.id)).not.toContain("role:ClusterRole/system:discovery");
    // a custom binding of a default role is what a reviewer must see
    expect(hidden.graph.nodes.map((n) => n.id)).toContain("role:ClusterRole/cluster-admin");
    expect(hidden.filteredOut).toBe(all.graph.nodes.length - hidden.graph.nodes.length);
    expect(hidden.filteredOut).toBeGreaterThan(0);
  });

  it("marks the focus, and draws a ServiceAccount that does not exist as a ghost", () => {
    const g = explorerGraph(index, graph, { focus: { node: "binding:RoleBinding/shop-frontend/legacy-deployer" } });
    expect(g.graph.nodes.find((n) => n.id === "binding:RoleBinding/shop-frontend/legacy-deployer")?.classes).toContain("focus");
    expect(g.graph.nodes.find((n) => n.id === "subject:ServiceAccount/ci/jenkins")).toMatchObject({ label: "ci/jenkins (missing)", classes: expect.arrayContaining(["ghost"]) });
    expect(g.graph.nodes.find((n) => n.id === "role:Role/shop-frontend/deployer-v1")?.classes).toContain("ghost");
    expect(explorerGraph(index, graph, { focus: { node: CI } }).graph.nodes.find((n) => n.id === CI)?.classes).not.toContain("ghost");
  });

  it("says when the focus is not in the snapshot", () => {
    const g = explorerGraph(index, graph, { focus: { node: "subject:User/nobody" } });
    expect(g).toMatchObject({ found: false, highlighted: [], graph: { nodes: [], edges: [] } });
  });

  it("adds the neighbours of expanded nodes", () => {
    const base = explorerGraph(index, graph, { focus: { node: CI }, hops: 1 });
    expect(base.graph.nodes.map((n) => n.id)).not.toContain("role:ClusterRole/cluster-admin");
    const more = explorerGraph(index, graph, { focus: { node: CI }, hops: 1, expand: ["binding:ClusterRoleBinding/ci-deployer-admin"] });
    const ids = more.graph.nodes.map((n) => n.id);
    expect(ids).toContain("role:ClusterRole/cluster-admin");
    expect(more.graph.edges.map((e) => e.id)).toContain("roleRef:binding:ClusterRoleBinding/ci-deployer-admin>role:ClusterRole/cluster-admin");
    expect(more.graph.nodes.find((n) => n.id === "binding:ClusterRoleBinding/ci-deployer-admin")?.detail).toBeUndefined();
  });

  it("keeps expansions inside the element cap and says what did not fit", () => {
    const g = explorerGraph(index, graph, { focus: { node: CI }, hops: 1, expand: ["role:ClusterRole/cluster-admin"], maxElements: 6 });
    expect(g.graph.nodes.length + g.graph.edges.length).toBeLessThanOrEqual(6);
    expect(g.graph.hidden?.nodes).toBeGreaterThan(0);
  });

  it("highlights a finding's evidence for the focused subject and fades the rest", () => {
    const g = explorerGraph(index, graph, { focus: { node: ONCALL }, rule: "R10", namespace: "payments" });
    expect(g.highlighted.sort()).toEqual([ONCALL, "binding:RoleBinding/payments/oncall-pod-debugger", "role:ClusterRole/pod-debugger", "rule:ClusterRole/pod-debugger#0"].sort());
    expect(g.graph.nodes.map((n) => n.id)).not.toContain("binding:RoleBinding/shop-backend/oncall-pod-debugger");
    expect(g.graph.nodes.find((n) => n.id === "rule:ClusterRole/pod-debugger#1")?.classes).toContain("faded");
    expect(g.graph.edges.find((e) => e.id === `subject:${ONCALL}>binding:RoleBinding/payments/oncall-pod-debugger`)?.classes).toContain("highlight");
  });

  it("opened from a finding, draws the evidence alone (the neighbourhood on request), and says so", () => {
    const g = explorerGraph(index, graph, { focus: { node: ONCALL }, rule: "R10", namespace: "payments", evidenceOnly: true });
    const evidence = [ONCALL, "binding:RoleBinding/payments/oncall-pod-debugger", "role:ClusterRole/pod-debugger", "rule:ClusterRole/pod-debugger#0"].sort();
    expect(g.graph.nodes.map((n) => n.id).sort()).toEqual(evidence);
    expect(g.highlighted.sort()).toEqual(evidence);
    expect(g.graph.edges.every((e) => e.classes?.includes("highlight"))).toBe(true);
    expect(g.graph.hidden?.reason).toContain("only the evidence for R10");
    // no evidence: the neighbourhood as before
    expect(explorerGraph(index, graph, { focus: { node: ONCALL }, rule: "R01", evidenceOnly: true }).graph.nodes.length).toBeGreaterThan(1);
  });

  it("highlights nothing for a rule the subject does not break", () => {
    expect(explorerGraph(index, graph, { focus: { node: ONCALL }, rule: "R01" }).highlighted).toEqual([]);
  });
});

describe("evidencePaths", () => {
  it("follows the catalogue's paths: cluster-admin for R01", () => {
    expect(evidencePaths(index, CI, "R01").nodes).toEqual(expect.arrayContaining([CI, "binding:ClusterRoleBinding/ci-deployer-admin", "role:ClusterRole/cluster-admin"]));
    expect(evidencePaths(index, "role:ClusterRole/edit", "R01")).toEqual({ nodes: [], edges: [] });
  });

  it("maps subject ids to node ids", () => {
    expect(subjectNode("ServiceAccount/ci/deployer")).toBe(CI);
    expect(subjectNode("nonsense")).toBeNull();
  });
});
