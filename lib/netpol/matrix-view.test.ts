import { describe, expect, it } from "vitest";
import { deployment, namespace, networkPolicy, snapshotOf } from "./fixtures";
import { OUTSIDE } from "./matrix";
import { matrixView } from "./matrix-view";
import { heatStep } from "./view-keys";
import { buildNetworkModel } from "./model";
import { buildReachability } from "./reachability";

/** 12 namespaces in 3 teams; team c's namespaces accept nothing. */
function cluster() {
  const names = Array.from({ length: 12 }, (_, i) => `ns-${String(i).padStart(2, "0")}`);
  const team = (i: number) => ["a", "b", "c"][i % 3];
  const objects = [
    ...names.map((n, i) => namespace(n, { team: team(i) })),
    ...names.map((n) => deployment(n, "app", { app: "app" })),
    ...names.filter((_, i) => team(i) === "c").map((n) => networkPolicy(n, "deny", { podSelector: {}, policyTypes: ["Ingress"] })),
  ];
  return buildReachability(buildNetworkModel(snapshotOf(objects)));
}

describe("matrix view", () => {
  it("pages rows and columns, the outside always last", () => {
    const v = matrixView(cluster(), { pageSize: 5, rowPage: 1, colPage: 2 });
    expect(v.page).toMatchObject({ row: 1, col: 2, rowPages: 3, colPages: 3, total: 12 });
    expect(v.rows.map((r) => r.id)).toEqual(["ns-05", "ns-06", "ns-07", "ns-08", "ns-09", OUTSIDE]);
    expect(v.cols.map((c) => c.id)).toEqual(["ns-10", "ns-11", OUTSIDE]);
    // ns-11 is team c: nobody reaches it
    expect(v.cells.some((c) => c.to === "ns-11")).toBe(false);
    expect(v.cells.find((c) => c.from === "ns-05" && c.to === "ns-10")).toMatchObject({ heat: 1, conn: "All Connections" });
  });

  it("searches, and clamps a page past the end", () => {
    const v = matrixView(cluster(), { search: "ns-1", rowPage: 9 });
    expect(v.rows.map((r) => r.id)).toEqual(["ns-10", "ns-11", OUTSIDE]);
    expect(v.page.row).toBe(0);
  });

  it("sorts by how many namespaces reach a row, and clusters equivalent namespaces together", () => {
    const byIn = matrixView(cluster(), { sort: "in" }).rows.map((r) => r.id);
    expect(byIn.slice(-5, -1)).toEqual(["ns-02", "ns-05", "ns-08", "ns-11"]);
    const clustered = matrixView(cluster(), { sort: "cluster" }).rows.map((r) => r.id);
    const cPos = ["ns-02", "ns-05", "ns-08", "ns-11"].map((n) => clustered.indexOf(n)).sort((a, b) => a - b);
    expect(cPos[3] - cPos[0]).toBe(3);
  });

  it("groups rows and columns by a label with namespace-pair heat", () => {
    const v = matrixView(cluster(), { by: "team" });
    expect(v.by).toBe("team");
    expect(v.rows.map((r) => `${r.id}:${r.namespaces}`)).toEqual(["a:4", "b:4", "c:4", `${OUTSIDE}:0`]);
    const ab = v.cells.find((c) => c.from === "a" && c.to === "b")!;
    expect(ab).toMatchObject({ connected: 16, pairs: 16, heat: 1 });
    expect(v.cells.some((c) => c.to === "c" && c.from !== "c")).toBe(false);
  });

  it("puts heat into four steps", () => {
    expect([0.1, 0.25, 0.3, 0.74, 1].map(heatStep)).toEqual([0, 0, 1, 2, 3]);
  });
});
