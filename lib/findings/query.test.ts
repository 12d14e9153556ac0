import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Finding, Severity } from "./types";
import { applyFilters, findingsPage, groupRows, readFilters, writeFilters, type FindingFilters, type Row } from "./query";

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

  it("a new filter starts at the first page", () => {
    const sp = writeFilters(readFilters(new URLSearchParams("q=x")), new URLSearchParams("page=3&id=7"));
    expect(sp.get("page")).toBeNull();
    expect(sp.get("id")).toBe("7");
  });

  it("pages the answer, counts the whole of it, and finds the selected finding anywhere", () => {
    const many = Array.from({ length: 450 }, (_, i) => f({ id: `f${i}`, severity: i % 3 ? "low" : "critical", namespace: `ns${i % 4}`, rule: i % 2 ? "R01" : "NP01" }));
    const base = readFilters(new URLSearchParams("severity=critical"));
    const p1 = findingsPage(many, base, { pageSize: 100, selected: "f1" });
    expect(p1).toMatchObject({ total: 450, matched: 150, totalRows: 150, page: 1, pageCount: 2, namespaces: ["ns0", "ns1", "ns2", "ns3"], ruleIds: ["NP01", "R01"] });
    expect(p1.severityCounts).toMatchObject({ critical: 150, low: 300 });
    expect(p1.rows).toHaveLength(100);
    expect(p1.selected?.id).toBe("f1"); // filtered out (low), still found
    expect(findingsPage(many, base, { pageSize: 100, page: 9 }).page).toBe(2); // past the end: the last page
    expect(findingsPage(many, base, { pageSize: 100, page: 2 }).rows).toHaveLength(50);
  });

  it("a page that begins inside a group repeats the group's header", () => {
    const many = Array.from({ length: 30 }, (_, i) => f({ id: `f${i}`, rule: i < 20 ? "R01" : "R02" }));
    const p2 = findingsPage(many, { ...readFilters(new URLSearchParams()), group: "rule" }, { pageSize: 10, page: 2, ruleTitles: { R01: "Admin" } });
    expect(p2.rows[0]).toEqual({ type: "group", key: "R01", label: "R01 · Admin (continued)", count: 20 });
    expect(p2.rows).toHaveLength(11);
  });

  it("property: the pages, joined, are the whole filtered answer, in order", () => {
    const severities: Severity[] = ["critical", "high", "medium", "low", "info"];
    const arb = fc.array(fc.record({ severity: fc.constantFrom(...severities), rule: fc.constantFrom("R01", "R02", "NP01"), ns: fc.constantFrom("a", "b", undefined), isDefault: fc.boolean() }), { maxLength: 60 });
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 17 }), fc.constantFrom("none", "rule", "namespace", "severity", "area"), (items, size, group) => {
        const list = items.map((x, i) => f({ id: `f${i}`, severity: x.severity, rule: x.rule, namespace: x.ns, isDefault: x.isDefault }));
        const filters = { ...readFilters(new URLSearchParams()), group: group as FindingFilters["group"] };
        const first = findingsPage(list, filters, { pageSize: size });
        const joined: Row[] = [];
        for (let p = 1; p <= first.pageCount; p++) joined.push(...findingsPage(list, filters, { pageSize: size, page: p }).rows.filter((r, i) => !(i === 0 && r.type === "group" && r.label.endsWith("(continued)"))));
        expect(joined).toEqual(groupRows(applyFilters(list, filters), filters.group));
        expect(first.matched).toBe(list.filter((x) => !x.isDefault).length);
      }),
    );
  });
});
