import { describe, expect, it } from "vitest";
import { BY_REACH, clusterView, groupOf, groupingKeys } from "./cluster-view";
import { deployment, namespace, networkPolicy, service, snapshotOf } from "./fixtures";
import { buildNetworkModel } from "./model";
import { isSensitiveNamespace, namespaceFacts } from "./namespace-facts";
import { buildReachability } from "./reachability";

const denyIngress = (ns: string) => networkPolicy(ns, "deny-ingress", { podSelector: {}, policyTypes: ["Ingress"] });
const allowFrom = (ns: string, from: string) => networkPolicy(ns, `from-${from}`, { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": from } } }] }] });

/**
 * Two teams: shop (web, api — web open to everyone and exposed by a LoadBalancer) and pay
 * (payments accepts only shop-api, ledger only payments); a third team's `tools` reaches nothing special.
 */
function cluster() {
  const objects = [
    namespace("shop-web", { team: "shop", env: "prod" }),
    namespace("shop-api", { team: "shop", env: "prod" }),
    namespace("payments", { team: "pay", env: "prod" }),
    namespace("ledger", { team: "pay", env: "prod" }),
    namespace("tools", { team: "ops", env: "dev" }),
    ...["shop-web", "shop-api", "payments", "ledger", "tools"].map((ns) => deployment(ns, `${ns}-app`, { app: ns })),
    service("shop-web", "web", { app: "shop-web" }, [{ port: 80 }], { type: "LoadBalancer" }),
    denyIngress("shop-api"),
    allowFrom("shop-api", "shop-web"),
    denyIngress("payments"),
    allowFrom("payments", "shop-api"),
    denyIngress("ledger"),
    allowFrom("ledger", "payments"),
    denyIngress("tools"),
  ];
  return buildReachability(buildNetworkModel(snapshotOf(objects)));
}

describe("namespace facts", () => {
  it("knows who reaches whom, who is open to everyone and who the outside reaches", () => {
    const t = namespaceFacts(cluster());
    const f = (n: string) => t.byName.get(n)!;
    expect([...f("shop-api").in].sort()).toEqual(["shop-web"]);
    expect([...f("payments").in]).toEqual(["shop-api"]);
    expect(f("shop-web").openToAll).toBe(true);
    expect(f("payments").openToAll).toBe(false);
    expect(f("shop-web").exposed).toBe(true);
    expect(f("tools").in.size).toBe(0);
    expect(f("payments").sensitive).toBe(true);
  });

  it("calls a namespace sensitive by its labels or a name word, not by a substring", () => {
    expect(isSensitiveNamespace("kube-system", {})).toBe(true);
    expect(isSensitiveNamespace("billing-api", {})).toBe(true);
    expect(isSensitiveNamespace("authoring", {})).toBe(false);
    expect(isSensitiveNamespace("reports", { "data-classification": "confidential" })).toBe(true);
    expect(isSensitiveNamespace("reports", { "data-classification": "public" })).toBe(false);
  });
});

describe("cluster view", () => {
  it("offers label keys on most namespaces and prefers team", () => {
    const t = namespaceFacts(cluster());
    expect(groupingKeys(t).map((k) => k.key).sort()).toEqual(["env", "team"]);
    expect(clusterView(cluster()).by).toBe("team");
  });

  it("groups by a label and draws edges between groups weighted by namespace pairs", () => {
    const v = clusterView(cluster(), { by: "team" });
    expect(v.groups.map((g) => [g.id, g.namespaces.length])).toEqual([
      ["pay", 2],
      ["shop", 2],
      ["ops", 1],
    ]);
    const edges = v.graph.edges.map((e) => `${e.source}->${e.target}`);
    // shop-api → payments; the edges into shop (open to everyone through shop-web) are only partly open, so drawn
    expect(edges).toContain("group:shop->group:pay");
    expect(edges).not.toContain("group:pay->group:ops");
    const shop = v.graph.nodes.find((n) => n.id === "group:shop")!;
    expect(shop.classes).toContain("partial");
    expect(v.graph.nodes.some((n) => n.id === "external:outside")).toBe(true);
  });

  it("groups by reachability equivalence: namespaces with the same neighbours together", () => {
    const objects = [
      ...["a1", "a2", "b"].map((n) => namespace(n)),
      ...["a1", "a2", "b"].map((ns) => deployment(ns, "x", { app: "x" })),
      ...["a1", "a2", "b"].map((ns) => denyIngress(ns)),
      allowFrom("b", "a1"),
      allowFrom("b", "a2"),
    ];
    const reach = buildReachability(buildNetworkModel(snapshotOf(objects)));
    const ids = groupOf(namespaceFacts(reach), BY_REACH);
    expect(ids.get("a1")).toBe(ids.get("a2"));
    expect(ids.get("b")).not.toBe(ids.get("a1"));
    expect(clusterView(reach, { by: BY_REACH }).groups).toHaveLength(2);
  });

  it("opens a group as its namespaces with the other groups folded", () => {
    const v = clusterView(cluster(), { by: "team", group: "pay" });
    expect(v.group).toBe("pay");
    const ids = v.graph.nodes.map((n) => n.id).sort();
    expect(ids).toEqual(["group:shop", "ns:ledger", "ns:payments"]);
    // shop-web is open to everyone, so pay's namespaces reach the shop group too
    expect(v.graph.edges.map((e) => e.id).sort()).toEqual(["group:shop->ns:payments", "ns:ledger->group:shop", "ns:payments->group:shop", "ns:payments->ns:ledger"]);
  });

  it("ranks what matters: exposed, open to everyone, sensitive namespaces by who reaches them", () => {
    const v = clusterView(cluster());
    expect(v.ranked.exposed.map((r) => r.name)).toEqual(["shop-web"]);
    expect(v.ranked.openToAll.map((r) => r.name)).toEqual(["shop-web"]);
    expect(v.ranked.sensitiveReached.map((r) => [r.name, r.count])).toEqual([["payments", 1]]);
    expect(v.ranked.totals).toEqual({ exposed: 1, openToAll: 1, sensitive: 1 });
  });

  it("falls back to the default grouping for an unknown key, and ignores an unknown group", () => {
    const v = clusterView(cluster(), { by: "nope", group: "nope" });
    expect(v.by).toBe("team");
    expect(v.group).toBeUndefined();
  });
});
