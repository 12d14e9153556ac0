import { describe, expect, it } from "vitest";
import { explorerFixture } from "./explorer-fixture";
import { answerAsResult, filterAnswer, whoCanAnswer } from "./explorer-who-can";
import { resourceRequest } from "./request";

const { index } = explorerFixture();
const secrets = whoCanAnswer(index, resourceRequest({ verb: "get", resource: "secrets", namespace: "payments" }));

describe("whoCanAnswer", () => {
  it("lists every subject with its paths spelled out down to the rule", () => {
    expect(secrets.subjects.map((s) => s.id)).toEqual(["Group/system:masters", "Group/acme:payments-leads", "ServiceAccount/ci/deployer", "ServiceAccount/data/reports"]);
    const ci = secrets.subjects.find((s) => s.id === "ServiceAccount/ci/deployer")!;
    expect(ci.via).toEqual([
      expect.objectContaining({ binding: { kind: "ClusterRoleBinding", name: "ci-deployer-admin" }, role: { kind: "ClusterRole", name: "cluster-admin" }, rules: [0], ruleTexts: ["* * (*)"], scope: "cluster", isDefault: false }),
    ]);
    expect(ci.isDefault).toBe(false);
  });

  it("marks default subjects and paths through default bindings, not custom bindings of default roles", () => {
    const masters = secrets.subjects[0];
    expect(masters.isDefault).toBe(true);
    expect(masters.via.map((v) => [v.bypass ?? false, v.isDefault])).toEqual([
      [true, true],
      [false, true],
    ]);
  });
});

describe("filterAnswer", () => {
  it("hides default subjects and paths and counts them", () => {
    const f = filterAnswer(secrets, { hideDefaults: true });
    expect(f.subjects.map((s) => s.id)).toEqual(["Group/acme:payments-leads", "ServiceAccount/ci/deployer", "ServiceAccount/data/reports"]);
    expect(f.hidden).toEqual({ subjects: 1, paths: 2 });
  });

  it("keeps only cluster-wide paths and those of the namespace", () => {
    const f = filterAnswer(secrets, { namespace: "shop-backend" });
    expect(f.subjects.map((s) => s.id)).not.toContain("Group/acme:payments-leads");
    expect(f.hidden).toEqual({ subjects: 1, paths: 1 });
  });

  it("filters by kind: subjects, bindings, roles, and rules dropped from paths", () => {
    const onlySa = filterAnswer(secrets, { kinds: ["ServiceAccount", "ClusterRoleBinding", "ClusterRole"] });
    expect(onlySa.subjects.map((s) => s.id)).toEqual(["ServiceAccount/ci/deployer", "ServiceAccount/data/reports"]);
    expect(onlySa.subjects[0].via[0].rules).toEqual([]);
    const noRb = filterAnswer(secrets, { kinds: ["Group", "RoleBinding", "ClusterRole", "Rule"] });
    // system:masters keeps its bypass, which involves no binding
    expect(noRb.subjects.map((s) => s.id)).toEqual(["Group/system:masters", "Group/acme:payments-leads"]);
  });

  it("converts back to the shape the graph draws", () => {
    const r = answerAsResult(filterAnswer(secrets, { hideDefaults: true }));
    expect(r.subjects.map((s) => s.name)).toEqual(["acme:payments-leads", "deployer", "reports"]);
    expect(r.subjects[1]).toEqual({ kind: "ServiceAccount", name: "deployer", namespace: "ci", via: expect.any(Array) });
  });
});
