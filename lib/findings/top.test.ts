import { describe, expect, it } from "vitest";
import { countByArea, topRisks } from "./top";
import type { Finding } from "./types";

const f = (id: string, rule: string, severity: Finding["severity"], extra: Partial<Finding> = {}): Finding => ({
  id,
  rule,
  severity,
  category: "rbac",
  title: id,
  resources: [],
  evidence: "",
  remediation: "",
  references: [],
  ...extra,
});

describe("topRisks", () => {
  it("shows different rules before repeating one, worst first, and skips excepted and info", () => {
    const list = [f("a1", "A", "critical"), f("a2", "A", "critical"), f("b", "B", "high"), f("c", "C", "info"), f("d", "D", "critical", { exception: { by: "x", reason: "y", expires: "2099-01-01", match: "id" } })];
    expect(topRisks(list, 2).map((x) => x.id)).toEqual(["a1", "b"]);
    expect(topRisks(list).map((x) => x.id)).toEqual(["a1", "b", "a2"]);
  });
  it("puts attack paths and powerful pod tokens before other findings of the same severity", () => {
    const list = [f("r06", "R06", "critical"), f("r01", "R01", "critical"), f("np10", "NP10", "critical"), f("r29", "R29", "critical"), f("h", "X", "high")];
    expect(topRisks(list).map((x) => x.id)).toEqual(["np10", "r29", "r01", "r06", "h"]);
  });

  it("within a rule, a cluster-admin token and a service account come first", () => {
    const list = [
      f("grp", "R01", "critical", { resources: [{ kind: "Group", name: "admins" }] }),
      f("sa", "R01", "critical", { resources: [{ kind: "ServiceAccount", namespace: "ci", name: "deployer" }] }),
      f("pod-secrets", "R29", "critical", { details: { risks: [{ rule: "R06" }] } }),
      f("pod-admin", "R29", "critical", { details: { risks: [{ rule: "R01" }] } }),
    ];
    expect(topRisks(list, 2).map((x) => x.id)).toEqual(["pod-admin", "sa"]);
  });

  it("counts open findings by area and severity", () => {
    expect(countByArea([f("a", "A", "high"), f("b", "B", "high", { category: "network" })])).toEqual({
      rbac: { critical: 0, high: 1, medium: 0, low: 0, info: 0 },
      network: { critical: 0, high: 1, medium: 0, low: 0, info: 0 },
    });
  });
});
