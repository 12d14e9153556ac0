/**
 * Compliance per framework, the way Kubescape computes its compliance score
 * (kubescape/opa-utils score/score.go): a control's score is passed resources / all resources,
 * and a framework's is the mean of its control scores. Controls come from finding references:
 * "CIS 5.2.2" (Kubernetes Benchmark section 5 only), "NSA 1.2", "PSS baseline: Privileged containers".
 */
import type { Finding, RuleInfo } from "./types";

export const FRAMEWORKS = ["CIS", "NSA", "PSS"] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export const COMPLIANCE_FORMULA = [
  "Frameworks: CIS Kubernetes Benchmark section 5 (policies), NSA/CISA Kubernetes Hardening Guidance, Pod Security Standards.",
  "Each rule lists the framework controls it implements; a control is checked on every resource its rules are checked on.",
  "Control compliance = 100 × (resources checked − findings) / resources checked; controls with nothing to check are left out.",
  "Framework compliance = the mean of its control compliances, rounded.",
  "Excepted (accepted-risk) findings still fail their control: the gap exists, it is only accepted.",
  "Controls that cannot be checked from read-only API data (control plane, etcd, audit) are not shown as passed.",
].join("\n");

export interface ControlScore {
  id: string;
  rules: string[];
  evaluated: number;
  failed: number;
  score: number;
}

export interface FrameworkScore {
  score: number | null;
  controls: ControlScore[];
}

/** The framework and control a reference names, or undefined for references that are not framework controls. */
export function frameworkControl(reference: string): { framework: Framework; control: string } | undefined {
  const cis = /^CIS (5(?:\.\d+)+)$/.exec(reference);
  if (cis) return { framework: "CIS", control: cis[1] };
  const nsa = /^NSA (\d+(?:\.\d+)*)$/.exec(reference);
  if (nsa) return { framework: "NSA", control: nsa[1] };
  const pss = /^PSS ((?:baseline|restricted): .+)$/.exec(reference);
  if (pss) return { framework: "PSS", control: pss[1] };
  return undefined;
}

function compareControl(a: string, b: string): number {
  const na = a.split(/[.:]/).map((x) => Number(x));
  const nb = b.split(/[.:]/).map((x) => Number(x));
  if (na.every((x) => !Number.isNaN(x)) && nb.every((x) => !Number.isNaN(x))) {
    for (let i = 0; i < Math.max(na.length, nb.length); i++) if ((na[i] ?? -1) !== (nb[i] ?? -1)) return (na[i] ?? -1) - (nb[i] ?? -1);
    return 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Kubescape-style compliance of every framework control the catalogue's references name (see COMPLIANCE_FORMULA). */
export function frameworkCompliance(findings: readonly Finding[], evaluated: Readonly<Record<string, number>>, catalogue: readonly RuleInfo[]): Record<Framework, FrameworkScore> {
  const failedPerRule = new Map<string, number>();
  for (const f of findings) failedPerRule.set(f.rule, (failedPerRule.get(f.rule) ?? 0) + 1);
  const controls: Record<Framework, Map<string, ControlScore>> = { CIS: new Map(), NSA: new Map(), PSS: new Map() };
  for (const rule of catalogue) {
    const failed = failedPerRule.get(rule.rule) ?? 0;
    const checked = Math.max(evaluated[rule.rule] ?? 0, failed);
    for (const ref of rule.references) {
      const fc = frameworkControl(ref);
      if (!fc) continue;
      const c = controls[fc.framework].get(fc.control) ?? { id: fc.control, rules: [], evaluated: 0, failed: 0, score: 100 };
      c.rules.push(rule.rule);
      c.evaluated += checked;
      c.failed += failed;
      controls[fc.framework].set(fc.control, c);
    }
  }
  const out = {} as Record<Framework, FrameworkScore>;
  for (const fw of FRAMEWORKS) {
    const list = [...controls[fw].values()].filter((c) => c.evaluated > 0).sort((a, b) => compareControl(a.id, b.id));
    for (const c of list) c.score = Math.round((100 * (c.evaluated - c.failed)) / c.evaluated);
    out[fw] = { score: list.length ? Math.round(list.reduce((n, c) => n + c.score, 0) / list.length) : null, controls: list };
  }
  return out;
}
