/**
 * Findings about the CNI and its own policies (findings-cni-catalogue.ts): a CNI that enforces
 * nothing (NP12), policy kinds it does not enforce (NP13), policies it rejects (NP14), Cilium allow
 * rules every port of which a deny rule takes (NP15), Calico tiers no traffic reaches (NP16) and
 * staged Calico policies that would cut live connections (NP17).
 */
import type { ResourceRef } from "../findings/types";
import type { ClusterSnapshot } from "../model/snapshot";
import type { CalicoPolicy } from "../model/types";
import { calicoEnforcedOnPods, calicoEnforces, calicoMinor, calicoPiece, calicoRefKind } from "./calico/compile";
import { connlist } from "./connlist";
import { directionAllowed } from "./evaluate";
import { finding } from "./findings";
import { numberToIPv4 } from "./ip";
import { buildNetworkModel, type NetworkModel } from "./model";
import { ipEndpoint, podEndpoint, type Endpoint } from "./peers";
import type { Direction } from "./policies";
import { PredicateTable } from "./predicates";
import { resolvePorts } from "./ports";
import { buildReachability, type Reachability } from "./reachability";
import type { Finding } from "../findings/types";

const ref = (kind: string, name: string, namespace?: string): ResourceRef => ({ kind, ...(namespace ? { namespace } : {}), name });

function agentRef(model: NetworkModel): ResourceRef {
  const a = model.cni.detection.agents[model.cni.profile.id];
  return a ? ref(a.kind, a.name, a.namespace) : ref("Namespace", "kube-system");
}

/** NP12: a CNI that only routes. */
function unenforced(model: NetworkModel): Finding[] {
  if (!model.program.unenforced || model.cni.how === "chosen") return [];
  const s = model.snapshot;
  const policies = s.networkPolicies.length + s.adminNetworkPolicies.length + s.baselineAdminNetworkPolicies.length + (s.clusterNetworkPolicies ?? []).length;
  return [
    finding("NP12", [agentRef(model)], {
      title: `${model.cni.profile.label} enforces no network policy${policies ? `: ${policies} polic${policies === 1 ? "y is" : "ies are"} decoration` : ""}`,
      evidence: `${model.cni.why}; ${model.cni.profile.notes.join("; ")}`,
      severity: policies ? "critical" : "high",
      focus: { tab: "policies" },
    }),
  ];
}

/** NP13: kinds present that the CNI in force does not read. */
function unenforcedKinds(model: NetworkModel): Finding[] {
  if (model.cni.how === "chosen" || model.program.unenforced) return [];
  const s = model.snapshot;
  const { profile } = model.cni;
  const v = calicoMinor(model.cni.detection.calicoVersion);
  const groups: { kind: string; items: { name: string; namespace?: string }[]; why: string }[] = [];
  const calico = profile.engine === "calico";
  const anpOn = calico ? calicoEnforces.adminNetworkPolicy(v) : profile.enforces.adminNetworkPolicy;
  const banpOn = calico ? calicoEnforces.baselineAdminNetworkPolicy(v) : profile.enforces.adminNetworkPolicy;
  const cnpOn = calico ? calicoEnforces.clusterNetworkPolicy(v) : profile.enforces.clusterNetworkPolicy;
  const ver = calico && model.cni.detection.calicoVersion ? ` ${model.cni.detection.calicoVersion}` : "";
  if (!anpOn) groups.push({ kind: "AdminNetworkPolicy", items: s.adminNetworkPolicies, why: `${profile.label}${ver} does not implement AdminNetworkPolicy` });
  if (!banpOn) groups.push({ kind: "BaselineAdminNetworkPolicy", items: s.baselineAdminNetworkPolicies, why: `${profile.label}${ver} does not implement BaselineAdminNetworkPolicy` });
  if (!cnpOn) groups.push({ kind: "ClusterNetworkPolicy", items: s.clusterNetworkPolicies ?? [], why: `${profile.label}${ver} does not implement ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2)` });
  if (profile.engine !== "cilium") groups.push({ kind: "Cilium policy", items: s.ciliumPolicies ?? [], why: `the cluster runs ${profile.label}, not Cilium` });
  if (profile.engine !== "calico") groups.push({ kind: "Calico policy", items: (s.calicoPolicies ?? []).filter((p) => !p.stagedAction), why: `the cluster runs ${profile.label}, not Calico` });
  return groups
    .filter((g) => g.items.length > 0)
    .map((g) =>
      finding("NP13", g.items.slice(0, 20).map((i) => ref(g.kind.replace(" policy", ""), i.name, i.namespace)), {
        title: `${g.items.length} ${g.kind}${g.items.length === 1 ? "" : g.kind.endsWith("y") ? "" : "s"} not enforced by ${profile.label}`,
        evidence: `${g.why}: ${g.items.map((i) => `${i.namespace ? `${i.namespace}/` : ""}${i.name}`).slice(0, 10).join(", ")}${g.items.length > 10 ? ", ..." : ""} enforce nothing (${model.cni.why})`,
        discriminator: g.kind,
        focus: { tab: "policies" },
      }),
    );
}

/** NP14: policies the CNI refuses. */
function rejected(model: NetworkModel): Finding[] {
  const out: Finding[] = [];
  if (model.cni.profile.engine === "cilium") {
    for (const p of model.snapshot.ciliumPolicies ?? []) {
      if (!p.invalid) continue;
      out.push(finding("NP14", [ref(p.kind, p.name, p.namespace)], { title: `${p.kind} ${p.namespace ? `${p.namespace}/` : ""}${p.name} is rejected by the Cilium agent`, evidence: p.invalid, namespace: p.namespace, focus: { policy: `${p.kind}/${p.namespace ? `${p.namespace}/` : ""}${p.name}` } }));
    }
  }
  if (model.cni.profile.engine === "calico") {
    const scratch = new PredicateTable();
    for (const p of model.snapshot.calicoPolicies ?? []) {
      if (!calicoEnforcedOnPods(p)) continue;
      const piece = calicoPiece(scratch, p);
      if (!("refused" in piece)) continue;
      const kind = calicoRefKind(p.kind);
      out.push(finding("NP14", [ref(kind, p.name, p.namespace)], { title: `${kind} ${p.namespace ? `${p.namespace}/` : ""}${p.name} has a selector Calico cannot parse`, evidence: piece.refused, namespace: p.namespace, focus: { policy: `${kind}/${p.namespace ? `${p.namespace}/` : ""}${p.name}` } }));
    }
  }
  return out;
}

/** A representative end of the fast path: a class's first pod, or a block's first address. */
function endpoints(reach: Reachability, side: "source" | "destination"): Endpoint[] {
  return [...reach.classes.map((c) => podEndpoint(c.pods[0])), ...reach.externals[side === "source" ? "sources" : "destinations"].map((b) => ipEndpoint(numberToIPv4(b.lo)))];
}

/** NP15: Cilium allow rules that admit nothing because deny rules take every peer and port they name. */
function shadowed(reach: Reachability): Finding[] {
  const model = reach.model;
  const layers = model.program.layers;
  const deny = layers.find((l) => l.id === "cilium-deny");
  const allow = layers.find((l) => l.id === "cilium-allow");
  if (!deny?.policies.length || !allow) return [];
  const { table } = model.program;
  const out: Finding[] = [];
  for (const piece of allow.policies) {
    if (piece.ref.builtin || piece.ref.kind === "NetworkPolicy") continue;
    const subjects = reach.classes.filter((c) => !c.hostNetwork && c.predicates.includes(piece.subject));
    if (!subjects.some((c) => deny.policies.some((d) => c.predicates.includes(d.subject)))) continue;
    for (const dir of ["ingress", "egress"] as Direction[]) {
      for (const rule of piece[dir]) {
        let matched = false;
        let effective = false;
        for (const c of subjects) {
          const subject = c.pods[0];
          for (const peer of endpoints(reach, dir === "ingress" ? "source" : "destination")) {
            if (peer.kind === "pod" && peer.pod === subject) continue;
            if (rule.peer && !rule.peer.allOf.every((g) => g.some((a) => a >= 0 && table.all[a] && reachMatches(reach, a, peer)))) continue;
            const named = dir === "ingress" ? model.namedPorts(subject) : peer.kind === "pod" ? model.namedPorts(peer.pod) : undefined;
            const ports = resolvePorts(rule.ports, named);
            if (ports.isEmpty) continue;
            matched = true;
            if (!directionAllowed(model, subject, dir, peer, named).intersect(ports).isEmpty) {
              effective = true;
              break;
            }
          }
          if (effective) break;
        }
        if (matched && !effective) {
          const name = `${piece.ref.namespace ? `${piece.ref.namespace}/` : ""}${piece.ref.name}`;
          out.push(finding("NP15", [ref(piece.ref.kind, piece.ref.name, piece.ref.namespace)], { title: `${piece.ref.kind} ${name} ${rule.path} allows nothing: deny rules take it all`, evidence: `${rule.path} allows ${rule.peerText}; ${rule.portText}, and every peer and port it names is denied by a deny rule of the same pods`, namespace: piece.ref.namespace, discriminator: rule.path, focus: { policy: `${piece.ref.kind}/${name}` } }));
        }
      }
    }
  }
  return out;
}

function reachMatches(reach: Reachability, atom: number, e: Endpoint): boolean {
  if (e.kind === "pod") return reach.classOf.get(e.pod)?.predicates.includes(atom) ?? false;
  const block = [...reach.externals.sources, ...reach.externals.destinations].find((b) => numberToIPv4(b.lo) === e.ip);
  return block?.predicates.includes(atom) ?? false;
}

/** NP16: Calico tiers every selected pod of which an earlier tier decides completely (ends in Deny, no Pass). */
function unreachedTiers(reach: Reachability): Finding[] {
  const model = reach.model;
  if (model.cni.profile.engine !== "calico") return [];
  const layers = model.program.layers;
  const out: Finding[] = [];
  layers.forEach((layer, t) => {
    if (!layer.id.startsWith("calico-tier:") || layer.id === "calico-tier:default") return;
    let selects = false;
    let reached = false;
    for (const c of reach.classes) {
      if (c.hostNetwork) continue;
      for (const dir of ["ingress", "egress"] as Direction[]) {
        const mine = layer.policies.filter((p) => c.predicates.includes(p.subject) && (p[dir].length > 0 || p.isolates[dir]));
        if (mine.length === 0) continue;
        selects = true;
        const stoppedBefore = layers.slice(0, t).some((l) => {
          if (l.defaultAction !== "Deny") return false;
          const sel = l.policies.filter((p) => c.predicates.includes(p.subject));
          return sel.some((p) => p.isolates[dir]) && !sel.some((p) => p[dir].some((r) => r.action === "Pass"));
        });
        if (!stoppedBefore) reached = true;
      }
    }
    if (selects && !reached) {
      const tier = layer.id.slice("calico-tier:".length);
      out.push(finding("NP16", [ref("Tier", tier)], { title: `Calico tier ${tier} is never reached`, evidence: `every pod its policies (${layer.policies.map((p) => p.ref.name).join(", ")}) select is decided by an earlier tier that ends in Deny without a Pass rule`, discriminator: tier, focus: { tab: "policies" } }));
    }
  });
  return out;
}

/** The snapshot with one staged Calico policy enforced (Set: added as its enforced kind; Delete: the enforced one removed). */
function promoted(snapshot: ClusterSnapshot, staged: CalicoPolicy): ClusterSnapshot {
  const others = snapshot.calicoPolicies.filter((p) => p !== staged);
  const enforcedKind = staged.kind.replace(/^Staged/, "") as CalicoPolicy["kind"];
  if (staged.stagedAction === "Delete") {
    if (staged.kind === "StagedKubernetesNetworkPolicy") return { ...snapshot, calicoPolicies: others, networkPolicies: snapshot.networkPolicies.filter((n) => !(n.namespace === staged.namespace && n.name === staged.name)) };
    return { ...snapshot, calicoPolicies: others.filter((p) => !(p.kind === enforcedKind && p.name === staged.name && p.namespace === staged.namespace)) };
  }
  if (staged.kind === "StagedKubernetesNetworkPolicy" && staged.kubernetes) {
    const k = staged.kubernetes;
    return { ...snapshot, calicoPolicies: others, networkPolicies: [...snapshot.networkPolicies.filter((n) => !(n.namespace === staged.namespace && n.name === staged.name)), { name: staged.name, namespace: staged.namespace!, labels: staged.labels, annotations: staged.annotations, podSelector: k.podSelector, policyTypes: k.policyTypes, ingress: k.ingress, egress: k.egress }] };
  }
  const { stagedAction, ...rest } = staged;
  void stagedAction;
  return { ...snapshot, calicoPolicies: [...others.filter((p) => !(p.kind === enforcedKind && p.name === staged.name && p.namespace === staged.namespace)), { ...rest, kind: enforcedKind }] };
}

/** NP17: what each staged policy would cut, at workload level. */
function stagedCuts(reach: Reachability): Finding[] {
  const model = reach.model;
  if (model.cni.profile.engine !== "calico") return [];
  const staged = (model.snapshot.calicoPolicies ?? []).filter((p) => p.stagedAction).slice(0, 10);
  if (staged.length === 0) return [];
  const before = new Map(connlist(reach).map((e) => [`${e.src} => ${e.dst}`, e.conn]));
  const out: Finding[] = [];
  for (const p of staged) {
    const after = buildReachability(buildNetworkModel(promoted(model.snapshot, p), { ...model.options, cni: "calico" }));
    const now = new Map(connlist(after).map((e) => [`${e.src} => ${e.dst}`, e.conn]));
    const cut = [...before].filter(([k, conn]) => now.get(k) !== conn).map(([k, conn]) => `${k} : ${conn} → ${now.get(k) ?? "No Connections"}`);
    if (cut.length === 0) continue;
    const kind = p.kind;
    const name = `${p.namespace ? `${p.namespace}/` : ""}${p.name}`;
    out.push(finding("NP17", [ref(kind, p.name, p.namespace)], { title: `Staged ${kind.replace(/^Staged/, "")} ${name} would cut ${cut.length} live connection${cut.length === 1 ? "" : "s"}`, evidence: `enforcing it (${p.stagedAction}) changes: ${cut.slice(0, 8).join("; ")}${cut.length > 8 ? "; ..." : ""}`, namespace: p.namespace, focus: { policy: `${kind}/${name}` }, details: { connections: cut } }));
  }
  return out;
}

export function cniFindings(reach: Reachability): Finding[] {
  const model = reach.model;
  return [...unenforced(model), ...unenforcedKinds(model), ...rejected(model), ...shadowed(reach), ...unreachedTiers(reach), ...stagedCuts(reach)];
}
