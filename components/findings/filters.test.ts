import { describe, expect, it } from "vitest";
import type { Finding } from "@/lib/findings/types";
import { applyFilters, groupRows, readFilters, writeFilters } from "./filters";

const f = (over: Partial<Finding>): Finding => ({
  id: over.rule ?? "x",
  rule: "R01",
  severity: "high",
  category: "rbac",
  title: "t",
  resources: [{ kind: "ServiceAccount", namespace: "ci", name: "deployer" }],
  evidence: "e",
  remediation: "r",
  references: [],
  ...over,
});

describe("findings filters", () => {
  const all = [
    f({ id: "1", severity: "critical", namespace: "ci" }),
    f({ id: "2", severity: "low", category: "network", rule: "NP01", namespace: "data" }),
    f({ id: "3", isDefault: true }),
    f({ id: "4", exception: { by: "a", reason: "b", expires: "2099-01-01", match: "id" } }),
  ];

  it("round-trips through the URL", () => {
    const filters = readFilters(new URLSearchParams("severity=critical,high&area=rbac&q=deployer&group=rule&status=open"));
    expect(readFilters(writeFilters(filters, new URLSearchParams("focus=x")))).toEqual(filters);
    expect(writeFilters(filters, new URLSearchParams("focus=x")).get("focus")).toBe("x");
  });

  it("hides default findings unless asked, and filters by severity, area, status and text", () => {
    const base = readFilters(new URLSearchParams());
    expect(applyFilters(all, base).map((x) => x.id)).toEqual(["1", "2", "4"]);
    expect(applyFilters(all, { ...base, defaults: true }).map((x) => x.id)).toEqual(["1", "2", "3", "4"]);
    expect(applyFilters(all, { ...base, severity: ["critical"] }).map((x) => x.id)).toEqual(["1"]);
    expect(applyFilters(all, { ...base, area: ["network"] }).map((x) => x.id)).toEqual(["2"]);
    expect(applyFilters(all, { ...base, status: ["excepted"] }).map((x) => x.id)).toEqual(["4"]);
    expect(applyFilters(all, { ...base, namespace: ["data"] }).map((x) => x.id)).toEqual(["2"]);
    expect(applyFilters(all, { ...base, q: "nothing-like-this" })).toEqual([]);
  });

  it("groups with header rows carrying counts", () => {
    const rows = groupRows(all.slice(0, 2), "severity");
    expect(rows.map((r) => (r.type === "group" ? `#${r.key}:${r.count}` : r.finding.id))).toEqual(["#critical:1", "1", "#low:1", "2"]);
  });
});
