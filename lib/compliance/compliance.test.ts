/**
 * The mapping between the catalogue and the frameworks, and the compliance arithmetic: every
 * framework or Kubescape control a rule cites implements it, every implemented Kubescape control has
 * a transcribed regolibrary case (cases-*.ts), and a control scores passed / checked resources.
 */
import { describe, expect, it } from "vitest";
import { scanSnapshot } from "../findings/scan";
import { NETWORK_RULES } from "../netpol/findings-catalogue";
import { POSTURE_RULES } from "../posture/catalogue";
import { RBAC_RULES } from "../rbac/producer";
import { snapshotFromYaml } from "../model/testing";
import { RBAC_CASES } from "./cases-rbac";
import { WORKLOAD_CASES } from "./cases-workloads";
import { parseCheck } from "./filters";
import { FRAMEWORK_CONTROLS, KUBESCAPE_CONTROLS } from "./frameworks";
import { deployment, namespace } from "./testing";

const CATALOGUE = [...POSTURE_RULES, ...RBAC_RULES, ...NETWORK_RULES];
const RULE_IDS = new Set(CATALOGUE.map((r) => r.rule));
const implementing = (checks: readonly string[]) => new Set(checks.map((c) => parseCheck(c).rule));

describe("the control mapping", () => {
  it("checks name existing rules and filters", () => {
    for (const k of KUBESCAPE_CONTROLS.values()) for (const c of k.checks) expect(RULE_IDS.has(parseCheck(c).rule), `${k.id} ${c}`).toBe(true);
  });

  it("a rule cites only controls it implements", () => {
    const cis = new Map(FRAMEWORK_CONTROLS.CIS.map((c) => [c.id, implementing(c.checks)]));
    for (const r of CATALOGUE) {
      for (const ref of r.references) {
        const ks = /^Kubescape (C-\d{4})$/.exec(ref)?.[1];
        if (ks) expect(implementing(KUBESCAPE_CONTROLS.get(ks)?.checks ?? []).has(r.rule), `${r.rule} cites ${ref}`).toBe(true);
        const c = /^CIS (5(?:\.\d+)+)$/.exec(ref)?.[1];
        if (c) expect(cis.get(c)?.has(r.rule), `${r.rule} cites ${ref}`).toBe(true);
        expect(ref, `${r.rule}: NSA controls are Kubescape ids`).not.toMatch(/^NSA \d/);
      }
    }
  });

  it("every implemented Kubescape control is cited by one of its rules", () => {
    for (const k of KUBESCAPE_CONTROLS.values()) {
      if (!k.checks.length) continue;
      expect(CATALOGUE.some((r) => implementing(k.checks).has(r.rule) && r.references.includes(`Kubescape ${k.id}`)), k.id).toBe(true);
    }
  });

  it("every Kubescape control the catalogue cites or a framework scores has regolibrary cases", () => {
    const cited = new Set(CATALOGUE.flatMap((r) => r.references.map((x) => /^Kubescape (C-\d{4})$/.exec(x)?.[1]).filter((x): x is string => !!x)));
    const scored = new Set([...FRAMEWORK_CONTROLS.CIS, ...FRAMEWORK_CONTROLS.NSA].filter((c) => c.checks.length).map((c) => c.kubescape!));
    const cased = new Set([...RBAC_CASES, ...WORKLOAD_CASES].map((c) => c.control));
    for (const id of [...cited, ...scored]) expect(cased.has(id), id).toBe(true);
  });

  it("a control without checks says why", () => {
    for (const fw of ["CIS", "NSA", "PSS"] as const) for (const c of FRAMEWORK_CONTROLS[fw]) if (!c.checks.length) expect(c.notChecked, `${fw} ${c.id}`).toBeTruthy();
  });

  it("the PSS framework has the 11 baseline and 6 restricted controls (Seccomp and Capabilities at both levels)", () => {
    expect(FRAMEWORK_CONTROLS.PSS.filter((c) => c.id.startsWith("baseline:"))).toHaveLength(11);
    expect(FRAMEWORK_CONTROLS.PSS.filter((c) => c.id.startsWith("restricted:"))).toHaveLength(6);
  });
});

describe("compliance of a snapshot", () => {
  const yaml = [namespace("shop", { "pod-security.kubernetes.io/enforce": "restricted" }), deployment("shop", "ok", { securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } } }, { securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } } }), deployment("shop", "root", {}, { securityContext: { runAsUser: 0 } })]
    .map((o) => JSON.stringify(o))
    .join("\n---\n");

  it("a control scores passed / checked resources; a framework the mean of its scored controls", () => {
    const { compliance } = scanSnapshot(snapshotFromYaml(yaml));
    const user = compliance.PSS.controls.find((c) => c.id === "restricted: Running as non-root user")!;
    expect(user).toMatchObject({ checked: 2, failed: 1, passed: 1, score: 50 });
    expect(user.failing.map((f) => f.resource.name)).toEqual(["root"]);
    expect(user.passing.map((r) => r.name)).toEqual(["ok"]);
    const scored = compliance.PSS.controls.filter((c) => c.score !== null);
    expect(compliance.PSS.score).toBe(Math.round(scored.reduce((n, c) => n + c.score!, 0) / scored.length));
    expect(user.cost).toBeCloseTo(50 / scored.length, 1);
  });

  it("excepted findings and findings about default objects still fail their control", () => {
    const snapshot = snapshotFromYaml(yaml);
    const plain = scanSnapshot(snapshot);
    const excepted = scanSnapshot(snapshot, { exceptions: [{ rule: "PSS-run-as-user", by: "me", reason: "r", expires: "2999-01-01" }] });
    expect(excepted.findings.some((f) => f.exception)).toBe(true);
    expect(excepted.compliance.PSS.score).toBe(plain.compliance.PSS.score);
  });

  it("controls that read-only API objects cannot answer are listed without a score", () => {
    const { compliance } = scanSnapshot(snapshotFromYaml(yaml));
    expect(compliance.CIS.controls.find((c) => c.id === "5.1.7")).toMatchObject({ score: null, checked: 0, cost: 0 });
  });
});
