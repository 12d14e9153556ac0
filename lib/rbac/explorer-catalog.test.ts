import { describe, expect, it } from "vitest";
import { completions, searchNodes } from "./explorer-catalog";
import { explorerFixture } from "./explorer-fixture";

const { index, graph } = explorerFixture();

describe("completions", () => {
  it("offers known verbs, resources named in rules first, subresources and the namespaces", () => {
    const c = completions(index);
    expect(c.verbs.slice(0, 3)).toEqual(["get", "list", "watch"]);
    expect(c.namespaces).toEqual(["ci", "data", "payments", "shop-backend", "shop-frontend"]);
    const values = c.resources.map((r) => r.value);
    expect(values.slice(0, 6)).toEqual(["configmaps", "events", "pods", "pods/exec", "pods/log", "secrets"]);
    expect(values).toEqual(expect.arrayContaining(["deployments", "serviceaccounts/token", "nodes"]));
    expect(c.resources.find((r) => r.value === "nodes")).toEqual({ value: "nodes", group: "", namespaced: false, inRules: false });
  });
});

describe("searchNodes", () => {
  it("finds subjects by any part of the name, exact and prefix matches first", () => {
    expect(searchNodes(graph, "deployer").hits.map((h) => h.id)).toEqual(["subject:ServiceAccount/ci/deployer"]);
    expect(searchNodes(graph, "acme").hits.map((h) => h.label)).toEqual(["acme:oncall", "acme:payments-leads"]);
    expect(searchNodes(graph, "ci deployer").total).toBe(1);
  });

  it("searches roles and bindings when asked, never ghosts", () => {
    const r = searchNodes(graph, "deployer", { kinds: ["ClusterRoleBinding", "RoleBinding", "Role", "ClusterRole"] });
    expect(r.hits.map((h) => h.id)).toEqual(["binding:ClusterRoleBinding/ci-deployer-admin", "binding:RoleBinding/shop-frontend/legacy-deployer"]);
  });

  it("limits the hits and reports the total; can hide defaults", () => {
    const all = searchNodes(graph, "", { limit: 2 });
    expect(all.hits).toHaveLength(2);
    expect(all.total).toBeGreaterThan(2);
    expect(searchNodes(graph, "system:masters", { hideDefaults: true }).total).toBe(0);
  });
});
