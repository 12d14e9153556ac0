/**
 * The views mark what something not evaluated could change: a matrix cell and a graph edge into a
 * namespace guarded by a mesh policy are incomplete; others are not, and a cluster without such
 * objects skips the checks altogether.
 */
import { describe, expect, it } from "vitest";
import { podYaml } from "./cni-testing";
import { snapshotFromYaml } from "../model/testing";
import { explorerGraph } from "./explorer-graph";
import { namespaceMatrix } from "./matrix";
import { matrixView } from "./matrix-view";
import { buildNetworkModel } from "./model";
import { buildReachability } from "./reachability";

const pods = `
${podYaml("shop", "web", "10.0.0.10")}---
${podYaml("data", "db", "10.0.0.11")}`;
// an Antrea-native policy in `data`: it can change any flow into or out of data's pods
const antrea = `---
apiVersion: crd.antrea.io/v1beta1
kind: NetworkPolicy
metadata: { name: antrea-np, namespace: data }
spec: {}
`;

function reachOf(yaml: string) {
  return buildReachability(buildNetworkModel(snapshotFromYaml(yaml), { cni: "antrea" }));
}

describe("incomplete connections in the views", () => {
  it("matrix: cells touching the namespace with an unevaluated policy are marked, others are not", () => {
    const m = namespaceMatrix(reachOf(pods + antrea));
    const cell = (from: string, to: string) => m.cells.find((c) => c.from === from && c.to === to);
    expect(cell("shop", "data")?.incomplete).toBe(true);
    expect(cell("data", "shop")?.incomplete).toBe(true);
    expect(cell("shop", "shop")?.incomplete).toBeUndefined();
  });

  it("matrix view: the page's namespace cells carry the mark", () => {
    const v = matrixView(reachOf(pods + antrea), {});
    expect(v.cells.find((c) => c.from === "shop" && c.to === "data")?.incomplete).toBe(true);
  });

  it("matrix: nothing is marked on a cluster without such objects", () => {
    expect(namespaceMatrix(reachOf(pods)).cells.some((c) => c.incomplete)).toBe(false);
  });

  it("graph: edges into the guarded namespace say so in their class and label", () => {
    const g = explorerGraph(reachOf(pods + antrea), { focus: "shop", expand: ["data"] });
    const into = g.edges.filter((e) => e.target.includes("data"));
    expect(into.length).toBeGreaterThan(0);
    for (const e of into) {
      expect(e.classes).toContain("incomplete");
      expect(e.label).toMatch(/\(incomplete\)$/);
    }
  });
});
