/**
 * How a flow answer is printed: the CLI contract's JSON (`{"allowed", "egress", "ingress"}`, each
 * side with the policies and rules that decided it) and a readable text explanation.
 */
import type { CniAlternative } from "./cni-alternatives";
import { dirWord } from "./describe";
import type { CniUsed, RuleRef, SideExplanation } from "./explain";
import type { ReachAnswer } from "./resolve";

export interface SideJson extends SideExplanation {
  from: string;
  to: string;
  protocol: string;
  port: number;
  /** The policies that decided this side (admin, isolating or admitting NetworkPolicies, baseline). */
  policies: string[];
  /** The rules that decided this side, in chain order (an admin Pass comes first). */
  rules: RuleRef[];
  notes: string[];
  service?: ReachAnswer["service"];
}

export interface ReachJson {
  allowed: boolean;
  /** Whose semantics were applied, and why (detected, chosen or assumed). */
  cni?: CniUsed & { alternatives?: CniAlternative[] };
  /** False when something the engine does not evaluate could change the verdict; `incomplete` says what. */
  complete: boolean;
  incomplete?: string[];
  egress: SideJson;
  ingress: SideJson;
}

const ruleLabel = (r: RuleRef) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.policy}`;

function decided(side: SideExplanation): { policies: string[]; rules: RuleRef[] } {
  const rules: RuleRef[] = [];
  if (side.adminRule) rules.push(side.adminRule);
  if (side.decidedBy === "network-policy") rules.push(...side.allowedBy);
  if (side.baselineRule) rules.push(side.baselineRule);
  for (const step of side.layers ?? []) if (step.rule && !rules.some((r) => r.policy === step.rule!.policy && r.path === step.rule!.path && r.kind === step.rule!.kind)) rules.push(step.rule);
  const policies = rules.map(ruleLabel);
  if ((side.decidedBy === "network-policy" || side.decidedBy === "layer-default") && !side.allowed) policies.push(...side.isolatedBy.map((p) => `${p.kind ?? "NetworkPolicy"} ${p.namespace ? `${p.namespace}/` : ""}${p.name}`));
  return { policies: [...new Set(policies)], rules };
}

/** The CLI contract: `allowed`, `cni`, `complete` (with `incomplete`), `egress` and `ingress` at the top. */
export function reachJson(a: ReachAnswer): ReachJson {
  const common = { from: a.from, to: a.to, protocol: a.protocol, port: a.port };
  const srcNotes = a.notes.filter((n) => n.startsWith(a.src));
  const otherNotes = a.notes.filter((n) => !n.startsWith(a.src));
  return {
    allowed: a.allowed,
    ...(a.cni ? { cni: { ...a.cni, ...(a.alternatives ? { alternatives: a.alternatives } : {}) } } : {}),
    complete: a.complete !== false,
    ...(a.incomplete?.length ? { incomplete: a.incomplete } : {}),
    egress: { ...common, ...a.egress, ...decided(a.egress), notes: srcNotes },
    ingress: { ...common, ...a.ingress, ...decided(a.ingress), notes: otherNotes, ...(a.service ? { service: a.service } : {}) },
  };
}

function layerLines(s: SideExplanation): string[] {
  const out: string[] = [];
  for (const step of s.layers ?? []) {
    const what = { allow: "allowed by", deny: "denied by", pass: "passed on by", "default-deny": "isolated: no rule allows it", next: "no rule matched" }[step.outcome];
    const rule = step.rule ? ` ${step.rule.kind} ${step.rule.namespace ? `${step.rule.namespace}/` : ""}${step.rule.policy} rule ${step.rule.index + 1}${step.rule.name ? ` "${step.rule.name}"` : ""} (${step.rule.path}, ${step.rule.action})` : "";
    out.push(`  ${step.layer} [${step.policies.join(", ")}]: ${what}${rule}`);
  }
  return out;
}

function sideText(s: SideExplanation, a: ReachAnswer): string[] {
  const who = s.subject ? ` (${s.subject})` : "";
  const lines = [`${dirWord(s.direction)}${who}: ${s.allowed ? "allowed" : "DENIED"}`];
  if (s.layers) {
    lines.push(...layerLines(s), `  ${s.reason}`);
    return lines;
  }
  if (s.adminPolicies.length) lines.push(`  admin policies selecting it: ${s.adminPolicies.join(", ")}`);
  for (const u of s.undecidable ?? []) lines.push(`  undecidable: ${u.reason}`);
  if (s.decidedBy !== "network-policy") {
    lines.push(`  ${s.reason}`);
    return lines;
  }
  if (s.adminRule) {
    const r = s.adminRule;
    const which = r.kind === "ClusterNetworkPolicy" ? `${r.policy} (${r.tier}, priority ${r.priority}) rule ${r.index + 1}${r.name ? ` "${r.name}"` : ""}` : `${r.policy} rule "${r.name}"`;
    lines.push(`  ${r.kind} ${which} passes it to NetworkPolicy`);
  }
  lines.push(`  isolated by: ${s.isolatedBy.map((p) => `${p.namespace}/${p.name}`).join(", ")}`);
  const flow = `${a.protocol} ${a.port} ${s.direction === "ingress" ? `from ${a.src}` : `to ${a.dst}`}`;
  if (s.allowed) {
    lines.push(`  allowed by:`);
    for (const r of s.allowedBy) lines.push(`    - rule ${r.index + 1} of ${r.namespace}/${r.policy} (${r.path}): ${r.peers}; ${r.ports}`);
    return lines;
  }
  lines.push(`  no rule allows ${flow}`);
  if (s.closest.length) {
    lines.push("  closest:");
    for (const m of s.closest) lines.push(`    - ${m.reason}`);
  } else {
    lines.push("  no rule of these policies matches this peer or this port");
  }
  return lines;
}

/** What the CNI choice changes, in one line: "same under Calico, Cilium; ALLOWED under Flannel (alone)". */
function choiceText(a: ReachAnswer): string {
  const alts = a.alternatives ?? [];
  const same = alts.filter((x) => !x.differs).map((x) => x.label);
  const other = alts.filter((x) => x.differs).map((x) => x.label);
  const parts = [...(same.length ? [`the same under ${same.join(", ")}`] : []), ...(other.length ? [`${a.allowed ? "BLOCKED" : "ALLOWED"} under ${other.join(", ")}`] : [])];
  return `What the choice changes: ${parts.join("; ")}${other.length ? " — choose the CNI with --cni" : ""}`;
}

/** A readable explanation: the verdict, then each side's chain, then notes. */
export function reachText(a: ReachAnswer): string {
  const head = `${a.from} -> ${a.to}${a.service ? ` (port ${a.service.port} -> ${a.dst}:${a.port})` : ""} ${a.protocol} ${a.port}: ${a.allowed ? "ALLOWED" : "BLOCKED"}${a.undecidable ? " (undecidable: depends on DNS)" : a.complete === false ? " (INCOMPLETE: see below)" : ""}`;
  const lines = [head];
  if (a.cni) lines.push(`Semantics: ${a.cni.label} (${a.cni.how}: ${a.cni.why})`);
  if (a.alternatives?.length) lines.push(choiceText(a));
  lines.push("", ...sideText(a.egress, a), "", ...sideText(a.ingress, a));
  if (a.incomplete?.length) lines.push("", "Incomplete — not evaluated, and could change this verdict:", ...a.incomplete.map((r) => `  - ${r}`));
  if (a.service) {
    lines.push("", `Backends of ${a.service.name}:`);
    for (const b of a.service.backends) lines.push(`  ${b.pod}${b.port ? `:${b.port}` : " (target port not declared)"}  ${b.allowed ? "allowed" : "blocked"}`);
  }
  if (a.notes.length) lines.push("", "Notes:", ...a.notes.map((n) => `  - ${n}`));
  return lines.join("\n");
}
