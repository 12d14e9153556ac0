import { describe, expect, it } from "vitest";
import { graphFor } from "./explorer";
import { buildRbacGraph } from "./graph";
import { buildRbacIndex } from "./rbac-index";
import { clusterRole, clusterRoleBinding, rule, sa, user } from "./test-objects";
import { DRAW_FIRST, FOLD_ABOVE, OPEN_STEP, ROLE_FOLDS, describeKinds, foldAnswer } from "./who-can-fold";
import type { WhoCanResult } from "./who-can";

const readPods = rule({ verbs: ["get", "list", "watch"], apiGroups: [""], resources: ["pods"] });

/** A broad answer: 60 ServiceAccounts bound to `view`, 8 users per team role × 9 team roles, 3 admins. */
function broad() {
  const teams = Array.from({ length: 9 }, (_, i) => `team-${i}`);
  const index = buildRbacIndex({
    clusterRoles: [clusterRole("view", [readPods]), clusterRole("admin", [rule({ verbs: ["*"], apiGroups: ["*"], resources: ["*"] })]), ...teams.map((t) => clusterRole(t, [rule({ verbs: ["list"], apiGroups: ["apps"], resources: ["deployments"] }), readPods]))],
    roles: [],
    clusterRoleBindings: [
      clusterRoleBinding("admins", "admin", [user("root-0"), user("root-1"), user("root-2")]),
      ...Array.from({ length: 60 }, (_, i) => clusterRoleBinding(`view-${i}`, "view", [sa(`ns-${i}`, "reader")])),
      ...teams.map((t) => clusterRoleBinding(t, t, Array.from({ length: 8 }, (_, j) => user(`${t}-dev-${j}`)))),
    ],
    roleBindings: [],
  });
  return { index, graph: buildRbacGraph(index) };
}

const ask = { verb: "get", resource: "pods" };

describe("a broad who-can answer folds by role in the graph", () => {
  it("draws small answers whole", () => {
    const res: WhoCanResult = { subjects: Array.from({ length: FOLD_ABOVE }, (_, i) => ({ kind: "User", name: `u${i}`, via: [] })), missingRoles: [] };
    expect(foldAnswer(res)).toEqual({ drawn: res, folds: [], total: FOLD_ABOVE });
  });

  it("draws the table's first subjects, folds the others by role, and loses nobody", () => {
    const ex = broad();
    const g = graphFor(ex, { question: ask });
    expect(g.folded).toEqual({ drawn: DRAW_FIRST, total: 3 + 60 + 72 + 1 /* system:masters */ });
    const folds = g.graph.nodes.filter((n) => n.type === "Fold");
    expect(folds.length).toBe(ROLE_FOLDS + 1);
    // the biggest role first: view's 60 ServiceAccounts minus the ones drawn
    const drawnSubjects = g.graph.nodes.filter((n) => n.column === 0 && n.type !== "Fold").map((n) => n.id);
    expect(drawnSubjects.length).toBe(DRAW_FIRST);
    const counts = folds.map((n) => Number(/\+(\d+)/.exec(n.label)![1]));
    expect(counts.reduce((a, b) => a + b, 0) + DRAW_FIRST).toBe(g.folded!.total);
    // each role fold hangs on its role, which is drawn with the rule that matches the question
    for (const f of folds.filter((n) => !n.id.startsWith("fold:first:"))) {
      const edge = g.graph.edges.find((e) => e.source === f.id);
      expect(edge?.target, f.id).toBe(f.id.replace(/^fold:\d+:/, ""));
      expect(g.graph.edges.some((e) => e.source === edge!.target && e.target.startsWith("rule:")), f.id).toBe(true);
    }
    // small enough for a readable layered layout: no column above 20 nodes
    const perColumn = new Map<number, number>();
    for (const n of g.graph.nodes) perColumn.set(n.column ?? 0, (perColumn.get(n.column ?? 0) ?? 0) + 1);
    expect(Math.max(...perColumn.values())).toBeLessThanOrEqual(20);
  });

  it("opens a role's fold a step at a time, a smaller fold staying for the others; the rest draws the table's next subjects", () => {
    const ex = broad();
    const first = graphFor(ex, { question: ask });
    const viewFold = first.graph.nodes.find((n) => n.id.endsWith(":role:ClusterRole/view"))!;
    expect(viewFold.id).toBe(`fold:${OPEN_STEP}:role:ClusterRole/view`);
    expect(viewFold.detail).toMatch(/ServiceAccounts granted through \d+ bindings of view/);
    const folded = Number(/\+(\d+)/.exec(viewFold.label)![1]);
    const sas = (g: typeof first) => g.graph.nodes.filter((n) => n.id.startsWith("subject:ServiceAccount/")).length;
    const opened = graphFor(ex, { question: ask, expand: [viewFold.id] });
    expect(sas(opened)).toBe(sas(first) + OPEN_STEP);
    const again = opened.graph.nodes.find((n) => n.id.endsWith(":role:ClusterRole/view"))!;
    expect(again.id).toBe(`fold:${2 * OPEN_STEP}:role:ClusterRole/view`);
    expect(again.label).toBe(`+${folded - OPEN_STEP} subjects`);
    const all = graphFor(ex, { question: ask, expand: [viewFold.id, again.id, `fold:${3 * OPEN_STEP}:role:ClusterRole/view`] });
    expect(sas(all)).toBe(60);
    expect(all.graph.nodes.some((n) => n.id.endsWith(":role:ClusterRole/view") && n.type === "Fold")).toBe(false);

    const rest = first.graph.nodes.find((n) => n.id.startsWith("fold:first:"))!;
    expect(rest.id).toBe(`fold:first:${2 * DRAW_FIRST}`);
    const more = graphFor(ex, { question: ask, expand: [rest.id] });
    expect(more.folded!.drawn).toBe(2 * DRAW_FIRST);
  });

  it("names the folded kinds in words", () => {
    expect(describeKinds({ User: 40, ServiceAccount: 119, Group: 26 })).toBe("119 ServiceAccounts, 40 Users and 26 Groups");
    expect(describeKinds({ User: 1 })).toBe("1 User");
  });
});
