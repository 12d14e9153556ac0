/**
 * One flow explained under a CNI's semantics (Cilium, Calico): the walk through the program's
 * layers for one port, as evaluate.ts does it for every port — which layers selected the pod, the
 * rule that decided (tier, policy, rule, action; deny rules by name), or the layer's default deny
 * with the closest rules, or that nothing applied. Same semantics as the reference evaluator
 * (explain-program.test.ts checks the verdicts agree on random flows).
 */
import type { Pod, Protocol } from "../model/types";
import { dirWord, policyRefName } from "./describe";
import { conditionMatches, isolatedBy, selectedPolicies } from "./evaluate";
import type { LayerStep, NearMiss, RuleRef, SideExplanation } from "./explain";
import type { NetworkModel } from "./model";
import type { Endpoint } from "./peers";
import type { Direction } from "./policies";
import { resolvePorts, type ContainerPortInfo } from "./ports";
import type { ProgramPolicy, ProgramRule } from "./program";

export type NamedPorts = ReadonlyMap<string, ContainerPortInfo> | undefined;

export interface ProgramCtx {
  model: NetworkModel;
  dir: Direction;
  subject: Pod;
  peer: Endpoint;
  named: NamedPorts;
  protocol: Protocol;
  port: number;
}

export function programRuleRef(p: ProgramPolicy, dir: Direction, r: ProgramRule): RuleRef {
  return {
    kind: p.ref.kind,
    ...(p.ref.namespace ? { namespace: p.ref.namespace } : {}),
    policy: p.ref.name,
    direction: dir,
    index: r.index,
    path: r.path,
    ...(r.name ? { name: r.name } : {}),
    action: r.written as RuleRef["action"],
    ...(p.ref.order !== undefined ? { priority: p.ref.order } : {}),
    ...(p.ref.tier ? { tier: p.ref.tier } : {}),
    peers: r.peerText,
    ports: r.portText,
  };
}

/** What decided, in the words of the kind that decided (NetworkPolicy, admin or baseline tier), else the CNI's rule. */
function deciderOf(kinds: string[], fallback: SideExplanation["decidedBy"]): SideExplanation["decidedBy"] {
  if (kinds.length && kinds.every((k) => k === "NetworkPolicy")) return "network-policy";
  if (kinds.length && kinds.every((k) => k === "AdminNetworkPolicy")) return "admin";
  if (kinds.length && kinds.every((k) => k === "BaselineAdminNetworkPolicy")) return "baseline";
  return fallback;
}

const endName = (e: Endpoint) => (e.kind === "pod" ? `${e.pod.namespace}/${e.pod.name}` : e.ip);

/** `CiliumNetworkPolicy shop/db spec.ingressDeny[0] (Deny)`, `GlobalNetworkPolicy security.block (tier security, order 10) rule 2 "no-db" Deny`. */
export function ruleText(ref: RuleRef): string {
  const where = [ref.tier ? `tier ${ref.tier}` : "", ref.priority !== undefined ? `order ${ref.priority}` : ""].filter(Boolean).join(", ");
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ""}${ref.policy}${where ? ` (${where})` : ""} rule ${ref.index + 1}${ref.name ? ` "${ref.name}"` : ""} (${ref.path}, ${ref.action})`;
}

/** One direction of one flow under the model's program. */
export function explainProgramSide(c: ProgramCtx): SideExplanation {
  const { model, dir, subject, peer } = c;
  const side: SideExplanation = { direction: dir, subject: `${subject.namespace}/${subject.name}`, allowed: true, decidedBy: "default", adminPolicies: [], isolatedBy: [], allowedBy: [], closest: [], layers: [], reason: "" };
  const flow = `${c.protocol} ${c.port} ${dir === "ingress" ? "from" : "to"} ${endName(peer)}`;
  if (subject.spec.hostNetwork) return { ...side, layers: [], decidedBy: "host-network", reason: `${side.subject} uses the host network: no policy applies to it (${dirWord(dir)} is not enforced)` };
  if (model.program.unenforced) return { ...side, layers: [], decidedBy: "unenforced", reason: `${model.cni.profile.label} enforces no network policy: ${flow} is allowed whatever the policies say` };
  const self: Endpoint = { kind: "pod", pod: subject };
  side.isolatedBy = isolatedBy(model, subject, dir).map((r) => ({ namespace: r.namespace ?? "", name: r.name, kind: r.kind }));
  const portOk = (r: ProgramRule) => resolvePorts(r.ports, c.named).has(c.protocol, c.port);
  for (const layer of model.program.layers) {
    // A policy takes part in a direction when it has rules for it or isolates it (Calico `types`).
    const selected = selectedPolicies(model, layer, subject).filter((p) => p[dir].length > 0 || p.isolates[dir]);
    if (selected.length === 0) continue;
    const isolating = layer.defaultAction === "Deny" ? selected.filter((p) => p.isolates[dir]) : [];
    const names = selected.filter((p) => !p.ref.builtin).map((p) => policyRefName(p.ref));
    if (layer.defaultAction === "Deny" && isolating.length === 0) continue;
    const step: LayerStep = { layer: layer.label, policies: names, outcome: "next" };
    side.layers!.push(step);
    const near: NearMiss[] = [];
    for (const p of selected) {
      for (const r of p[dir]) {
        if (r.action === "Log") continue;
        if (!conditionMatches(model, r.self, self, subject)) continue;
        const peerMatch = conditionMatches(model, r.peer, peer, subject);
        const port = portOk(r);
        const ref = programRuleRef(p, dir, r);
        if (peerMatch && port) {
          step.rule = ref;
          side.decidingRule = ref;
          if (r.action === "Pass") {
            step.outcome = "pass";
            break;
          }
          step.outcome = r.action === "Allow" ? "allow" : "deny";
          side.allowed = r.action === "Allow";
          side.decidedBy = deciderOf([p.ref.kind], "rule");
          if (side.allowed) side.allowedBy.push(ref);
          side.reason = `${layer.label}: ${ruleText(ref)} ${side.allowed ? "allows" : "denies"} ${flow}`;
          return side;
        }
        if ((peerMatch || port) && r.action === "Allow" && !p.ref.builtin) {
          const label = p.ref.kind === "NetworkPolicy" ? `rule ${ref.index + 1} of ${ref.namespace}/${ref.policy}` : ruleText(ref);
          near.push({ rule: ref, matchesPeer: peerMatch, matchesPort: port, reason: peerMatch ? `${label} matches the peer but not ${c.protocol} ${c.port} (it allows ${ref.ports})` : `${label} allows ${c.protocol} ${c.port} but not from this peer (it admits ${ref.peers})` });
        }
      }
      if (step.outcome === "pass") break;
    }
    if (step.outcome === "pass") continue;
    if (names.length === 0) side.layers!.pop(); // only the CNI's own behaviour, and it did not apply
    if (isolating.length) {
      step.outcome = "default-deny";
      side.allowed = false;
      side.decidedBy = deciderOf(isolating.map((p) => p.ref.kind), "layer-default");
      side.closest = near;
      const closest = near.length ? ` Closest: ${near.map((m) => m.reason).join("; ")}.` : "";
      side.reason = `${layer.label}: ${isolating.map((p) => policyRefName(p.ref)).join(", ")} isolate${isolating.length === 1 ? "s" : ""} ${side.subject} for ${dirWord(dir)} and no rule allows ${flow}.${closest}`;
      return side;
    }
  }
  const passed = side.layers!.some((s) => s.outcome === "pass" || s.outcome === "next");
  side.reason = passed ? `no rule decided ${flow}; nothing isolates ${side.subject} further: allowed` : `no policy selects ${side.subject} for ${dirWord(dir)}: allowed by default`;
  return side;
}
