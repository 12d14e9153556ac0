import { describe, expect, it } from "vitest";
import { askWhoCan, graphFor, subjectPermissions } from "./explorer";
import { explorerFixture } from "./explorer-fixture";

const ex = explorerFixture();

describe("askWhoCan", () => {
  it("answers a typed question with the request, notes and paths", () => {
    const r = askWhoCan(ex.index, { verb: "create", resource: "pods/exec", namespace: "payments" });
    expect(r.description).toBe("create pods/exec in namespace payments");
    expect(r.subjects.map((s) => s.id)).toEqual(["Group/system:masters", "Group/acme:oncall", "Group/acme:payments-leads", "ServiceAccount/ci/deployer"]);
    expect(r.missingRoles).toEqual([]);
  });
});

describe("graphFor", () => {
  it("draws a who-can question with the table's filters and counts what they hid", () => {
    const g = graphFor(ex, { question: { verb: "get", resource: "secrets", namespace: "payments" }, hideDefaults: true });
    expect(g.description).toBe("get secrets in namespace payments");
    expect(g.answerHidden).toEqual({ subjects: 1, paths: 2 });
    expect(g.highlighted).not.toContain("subject:Group/system:masters");
  });

  it("centres on a node three hops deep unless told otherwise", () => {
    const g = graphFor(ex, { focus: "subject:ServiceAccount/ci/deployer" });
    const ids = g.graph.nodes.map((n) => n.id);
    expect(ids).toContain("rule:ClusterRole/cluster-admin#0");
    // system:authenticated → system:discovery binding → role is 3 hops; its rule is the 4th
    expect(ids).toContain("role:ClusterRole/system:discovery");
    expect(ids).not.toContain("rule:ClusterRole/system:discovery#0");
    expect(graphFor(ex, { focus: "subject:ServiceAccount/ci/deployer", hops: 4 }).graph.nodes.map((n) => n.id)).toContain("rule:ClusterRole/system:discovery#0");
  });

  it("needs a focus or a question", () => {
    expect(() => graphFor(ex, {})).toThrow(expect.objectContaining({ code: "bad_request" }));
  });
});

describe("subjectPermissions", () => {
  it("asks about any user, with assumed groups, even one no binding names", () => {
    const p = subjectPermissions(ex.index, "User/bob", { assumeGroups: ["acme:oncall"] });
    expect(p.subject).toEqual({ kind: "User", name: "bob", id: "User/bob" });
    expect(p.groups).toEqual(["acme:oncall", "system:authenticated"]);
    expect(p.grid.scopes.map((s) => s.namespace ?? "cluster")).toEqual(["cluster", "payments", "shop-backend"]);
  });

  it("ignores assumed groups for a group and rejects malformed ids", () => {
    expect(subjectPermissions(ex.index, "Group/acme:oncall", { assumeGroups: ["x"] }).assumedGroups).toEqual([]);
    expect(() => subjectPermissions(ex.index, "alice")).toThrow(expect.objectContaining({ code: "bad_request" }));
  });
});
