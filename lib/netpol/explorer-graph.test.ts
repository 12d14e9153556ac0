import { describe, expect, it } from "vitest";
import { explorerGraph } from "./explorer-graph";
import { deployment, ingress, namespace, networkPolicy, service, snapshotOf } from "./fixtures";
import { buildNetworkModel } from "./model";
import { buildReachability } from "./reachability";

const nsSel = (name: string) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": name } } });

const objects = [
  namespace("front"),
  namespace("back"),
  namespace("lonely"),
  namespace("tools"),
  deployment("front", "web", { app: "web" }, { ports: [{ containerPort: 8080 }] }),
  deployment("back", "api", { app: "api" }, { ports: [{ containerPort: 9000 }] }),
  deployment("back", "db", { app: "db" }, { ports: [{ containerPort: 5432 }] }),
  deployment("lonely", "batch", { app: "batch" }),
  deployment("tools", "a", { app: "a" }),
  deployment("tools", "b", { app: "b" }),
  networkPolicy("back", "deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }),
  networkPolicy("back", "api", {
    podSelector: { matchLabels: { app: "api" } },
    ingress: [{ from: [nsSel("front"), nsSel("tools")], ports: [{ port: 9000 }] }],
    egress: [{ to: [{ podSelector: { matchLabels: { app: "db" } } }], ports: [{ port: 5432 }] }],
  }),
  networkPolicy("back", "db", { podSelector: { matchLabels: { app: "db" } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: "api" } } }], ports: [{ port: 5432 }] }] }),
  networkPolicy("lonely", "deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }),
  service("front", "web", { app: "web" }, [{ port: 80, targetPort: 8080 }]),
  ingress("front", "web", [{ service: "web", port: 80 }]),
];
const reach = buildReachability(buildNetworkModel(snapshotOf(objects)));
const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort();
const edge = (g: { edges: { source: string; target: string; label?: string }[] }, s: string, t: string) => g.edges.find((e) => e.source === s && e.target === t)?.label;

describe("explorer graph", () => {
  it("opens on the cluster at namespace level, each namespace marked by how guarded its workloads are", () => {
    const g = explorerGraph(reach);
    expect(g.level).toBe("namespace");
    const cls = (ns: string) => g.nodes.find((n) => n.id === `ns:${ns}`)?.classes;
    expect(cls("back")).toContain("isolated");
    expect(cls("lonely")).toContain("isolated");
    expect(cls("front")).toContain("unprotected");
    expect(cls("tools")).toContain("unprotected");
    expect(g.totals).toEqual({ namespaces: 4, workloads: 6 });
    expect(edge(g, "ns:front", "ns:back")).toBe("TCP 9000");
    expect(edge(g, "ns:front", "ns:lonely")).toBeUndefined();
  });

  it("focuses a namespace: its workloads one by one, peers folded per namespace, edges only to and from the focus", () => {
    const g = explorerGraph(reach, { focus: "back", exposure: false });
    expect(g.level).toBe("workload");
    expect(ids(g.nodes)).toEqual(["ns:back", "ns:front", "ns:tools", "w:back/Deployment/api", "w:back/Deployment/db"]);
    expect(g.nodes.find((n) => n.id === "ns:tools")).toMatchObject({ label: "tools · 2 workloads", classes: ["collapsed"] });
    expect(g.nodes.find((n) => n.id === "w:back/Deployment/api")).toMatchObject({ parent: "ns:back", classes: ["ingress-isolated", "egress-isolated"] });
    expect(edge(g, "ns:front", "w:back/Deployment/api")).toBe("TCP 9000");
    expect(edge(g, "w:back/Deployment/api", "w:back/Deployment/db")).toBe("TCP 5432");
    // front and tools reach each other (neither has policies), but neither is the focus: no edge
    expect(edge(g, "ns:front", "ns:tools")).toBeUndefined();
    expect(g.shown).toEqual({ workloads: 2, folded: 2, foldedWorkloads: 3, unreached: 1 });
  });

  it("expands a folded namespace into its workloads", () => {
    const g = explorerGraph(reach, { focus: "back", expand: ["tools"], exposure: false });
    expect(ids(g.nodes)).toContain("w:tools/Deployment/a");
    expect(edge(g, "w:tools/Deployment/b", "w:back/Deployment/api")).toBe("TCP 9000");
    expect(g.nodes.find((n) => n.id === "ns:tools")!.classes).toBeUndefined();
  });

  it("focuses a workload: its peers drawn one by one, in the directions asked for", () => {
    const both = explorerGraph(reach, { focus: "back/Deployment/api", exposure: false });
    expect(ids(both.nodes).filter((i) => i.startsWith("w:"))).toEqual(["w:back/Deployment/api", "w:back/Deployment/db", "w:front/Deployment/web", "w:tools/Deployment/a", "w:tools/Deployment/b"]);
    expect(edge(both, "w:tools/Deployment/a", "w:tools/Deployment/b")).toBeUndefined();
    expect(both.nodes.filter((n) => n.classes?.includes("highlight")).map((n) => n.id)).toEqual(["w:back/Deployment/api"]);
    const out = explorerGraph(reach, { focus: "back/Deployment/api", ingress: false, exposure: false });
    expect(ids(out.nodes).filter((i) => i.startsWith("w:"))).toEqual(["w:back/Deployment/api", "w:back/Deployment/db"]);
    expect(out.edges.every((e) => e.source === "w:back/Deployment/api")).toBe(true);
    const folded = explorerGraph(reach, { focus: "back/Deployment/api", exposure: false, detailLimit: 2 });
    expect(ids(folded.nodes)).toContain("ns:tools");
    expect(ids(folded.nodes)).not.toContain("w:tools/Deployment/a");
  });

  it("goes further hop by hop", () => {
    const one = explorerGraph(reach, { focus: "back/Deployment/db", ingress: true, egress: false, exposure: false });
    expect(ids(one.nodes).filter((i) => i.startsWith("w:"))).toEqual(["w:back/Deployment/api", "w:back/Deployment/db"]);
    const two = explorerGraph(reach, { focus: "back/Deployment/db", hops: 2, egress: false, exposure: false });
    expect(ids(two.nodes).filter((i) => i.startsWith("w:"))).toContain("w:front/Deployment/web");
    expect(edge(two, "w:front/Deployment/web", "w:back/Deployment/api")).toBe("TCP 9000");
    expect(edge(two, "w:front/Deployment/web", "w:back/Deployment/db")).toBeUndefined();
  });

  it("keeps only a pair of namespaces when asked (a matrix cell)", () => {
    const g = explorerGraph(reach, { focus: "front", expand: ["back"], only: ["back"], egress: true, ingress: false, exposure: false });
    expect(ids(g.nodes)).toEqual(["ns:back", "ns:front", "w:back/Deployment/api", "w:front/Deployment/web"]);
    expect(edge(g, "w:front/Deployment/web", "w:back/Deployment/api")).toBe("TCP 9000");
  });

  it("draws outside addresses and the ingress controller with the exposure toggle", () => {
    const g = explorerGraph(reach, { focus: "front" });
    expect(edge(g, "external:ingress-controller", "w:front/Deployment/web")).toBe("TCP 8080");
    expect(edge(g, "external:outside", "w:front/Deployment/web")).toBe("All Connections");
    expect(g.nodes.find((n) => n.id === "external:ingress-controller")!.type).toBe("IngressController");
    const back = explorerGraph(reach, { focus: "back" });
    expect(ids(back.nodes)).not.toContain("external:outside");
    const off = explorerGraph(reach, { focus: "front", exposure: false });
    expect(ids(off.nodes).some((i) => i.startsWith("external:"))).toBe(false);
  });

  it("past the element budget, leaves out the folded namespaces with the fewest workloads first, and says so", () => {
    const g = explorerGraph(reach, { focus: "back", maxElements: 6 });
    expect(g.level).toBe("workload");
    expect(ids(g.nodes)).toEqual(["ns:back", "ns:tools", "w:back/Deployment/api", "w:back/Deployment/db"]);
    expect(g.nodes.length + g.edges.length).toBeLessThanOrEqual(6);
    expect(g.hidden).toEqual({ nodes: 1, edges: 1, reason: "1 connected namespaces (1 workloads) with the fewest connected workloads left out to stay within 6 elements" });
    expect(g.shown).toEqual({ workloads: 2, folded: 1, foldedWorkloads: 2, unreached: 2 });
  });

  it("falls back to namespaces when even the focus does not fit, and says why", () => {
    const g = explorerGraph(reach, { focus: "back", maxElements: 3 });
    expect(g.level).toBe("namespace");
    expect(g.hidden?.reason).toContain("would pass 3 elements");
    expect(g.nodes.length + g.edges.length).toBeLessThanOrEqual(3);
  });

  it("stops going further once a hop reaches more than the budget", () => {
    const g = explorerGraph(reach, { focus: "back/Deployment/db", hops: 3, egress: false, exposure: false, detailLimit: 0, maxElements: 4 });
    expect(g.level).toBe("workload");
    expect(g.hidden?.reason).toContain("stopped after hop 2: more than 4 workloads reached");
    expect(ids(g.nodes)).toEqual(["ns:back", "w:back/Deployment/api", "w:back/Deployment/db"]);
    expect(explorerGraph(reach, { focus: "back/Deployment/db", hops: 3, egress: false, exposure: false }).hidden).toBeUndefined();
  });

  it("says what it cannot focus on", () => {
    expect(() => explorerGraph(reach, { focus: "nowhere" })).toThrow(/no namespace with workloads/);
  });

  it("past the fold limit, folds the folded namespaces again into their groups, and opens a group back into its namespaces", () => {
    // a hub every team's namespace reaches: 40 namespaces in 4 teams (labels), each with one workload
    const teams = ["red", "green", "blue", "gold"];
    const many = [namespace("hub"), deployment("hub", "api", { app: "api" }, { ports: [{ containerPort: 80 }] })];
    for (let i = 0; i < 40; i++) {
      many.push(namespace(`t${i}`, { team: teams[i % 4] }), deployment(`t${i}`, "w", { app: "w" }));
    }
    const r = buildReachability(buildNetworkModel(snapshotOf(many)));
    const g = explorerGraph(r, { focus: "hub", exposure: false, groupFoldLimit: 30, groupBy: "team" });
    expect(ids(g.nodes)).toEqual(["group:blue", "group:gold", "group:green", "group:red", "ns:hub", "w:hub/Deployment/api"]);
    expect(g.nodes.find((n) => n.id === "group:red")).toMatchObject({ label: "red · 10 namespaces · 10 workloads", classes: ["collapsed", "group"] });
    expect(edge(g, "group:red", "w:hub/Deployment/api")).toBe("All Connections");
    expect(g.shown).toEqual({ workloads: 1, folded: 4, foldedWorkloads: 40, unreached: 0, groups: 4 });
    const opened = explorerGraph(r, { focus: "hub", exposure: false, groupFoldLimit: 30, groupBy: "team", expand: ["group:red"] });
    expect(ids(opened.nodes).filter((id) => id.startsWith("ns:t"))).toHaveLength(10);
    expect(ids(opened.nodes)).toContain("group:blue");
    expect(opened.shown.groups).toBe(3);
    // within the limit, namespaces fold one by one as before
    expect(explorerGraph(r, { focus: "hub", exposure: false, groupFoldLimit: 40 }).shown.groups).toBeUndefined();
  });

  it("past the box edge limit, draws the edges between a focused namespace's workloads and folded nodes once per box", () => {
    const g = explorerGraph(reach, { focus: "back", exposure: false, boxEdgeLimit: 2 });
    expect(edge(g, "ns:front", "ns:back")).toBe("TCP 9000");
    expect(edge(g, "ns:front", "w:back/Deployment/api")).toBeUndefined();
    expect(edge(g, "w:back/Deployment/api", "w:back/Deployment/db")).toBe("TCP 5432");
    // a workload focus keeps its edges per workload
    expect(edge(explorerGraph(reach, { focus: "back/Deployment/api", exposure: false, boxEdgeLimit: 1 }), "w:front/Deployment/web", "w:back/Deployment/api")).toBe("TCP 9000");
  });

  it("past the box edge limit, says that a namespace's workloads all reach one another instead of drawing each edge", () => {
    const open = buildReachability(buildNetworkModel(snapshotOf([namespace("open"), ...["x", "y", "z"].map((n) => deployment("open", n, { app: n }))])));
    const busy = explorerGraph(open, { focus: "open", exposure: false, boxEdgeLimit: 1 });
    expect(busy.nodes.find((n) => n.id === "ns:open")).toMatchObject({ within: "All Connections", label: "open · its 3 workloads all reach one another: All Connections" });
    expect(busy.edges).toEqual([]);
    // under the limit every edge is drawn
    expect(explorerGraph(open, { focus: "open", exposure: false }).edges).toHaveLength(6);
  });
});

