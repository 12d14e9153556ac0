import { describe, expect, it } from "vitest";
import type { GraphEdge, GraphNode } from "../graph/types";
import { joinUniformEdges } from "./busy-edges";

const w = (ns: string, name: string): GraphNode => ({ id: `w:${ns}/${name}`, label: name, type: "Workload", parent: `ns:${ns}` });
const box = (ns: string): GraphNode => ({ id: `ns:${ns}`, label: ns, type: "Namespace" });
const e = (s: string, t: string, label = "All Connections", classes?: string[]): GraphEdge => ({ id: `${s}->${t}`, source: s, target: t, label, ...(classes ? { classes } : {}) });
const clique = (ids: string[], label?: string) => ids.flatMap((a) => ids.filter((b) => b !== a).map((b) => e(a, b, label)));

describe("joinUniformEdges", () => {
  const ks = ["a", "b", "c", "d"].map((n) => w("ks", n));
  const ids = ks.map((n) => n.id);

  it("says in the box that its workloads all reach one another, and drops those edges", () => {
    const { nodes, edges } = joinUniformEdges([box("ks"), ...ks], [...clique(ids), e("ns:ks", "ns:other", "TCP 53")]);
    const ksBox = nodes.find((n) => n.id === "ns:ks")!;
    expect(ksBox.within).toBe("All Connections");
    expect(ksBox.label).toBe("ks · its 4 workloads all reach one another: All Connections");
    expect(edges.map((x) => x.id)).toEqual(["ns:ks->ns:other"]);
  });

  it("keeps every edge of a box where one pair is missing, differs, or is marked (incomplete, denied)", () => {
    const missing = clique(ids).filter((x) => x.id !== "w:ks/a->w:ks/b");
    expect(joinUniformEdges([box("ks"), ...ks], missing).nodes.find((n) => n.id === "ns:ks")!.within).toBeUndefined();
    const differs = clique(ids).map((x) => (x.id === "w:ks/c->w:ks/d" ? { ...x, label: "TCP 80" } : x));
    const r = joinUniformEdges([box("ks"), ...ks], differs);
    expect(r.nodes.find((n) => n.id === "ns:ks")!.within).toBeUndefined();
    // the pairs with one label both ways are joined; c→d and d→c differ and stay apart
    expect(r.edges).toHaveLength(differs.length / 2 + 1);
    const marked = clique(ids).map((x) => ({ ...x, classes: ["incomplete"] }));
    expect(joinUniformEdges([box("ks"), ...ks], marked).nodes.find((n) => n.id === "ns:ks")!.within).toBeUndefined();
  });

  it("needs three workloads: two are drawn as one two-way edge", () => {
    const two = ks.slice(0, 2);
    const { nodes, edges } = joinUniformEdges([box("ks"), ...two], clique(two.map((n) => n.id)));
    expect(nodes.find((n) => n.id === "ns:ks")!.within).toBeUndefined();
    expect(edges).toEqual([{ id: "w:ks/a<->w:ks/b", source: "w:ks/a", target: "w:ks/b", label: "All Connections", classes: ["both"] }]);
  });

  it("joins two edges of one pair only with the same label and classes", () => {
    const { edges } = joinUniformEdges([box("ks"), box("x")], [e("ns:ks", "ns:x", "TCP 53"), e("ns:x", "ns:ks", "TCP 53"), e("ns:ks", "ext", "TCP 443", ["exposure"]), e("ext", "ns:ks", "TCP 443")]);
    expect(edges.map((x) => [x.id, x.classes])).toEqual([
      ["ns:ks<->ns:x", ["both"]],
      ["ns:ks->ext", ["exposure"]],
      ["ext->ns:ks", undefined],
    ]);
  });

  it("loses nothing: every original edge is drawn, joined both ways, or said by its box", () => {
    const nodes = [box("ks"), ...ks, box("y"), w("y", "p"), w("y", "q")];
    const input = [...clique(ids), e("w:y/p", "w:y/q", "TCP 1"), e("w:y/q", "w:y/p", "TCP 2"), e("ns:ks", "ns:y", "TCP 3"), e("ns:y", "ns:ks", "TCP 3")];
    const out = joinUniformEdges(nodes, input);
    const within = new Map(out.nodes.filter((n) => n.within).map((n) => [n.id, n.within]));
    const parent = new Map(nodes.map((n) => [n.id, n.parent]));
    const said = (x: GraphEdge) =>
      out.edges.some((o) => o.label === x.label && ((o.source === x.source && o.target === x.target) || (o.classes?.includes("both") && o.source === x.target && o.target === x.source))) ||
      (parent.get(x.source) === parent.get(x.target) && within.get(parent.get(x.source)!) === x.label);
    expect(input.filter((x) => !said(x))).toEqual([]);
  });
});
