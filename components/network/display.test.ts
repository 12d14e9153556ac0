import { describe, expect, it } from "vitest";
import { connectionsOf, connText, displayGraph, EDGE_LABEL_LIMIT, guardOf, withoutEdgesIntoOpen } from "./display";

describe("graph display", () => {
  it("turns per-direction flags into one guard word", () => {
    const n = (classes: string[]) => ({ id: "x", label: "x", type: "Workload", classes });
    expect(guardOf(n(["ingress-isolated", "egress-isolated"]))).toBe("isolated");
    expect(guardOf(n(["ingress-unprotected", "egress-unprotected"]))).toBe("unprotected");
    expect(guardOf(n(["ingress-isolated", "egress-unprotected"]))).toBe("partial");
    expect(guardOf({ id: "ns:a", label: "a", type: "Namespace", classes: ["partial"] })).toBe("partial");
    expect(guardOf(n([]))).toBeUndefined();
  });

  it("marks the focus apart from the guard, and keeps folded namespaces plain", () => {
    const g = displayGraph({
      nodes: [
        { id: "w:a/Deployment/x", label: "x", type: "Workload", classes: ["ingress-isolated", "egress-unprotected", "highlight"] },
        { id: "ns:b", label: "b · 2 workloads", type: "Namespace", classes: ["collapsed"] },
        { id: "p", label: "p", type: "Policy", classes: ["highlight"] },
      ],
      edges: [{ id: "e", source: "ns:b", target: "w:a/Deployment/x", label: "All Connections" }],
    });
    expect(g.nodes.map((n) => n.classes)).toEqual([["ingress-isolated", "egress-unprotected", "partial", "focus"], ["collapsed"], ["focus"]]);
    expect(g.edges[0]).toMatchObject({ label: "all", classes: ["net"] });
  });

  it("marks status in the label too, never by border colour alone", () => {
    const g = displayGraph({
      nodes: [
        { id: "w:a/Deployment/x", label: "x", type: "Workload", classes: ["ingress-isolated", "egress-isolated"] },
        { id: "w:a/Deployment/y", label: "y", type: "Workload", classes: ["ingress-unprotected", "egress-isolated", "host-network"] },
        { id: "ns:b", label: "b", type: "Namespace", classes: ["unprotected"] },
      ],
      edges: [],
    });
    expect(g.nodes.map((n) => n.label)).toEqual(["x ✓", "y ◐ (host network)", "b ✕"]);
  });

  it("leaves edge labels to the side panel when there are too many", () => {
    const edges = Array.from({ length: EDGE_LABEL_LIMIT + 1 }, (_, i) => ({ id: `e${i}`, source: "a", target: `b${i}`, label: "TCP 80" }));
    expect(displayGraph({ nodes: [], edges }).edges.every((e) => e.label === "")).toBe(true);
    expect(connText("All Connections")).toBe("all ports");
  });
});

describe("cluster overview pruning", () => {
  it("drops the edges into namespaces open to everyone, and says which", () => {
    const g = {
      nodes: [
        { id: "ns:a", label: "a", type: "Namespace", classes: ["unprotected"] },
        { id: "ns:b", label: "b", type: "Namespace", classes: ["isolated"] },
        { id: "external:outside", label: "outside", type: "External" },
      ],
      edges: [
        { id: "1", source: "ns:b", target: "ns:a" },
        { id: "2", source: "external:outside", target: "ns:a" },
        { id: "3", source: "ns:a", target: "ns:b" },
        { id: "4", source: "ns:a", target: "external:outside" },
      ],
    };
    const r = withoutEdgesIntoOpen(g);
    expect(r.graph.edges.map((e) => e.id)).toEqual(["3", "4"]);
    expect(r).toMatchObject({ dropped: 2, open: ["a"] });
  });

  it("lists a node's connections each way: a two-way edge on both sides, a box's shared connection once", () => {
    const g = {
      nodes: [
        { id: "ns:ks", label: "ks", type: "Namespace", within: "All Connections" },
        { id: "w:ks/a", label: "a", type: "Workload", parent: "ns:ks" },
        { id: "ns:x", label: "x · 3 workloads", type: "Namespace", classes: ["collapsed"] },
      ],
      edges: [
        { id: "ns:ks<->ns:x", source: "ns:ks", target: "ns:x", label: "TCP 53", classes: ["both"] },
        { id: "ns:x->w:ks/a", source: "ns:x", target: "w:ks/a", label: "TCP 80" },
      ],
    };
    const a = connectionsOf(g, "w:ks/a");
    expect(a.incoming).toEqual([
      { key: "ns:ks:within", peer: "every other workload in ks", conn: "all ports" },
      { key: "ns:x->w:ks/a", peer: "x · 3 workloads", conn: "TCP 80" },
    ]);
    expect(a.outgoing.map((r) => r.peer)).toEqual(["every other workload in ks"]);
    const x = connectionsOf(g, "ns:x");
    expect(x.incoming.map((r) => r.peer)).toEqual(["ks"]);
    expect(x.outgoing.map((r) => [r.peer, r.conn])).toEqual([["ks", "TCP 53"], ["ks/a", "TCP 80"]]);
  });
});
