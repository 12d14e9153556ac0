import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { atLeast } from "../findings/types";
import { POSTURE_RULES, postureFindings } from "./index";
import { snapshotFromYaml } from "./testing";

const fixture = (p: string) => readFileSync(new URL(`./fixtures/${p}`, import.meta.url), "utf8");

describe("postureFindings", () => {
  it("the hardened fixture produces no finding above low", () => {
    const r = postureFindings(snapshotFromYaml(fixture("hardened/shop.yaml")));
    expect(r.findings.filter((f) => atLeast(f.severity, "medium"))).toEqual([]);
    expect(r.workloads).toMatchObject([{ ref: { kind: "Deployment", namespace: "shop", name: "web" }, level: "restricted", pods: 3 }]);
    expect(r.namespaces).toEqual([{ namespace: "shop", psa: { enforce: { level: "restricted", version: "latest" }, invalid: [] } }]);
  });

  it("the bad fixture fails the baseline level with critical findings", () => {
    const r = postureFindings(snapshotFromYaml(fixture("bad/agent.yaml")));
    expect(r.workloads[0].level).toBe("privileged");
    expect(r.findings.filter((f) => f.severity === "critical").map((f) => f.rule).sort()).toEqual(["PSS-host-path", "PSS-privileged"]);
  });

  it("every rule has an evaluated count and every finding a catalogue rule", () => {
    const r = postureFindings(snapshotFromYaml(fixture("bad/agent.yaml") + "---\n" + fixture("hardened/shop.yaml")));
    const rules = new Set(POSTURE_RULES.map((x) => x.rule));
    expect(Object.keys(r.evaluated).sort()).toEqual([...rules].sort());
    for (const f of r.findings) {
      expect(rules.has(f.rule)).toBe(true);
      expect(r.evaluated[f.rule]).toBeGreaterThan(0);
    }
    expect(new Set(r.findings.map((f) => f.id)).size).toBe(r.findings.length);
  });

  it("catalogue rules are unique and carry what a report needs", () => {
    expect(new Set(POSTURE_RULES.map((r) => r.rule)).size).toBe(POSTURE_RULES.length);
    for (const r of POSTURE_RULES) {
      expect(r.title.length).toBeGreaterThan(5);
      expect(r.remediation.length).toBeGreaterThan(10);
      expect(["workload", "admission", "platform"]).toContain(r.category);
    }
  });
});
