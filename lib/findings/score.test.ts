import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildCatalogue, completeCatalogue } from "./catalogue";
import { areaScore, EXCEPTED_WEIGHT, grade, scoreFindings, SCORE_FORMULA, SEVERITY_BANDS, SEVERITY_WEIGHT } from "./score";
import { finding, rule } from "./testing";
import { SEVERITIES } from "./types";

describe("catalogue", () => {
  it("merges lists, first definition wins, sorted by area then rule", () => {
    const c = buildCatalogue([rule("W2"), rule("W1")], [rule("R1", { category: "rbac" }), rule("W1", { title: "other" })]);
    expect(c.map((r) => r.rule)).toEqual(["R1", "W1", "W2"]);
    expect(c.find((r) => r.rule === "W1")!.title).toBe("Rule W1");
  });

  it("derives entries for rules known only from findings", () => {
    const c = completeCatalogue([rule("W1")], [finding("NP01", "a", { category: "network", severity: "low" }), finding("NP01", "b", { category: "network", severity: "high" })]);
    expect(c.find((r) => r.rule === "NP01")).toMatchObject({ category: "network", severity: "high" });
  });
});

describe("score", () => {
  const cat = [rule("W1", { severity: "medium" }), rule("W2", { severity: "critical" }), rule("A1", { category: "admission", severity: "low" })];

  it("everything passes: 100, grade A; nothing checked: no score", () => {
    const s = scoreFindings([], { W1: 10, W2: 10 }, cat);
    expect(s.areas.workload).toMatchObject({ score: 100, grade: "A", checks: 20, findings: 0 });
    expect(s.areas.rbac.score).toBeNull();
    expect(s.overall).toBe(100);
  });

  it("weighs failures by severity against the weighted passes", () => {
    // W1: 10 checks, 2 medium findings → passed 8×3 = 24, failed 2×3 = 6 → 80 % passed, in the medium range 80–89 → 87
    const s = scoreFindings([finding("W1", "a"), finding("W1", "b")], { W1: 10 }, cat);
    expect(s.areas.workload).toMatchObject({ passedWeight: 24, failedWeight: 6, passedShare: 80, band: "medium", score: 87, grade: "B" });
    // the finding's severity counts, not the rule's: one critical W1 finding
    const c = scoreFindings([finding("W1", "a", { severity: "critical" })], { W1: 10 }, cat);
    expect(c.areas.workload.failedWeight).toBe(SEVERITY_WEIGHT.critical);
  });

  it("excepted findings count at the published reduced weight and are reported apart", () => {
    const exc = { by: "a", reason: "r", expires: "2099-01-01", match: "id" as const };
    const crit = { severity: "critical" as const };
    const s = scoreFindings([finding("W2", "a", { ...crit, exception: exc }), finding("W2", "b", crit)], { W2: 10 }, cat);
    expect(s.areas.workload.failedWeight).toBe(10 + 10 * EXCEPTED_WEIGHT);
    expect(s.excepted).toBe(1);
    expect(s.bySeverity.critical).toBe(1);
    // still worse than without the finding, better than without the exception
    const none = scoreFindings([finding("W2", "b", crit)], { W2: 10 }, cat).areas.workload.score!;
    const open = scoreFindings([finding("W2", "a", crit), finding("W2", "b", crit)], { W2: 10 }, cat).areas.workload.score!;
    expect(s.areas.workload.score!).toBeLessThan(none);
    expect(s.areas.workload.score!).toBeGreaterThan(open);
  });

  it("never shows 100 while a weighted finding remains; overall is the mean of scored areas", () => {
    expect(areaScore(100_000, 1)).toBe(99);
    expect(areaScore(0, 0, 3)).toBe(100); // only info checks
    expect(areaScore(0, 0, 0)).toBeNull();
    expect(scoreFindings([finding("W1", "x", { severity: "info" })], { W1: 1 }, cat).areas.workload.score).toBe(100);
    // only low findings: the top range, at its bottom when every check failed
    const s = scoreFindings([finding("A1", "x", { category: "admission", severity: "low" })], { W1: 10, A1: 1 }, cat);
    expect(s.areas.admission.score).toBe(90);
    expect(s.areas.workload.score).toBe(100);
    expect(s.overall).toBe(95);
    expect(s.grade).toBe("A");
  });

  it("the worst open finding sets the range: an area with a critical always scores below one without", () => {
    // the report's case: few checks, many highs, no critical (15 before) vs many checks with criticals (59 before)
    const highs = scoreFindings(Array.from({ length: 17 }, (_, i) => finding("W1", `h${i}`, { severity: "high" })), { W1: 20 }, cat).areas.workload;
    const crit = scoreFindings(Array.from({ length: 24 }, (_, i) => finding("W2", `c${i}`, { severity: "critical" })), { W2: 10_000 }, cat).areas.workload;
    expect(highs.band).toBe("high");
    expect(highs.score!).toBeGreaterThanOrEqual(SEVERITY_BANDS.high[0]);
    expect(crit.score!).toBeLessThanOrEqual(SEVERITY_BANDS.critical[1]);
    expect(highs.score!).toBeGreaterThan(crit.score!);
  });

  it("an open critical finding caps its area at 59 and a high one at 79; excepted ones do not", () => {
    const many = { W1: 10_000, W2: 10_000 };
    expect(scoreFindings([finding("W2", "a", { severity: "critical" })], many, cat).areas.workload.score).toBe(59);
    expect(scoreFindings([finding("W1", "a", { severity: "high" })], many, cat).areas.workload.score).toBe(79);
    const exc = { by: "a", reason: "r", expires: "2099-01-01", match: "id" as const };
    expect(scoreFindings([finding("W2", "a", { severity: "critical", exception: exc })], many, cat).areas.workload.score).toBe(99);
    expect(SCORE_FORMULA).toContain("worst open finding sets");
  });

  it("publishes its formula", () => {
    expect(SCORE_FORMULA).toContain("critical 0–59, high 60–79, medium 80–89, nothing above low 90–100");
    expect(SCORE_FORMULA.split("\n")).toHaveLength(3);
    expect(SCORE_FORMULA).toContain(`${EXCEPTED_WEIGHT * 100}%`);
    expect(grade(89.9)).toBe("B");
  });

  it("property: a score is within 0..100 and never rises when a finding is added", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SEVERITIES), { maxLength: 30 }), fc.integer({ min: 0, max: 50 }), fc.constantFrom(...SEVERITIES), (sevs, extra, added) => {
        // includes the edge where every check fails with weightless (info) findings
        const fs = sevs.map((s, i) => finding("W1", `w${i}`, { severity: s }));
        const evaluated = { W1: sevs.length + extra + 1 };
        const before = scoreFindings(fs, evaluated, cat).areas.workload.score!;
        const after = scoreFindings([...fs, finding("W1", "new", { severity: added })], evaluated, cat).areas.workload.score!;
        expect(before).toBeGreaterThanOrEqual(0);
        expect(before).toBeLessThanOrEqual(100);
        expect(after).toBeLessThanOrEqual(before);
      }),
    );
  });
});
