import { describe, expect, it } from "vitest";
import { deployment, ingress, namespace, networkPolicy, service, snapshotOf } from "./fixtures";
import { networkGraph } from "./graph";
import { namespaceMatrix } from "./matrix";
import { buildNetworkModel } from "./model";
import { buildReachability } from "./reachability";

const objects = [
  namespace("front"),
  namespace("back"),
  namespace("lonely"),
  deployment("front", "web", { app: "web" }, { ports: [{ containerPort: 8080 }] }),
  deployment("back", "api", { app: "api" }, { ports: [{ containerPort: 9000 }] }),
  deployment("back", "db", { app: "db" }),
  deployment("lonely", "batch", { app: "batch" }),
  networkPolicy("back", "deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }),
  networkPolicy("back", "api", { podSelector: { matchLabels: { app: "api" } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "front" } } }], ports: [{ port: 9000 }] }] }),
  networkPolicy("lonely", "deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }),
  service("front", "web", { app: "web" }, [{ port: 80, targetPort: 8080 }]),
  ingress("front", "web", [{ service: "web", port: 80 }]),
];
const reach = buildReachability(buildNetworkModel(snapshotOf(objects)));

describe("network graph", () => {
  it("draws workloads in namespace groups with guard flags, port-set edges, outside and the ingress controller", () => {
    const g = networkGraph(reach);
    expect(g.level).toBe("workload");
    const web = g.nodes.find((n) => n.id === "w:front/Deployment/web")!;
    expect(web).toMatchObject({ parent: "ns:front", type: "Workload" });
    expect(web.classes).toEqual(expect.arrayContaining(["ingress-unprotected", "egress-unprotected"]));
    expect(g.nodes.find((n) => n.id === "w:back/Deployment/api")!.classes).toEqual(expect.arrayContaining(["ingress-isolated", "egress-isolated"]));
    const label = (s: string, t: string) => g.edges.find((e) => e.source === s && e.target === t)?.label;
    expect(label("w:front/Deployment/web", "w:back/Deployment/api")).toBe("TCP 9000");
    expect(label("w:front/Deployment/web", "w:back/Deployment/db")).toBeUndefined();
    expect(label("external:outside", "w:front/Deployment/web")).toBe("All Connections");
    expect(label("external:ingress-controller", "w:front/Deployment/web")).toBe("TCP 8080");
    expect(g.nodes.filter((n) => n.type === "Namespace").map((n) => n.label)).toEqual(["back", "front", "lonely"]);
  });

  it("opens around a focus, hop by hop and by direction", () => {
    const g = networkGraph(reach, { focus: "back/Deployment/api", hops: 1, external: false, exposure: false });
    expect(g.nodes.filter((n) => n.type === "Workload").map((n) => n.label).sort()).toEqual(["api", "web"]);
    expect(g.nodes.find((n) => n.label === "api")!.classes).toContain("highlight");
    const egressOnly = networkGraph(reach, { focus: "back/Deployment/api", hops: 1, direction: "egress", external: false, exposure: false });
    expect(egressOnly.nodes.filter((n) => n.type === "Workload").map((n) => n.label)).toEqual(["api"]);
  });

  it("falls back to namespaces when the workload view passes the budget, and says so", () => {
    const g = networkGraph(reach, { maxElements: 8 });
    expect(g.level).toBe("namespace");
    expect(g.hidden?.reason).toContain("showing namespaces");
    expect(g.nodes.length + g.edges.length).toBeLessThanOrEqual(8);
  });
});

describe("namespace matrix", () => {
  it("gives per namespace pair the union of connections and connected workload pairs", () => {
    const m = namespaceMatrix(reach);
    expect(m.namespaces).toEqual(["back", "front", "lonely", "(outside)"]);
    const cell = (f: string, t: string) => m.cells.find((c) => c.from === f && c.to === t);
    expect(cell("front", "back")).toEqual({ from: "front", to: "back", conn: "TCP 9000", connected: 1, pairs: 2 });
    expect(cell("back", "front")).toBeUndefined();
    expect(cell("lonely", "front")).toBeUndefined();
    expect(cell("(outside)", "front")).toMatchObject({ conn: "All Connections", connected: 1, pairs: 1 });
    expect(cell("back", "back")).toBeUndefined();
  });
});
