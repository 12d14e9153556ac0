/**
 * Things about the policies themselves that make results depend on an implementation or that a
 * reader should know before trusting a verdict. They are warnings, not failures: the engine still
 * answers (np-guard/netpol-analyzer treats several of them as fatal errors).
 */
import { npSelects } from "./peers";
import type { AdminPolicy } from "./policies";
import type { Reachability } from "./reachability";
import type { NetworkModel } from "./model";

export interface Diagnostic {
  severity: "warning" | "info";
  code: "anp-same-priority" | "baseline-order" | "named-port-to-ipblock" | "workload-split" | "ipv6-block" | "host-network-selected";
  message: string;
  resources: { kind: string; namespace?: string; name: string }[];
}

/**
 * - Two policies of one tier with the same priority (AdminNetworkPolicies and Admin-tier
 *   ClusterNetworkPolicies share the admin tier's scale; Baseline-tier ClusterNetworkPolicies have
 *   their own): the APIs call their order undefined (v1alpha1 AdminNetworkPolicySpec.priority,
 *   v1alpha2 ClusterNetworkPolicySpec.priority); we order them by name (policies.ts). Code
 *   `anp-same-priority` for all of them: it is the one finding NP11 reports.
 * - A BaselineAdminNetworkPolicy next to Baseline-tier ClusterNetworkPolicies: neither API orders
 *   them against each other; we evaluate the ClusterNetworkPolicies first (model.ts).
 * - A named port in a rule whose peers are only ipBlocks: a named port is resolved on the
 *   destination pod, so towards an address it never matches (networking/v1 NetworkPolicyPort).
 * - Pods of one workload that policies treat differently (different labels or named ports): the
 *   workload-level list merges them.
 * - IPv6 CIDRs: matched for single addresses, but not split into outside blocks.
 * - A NetworkPolicy whose podSelector picks host-networked pods: no CNI enforces policy on the
 *   host's network namespace, so it does not protect them.
 */
export function networkDiagnostics(reach: Reachability): Diagnostic[] {
  const { model } = reach;
  const out: Diagnostic[] = samePriority(model);
  const cnpBaseline = model.baseline.filter((ap) => ap.kind === "ClusterNetworkPolicy");
  const banp = model.baseline.find((ap) => ap.kind === "BaselineAdminNetworkPolicy");
  if (banp && cnpBaseline.length) {
    out.push({
      severity: "warning",
      code: "baseline-order",
      message: `BaselineAdminNetworkPolicy ${banp.name} and Baseline-tier ClusterNetworkPolicies ${cnpBaseline.map((ap) => ap.name).join(", ")} both apply after NetworkPolicy; no API orders them against each other (evaluated here with the ClusterNetworkPolicies first)`,
      resources: [{ kind: banp.kind, name: banp.name }, ...cnpBaseline.map((ap) => ({ kind: ap.kind, name: ap.name }))],
    });
  }
  for (const np of model.networkPolicies) {
    if (!np.egress) continue;
    np.egress.forEach((r, i) => {
      if (r.ports.named.length === 0 || r.peers.length === 0 || !r.peers.every((p) => p.kind === "ipBlock")) return;
      out.push({
        severity: "warning",
        code: "named-port-to-ipblock",
        message: `NetworkPolicy ${np.namespace}/${np.name} egress rule ${i + 1} uses named port ${r.ports.named.map((n) => `"${n.name}"`).join(", ")} towards ipBlock peers only; a named port never matches an address outside the pod network`,
        resources: [{ kind: "NetworkPolicy", namespace: np.namespace, name: np.name }],
      });
    });
    for (const rules of [np.ingress ?? [], np.egress]) {
      for (const r of rules) {
        for (const p of r.peers) {
          if (p.kind === "ipBlock" && p.block.cidr.includes(":")) {
            out.push({ severity: "info", code: "ipv6-block", message: `NetworkPolicy ${np.namespace}/${np.name} names IPv6 block ${p.block.cidr}; it is matched for single addresses but not listed among outside blocks`, resources: [{ kind: "NetworkPolicy", namespace: np.namespace, name: np.name }] });
          }
        }
      }
    }
  }
  const hostPods = model.pods.filter((p) => p.spec.hostNetwork);
  for (const np of model.networkPolicies) {
    const selected = hostPods.filter((p) => npSelects(np, p));
    if (selected.length === 0) continue;
    out.push({
      severity: "warning",
      code: "host-network-selected",
      message: `NetworkPolicy ${np.namespace}/${np.name} selects host-networked pod${selected.length > 1 ? "s" : ""} ${selected.slice(0, 3).map((p) => p.name).join(", ")}${selected.length > 3 ? ", ..." : ""}; policy is not enforced on the host network`,
      resources: [{ kind: "NetworkPolicy", namespace: np.namespace, name: np.name }],
    });
  }
  const classesOfWorkload = new Map<string, Set<number>>();
  for (const c of reach.classes) {
    for (const p of c.pods) {
      const k = `${p.namespace}\u0000${p.owner.kind}\u0000${p.owner.name}`;
      let s = classesOfWorkload.get(k);
      if (!s) classesOfWorkload.set(k, (s = new Set()));
      s.add(c.id);
    }
  }
  for (const [k, s] of classesOfWorkload) {
    if (s.size < 2) continue;
    const [namespace, kind, name] = k.split("\u0000");
    out.push({
      severity: "warning",
      code: "workload-split",
      message: `pods of ${kind} ${namespace}/${name} are treated differently by policies (their labels or named ports differ); workload-level results merge them`,
      resources: [{ kind, namespace, name }],
    });
  }
  return out;
}

/** `anp-same-priority` alone (what finding NP11 reports), without the per-policy and per-pod diagnostics. */
export function samePriority(model: NetworkModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const cnpBaseline = model.baseline.filter((ap) => ap.kind === "ClusterNetworkPolicy");
  for (const [tier, list] of [["Admin", model.admin], ["Baseline", cnpBaseline]] as const) {
    const byPriority = new Map<number, AdminPolicy[]>();
    for (const ap of list) byPriority.set(ap.priority, [...(byPriority.get(ap.priority) ?? []), ap]);
    for (const [priority, same] of byPriority) {
      if (same.length < 2) continue;
      const onlyAnp = same.every((ap) => ap.kind === "AdminNetworkPolicy");
      const who = onlyAnp ? `AdminNetworkPolicies ${same.map((ap) => ap.name).join(", ")}` : same.map((ap) => `${ap.kind} ${ap.name}`).join(", ");
      out.push({
        severity: "warning",
        code: "anp-same-priority",
        message: `${who} share priority ${priority}${onlyAnp ? "" : ` in the ${tier} tier`}; their order is undefined (evaluated here by name)`,
        resources: same.map((ap) => ({ kind: ap.kind, name: ap.name })),
      });
    }
  }
  return out;
}
