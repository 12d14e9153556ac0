/**
 * The CNIs' own policies as a reader sees them (CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy,
 * Calico NetworkPolicy and GlobalNetworkPolicy, staged ones): which pods each selects, in which
 * layer it acts (Cilium deny or allow rules, a Calico tier and order), each rule in words, and —
 * for policies present but not enforced (staged, rejected by the agent, or of a CNI that is not the
 * one in force) — why not.
 */
import { formatSelector, isEmptySelector } from "../model/selector";
import type { CalicoPolicy, CiliumPolicy, Pod } from "../model/types";
import { ClearanceError } from "../errors";
import { selectedPolicies } from "./evaluate";
import type { NetworkModel } from "./model";
import { policyId } from "./policy-id";
import type { PolicyDetail, PolicyRow, RuleView } from "./policy-view";
import type { Direction } from "./policies";
import type { ProgramPolicy } from "./program";
import { calicoRefKind } from "./calico/compile";

type CniObject = { kind: string; namespace?: string; name: string; obj: CiliumPolicy | CalicoPolicy; cni: "cilium" | "calico" };

function objects(model: NetworkModel): CniObject[] {
  return [
    ...(model.snapshot.ciliumPolicies ?? []).map((p): CniObject => ({ kind: p.kind, ...(p.namespace ? { namespace: p.namespace } : {}), name: p.name, obj: p, cni: "cilium" })),
    ...(model.snapshot.calicoPolicies ?? []).map((p): CniObject => ({ kind: calicoRefKind(p.kind), ...(p.namespace ? { namespace: p.namespace } : {}), name: p.name, obj: p, cni: "calico" })),
  ];
}

/** The program pieces compiled from one object (a Cilium policy has a deny and an allow piece). */
function pieces(model: NetworkModel, o: CniObject): { piece: ProgramPolicy; layer: string }[] {
  const out: { piece: ProgramPolicy; layer: string }[] = [];
  for (const layer of model.program.layers) for (const p of layer.policies) if (p.ref.kind === o.kind && p.ref.name === o.name && (p.ref.namespace ?? undefined) === o.namespace) out.push({ piece: p, layer: layer.label });
  return out;
}

/** Why a present policy is not enforced, or undefined when it is. */
function notEnforced(model: NetworkModel, o: CniObject): string | undefined {
  const engine = model.cni.profile.engine;
  if (o.cni !== engine) return `not enforced: the semantics in force are ${model.cni.profile.label}'s, which do not read ${o.kind}s`;
  if (o.cni === "cilium" && (o.obj as CiliumPolicy).invalid) return `not enforced: the Cilium agent rejects it (${(o.obj as CiliumPolicy).invalid})`;
  const c = o.obj as CalicoPolicy;
  if (o.cni === "calico" && c.stagedAction) return `staged (${c.stagedAction}): shown, never enforced`;
  if (o.cni === "calico" && (c.doNotTrack || c.preDNAT)) return "applies to host endpoints only (doNotTrack / preDNAT): it never filters pod traffic";
  if (pieces(model, o).length === 0) return "not enforced: a selector does not parse, or it selects no pod by construction";
  return undefined;
}

function selectsText(o: CniObject): string {
  if (o.cni === "cilium") {
    const specs = (o.obj as CiliumPolicy).specs;
    const sels = specs.map((s) => (s.endpointSelector ? (isEmptySelector(s.endpointSelector) ? "every pod" : `pods ${formatSelector(s.endpointSelector)}`) : `nodes ${formatSelector(s.nodeSelector ?? {})}`));
    return `${[...new Set(sels)].join("; ")}${o.namespace ? ` in namespace ${o.namespace}` : " in every namespace"}`;
  }
  const c = o.obj as CalicoPolicy;
  return `selector ${c.selector}${c.namespaceSelector ? ` in namespaces ${c.namespaceSelector}` : o.namespace ? ` in namespace ${o.namespace}` : ""}`;
}

function selectedPods(model: NetworkModel, o: CniObject): Pod[] {
  const ps = pieces(model, o).map((p) => p.piece);
  if (ps.length === 0) return [];
  return model.pods.filter((pod) => model.program.layers.some((l) => selectedPolicies(model, l, pod).some((p) => ps.includes(p))));
}

function row(model: NetworkModel, o: CniObject): PolicyRow {
  const ps = pieces(model, o).map((p) => p.piece);
  const directions = (["ingress", "egress"] as const).filter((d) => ps.some((p) => p.isolates[d] || p[d].length > 0));
  const c = o.obj as CalicoPolicy;
  return {
    id: policyId(o.kind, o.name, o.namespace),
    kind: o.kind,
    ...(o.namespace ? { namespace: o.namespace } : {}),
    name: o.name,
    selects: selectsText(o),
    directions,
    rules: ps.reduce((n, p) => n + p.ingress.length + p.egress.length, 0),
    pods: selectedPods(model, o).length,
    ...(o.cni === "calico" && c.order !== undefined ? { priority: c.order } : {}),
  };
}

export function cniPolicyRows(model: NetworkModel): PolicyRow[] {
  return objects(model).map((o) => row(model, o));
}

/** One CNI policy in full, or undefined when `kind` is not a CNI's. */
export function cniPolicyDetail(model: NetworkModel, ref: { kind: string; namespace?: string; name: string }): PolicyDetail | undefined {
  if (!/^(Cilium|Global|Staged|NetworkPolicy\.projectcalico\.org$)/.test(ref.kind)) return undefined;
  const o = objects(model).find((x) => x.kind === ref.kind && x.name === ref.name && x.namespace === ref.namespace);
  if (!o) throw new ClearanceError("not_found", `no ${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ""}${ref.name} in this snapshot`);
  const ps = pieces(model, o);
  const rules = (d: Direction): RuleView[] =>
    ps.flatMap(({ piece }) => piece[d].map((r): RuleView => ({ index: r.index, path: r.path, ...(r.name ? { name: r.name } : {}), action: r.written as RuleView["action"], peers: [r.peerText], ports: r.portText })));
  const notes: string[] = [];
  const why = notEnforced(model, o);
  if (why) notes.push(why);
  for (const { layer, piece } of ps.filter(({ piece: x }) => x.ingress.length || x.egress.length || x.isolates.ingress || x.isolates.egress)) notes.push(`acts in ${layer}${piece.isolates.ingress || piece.isolates.egress ? `; isolates ${(["ingress", "egress"] as const).filter((d) => piece.isolates[d]).join(" and ")}` : ""}`);
  if (o.cni === "cilium" && ps.length) notes.push("deny rules win over every allow rule of any policy; allow rules of all policies add up");
  if (o.cni === "calico" && ps.length) notes.push("within its tier, policies run in order and the first rule that matches decides (Allow, Deny, Pass to the next tier; Log goes on)");
  const pods = selectedPods(model, o);
  if (!why && pods.length === 0) notes.push("selects no pod: it has no effect");
  const ingress = rules("ingress");
  const egress = rules("egress");
  return {
    ...row(model, o),
    ...(ingress.length || ps.some((p) => p.piece.isolates.ingress) ? { ingress } : {}),
    ...(egress.length || ps.some((p) => p.piece.isolates.egress) ? { egress } : {}),
    selectedPods: pods.slice(0, 200).map((p) => ({ namespace: p.namespace, name: p.name, workload: `${p.owner.kind}/${p.owner.name}` })),
    moreSelected: Math.max(0, pods.length - 200),
    notes,
  };
}
