/**
 * Calico's tiers as program layers (projectcalico/calico felix/calc/policy_sorter.go,
 * policy_resolver.go, felix/rules/endpoints.go; libcalico-go conversion.go):
 * - Tiers in ascending `order` (no order = last; ties by name); a policy naming a tier that does
 *   not exist still applies, after every valid tier, ending in Deny. The built-in tiers exist even
 *   when the snapshot lacks their objects: `default` (1,000,000, Deny) and the admin tiers.
 * - In a tier, policies in ascending `order` (none = last); ties by name (Calico ≥ 3.32:
 *   `name/namespace/kind`; before: the v3 key `namespace/name`).
 * - Only policies that select the pod and whose `types` include the direction take part; a tier
 *   with none is skipped. First matching Allow/Deny decides; Pass leaves the tier; Log goes on;
 *   nothing decided → the tier's defaultAction (Deny unless Pass). After the last tier the
 *   namespace profile allows.
 * - Kubernetes NetworkPolicies are default-tier policies at order 1000. AdminNetworkPolicy and
 *   BaselineAdminNetworkPolicy (Calico 3.29–3.31) live in tiers `adminnetworkpolicy` (1000, Pass) and
 *   `baselineadminnetworkpolicy` (10,000,000, Pass); ClusterNetworkPolicy (Calico ≥ 3.32) in
 *   `kube-admin` and `kube-baseline` at the same orders. Calico ≤ 3.31 turns an ANP namedPort into
 *   "any port" (conversion.go k8sAdminPolicyPortToCalicoFields), and so do we.
 * - Staged policies are never enforced; doNotTrack and preDNAT policies apply to host endpoints only.
 * - A node's traffic to the pods it runs is never policed (felix/rules/static.go filterOutputChain).
 */
import type { CalicoPolicy } from "../../model/types";
import { ALL_PORTS_SPEC } from "../ports";
import type { NetworkModel } from "../model";
import type { Direction } from "../policies";
import type { PredicateTable } from "../predicates";
import { anyOf, OWN_NODE, type ProgramLayer, type ProgramPolicy } from "../program";
import { adminPolicyPiece, networkPolicyPiece } from "../program-upstream";
import { NAMESPACE_LABEL } from "./labels";
import { calicoAtom, calicoRule, CalicoSelectorError } from "./rules";
import { prefixCalicoSelector, parseCalicoSelector } from "./selector";

interface TierInfo {
  name: string;
  order?: number;
  defaultAction: "Deny" | "Pass";
  valid: boolean;
}

interface Entry {
  piece: ProgramPolicy;
  order?: number;
  /** The tie-break key at equal order. */
  key: string;
}

export const BUILTIN_TIERS: Record<string, { order: number; defaultAction: "Deny" | "Pass" }> = {
  default: { order: 1_000_000, defaultAction: "Deny" },
  adminnetworkpolicy: { order: 1000, defaultAction: "Pass" },
  baselineadminnetworkpolicy: { order: 10_000_000, defaultAction: "Pass" },
  "kube-admin": { order: 1000, defaultAction: "Pass" },
  "kube-baseline": { order: 10_000_000, defaultAction: "Pass" },
};

/** [major, minor] of a version string, or undefined. */
export function calicoMinor(version: string | undefined): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)/.exec(version ?? "");
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

type Minor = [number, number] | undefined;
const cmp = (v: [number, number], major: number, minor: number) => v[0] - major || v[1] - minor;
/** Which admin kinds a Calico version enforces; an unknown version enforces whichever are present. */
export const calicoEnforces = {
  adminNetworkPolicy: (v: Minor) => !v || (cmp(v, 3, 29) >= 0 && cmp(v, 3, 32) < 0),
  baselineAdminNetworkPolicy: (v: Minor) => !v || (cmp(v, 3, 30) >= 0 && cmp(v, 3, 32) < 0),
  clusterNetworkPolicy: (v: Minor) => !v || cmp(v, 3, 32) >= 0,
};

function subjectSelector(p: CalicoPolicy): string {
  if (p.namespace !== undefined) return `(${p.selector}) && ${NAMESPACE_LABEL} == '${p.namespace}'`;
  let text = `(${p.selector})`;
  if (p.namespaceSelector) text = `${text} && ${prefixCalicoSelector(parseOrThrow(p.namespaceSelector, "spec.namespaceSelector"), "pcns.").key}`.replaceAll("all()", `has(${NAMESPACE_LABEL})`);
  if (p.serviceAccountSelector) text = `${text} && ${prefixCalicoSelector(parseOrThrow(p.serviceAccountSelector, "spec.serviceAccountSelector"), "pcsa.").key}`.replaceAll("all()", "has(projectcalico.org/serviceaccount)");
  return text;
}

function parseOrThrow(text: string, field: string) {
  const r = parseCalicoSelector(text);
  if (!r.ok) throw new CalicoSelectorError(`${field}: ${r.error}`);
  return r.selector;
}

/** Calico's NetworkPolicy shares its kind name with Kubernetes': it is named with its group, as kubectl does. */
export function calicoRefKind(kind: CalicoPolicy["kind"]): string {
  return kind === "NetworkPolicy" ? "NetworkPolicy.projectcalico.org" : kind;
}

/** A Calico policy as a program piece, or the reason Calico would refuse it. */
export function calicoPiece(table: PredicateTable, p: CalicoPolicy): ProgramPolicy | { refused: string } {
  try {
    const subject = calicoAtom(table, subjectSelector(p), "spec.selector", p.namespace, true);
    const rules = (dir: Direction) => (p.types.includes(dir === "ingress" ? "Ingress" : "Egress") ? p[dir].map((r, i) => calicoRule(table, p, dir, r, i)) : []);
    return {
      ref: { kind: calicoRefKind(p.kind), ...(p.namespace ? { namespace: p.namespace } : {}), name: p.name, tier: p.tier, ...(p.order !== undefined ? { order: p.order } : {}) },
      subject,
      isolates: { ingress: p.types.includes("Ingress"), egress: p.types.includes("Egress") },
      ingress: rules("ingress"),
      egress: rules("egress"),
    };
  } catch (e) {
    if (e instanceof CalicoSelectorError) return { refused: e.message };
    throw e;
  }
}

/** Whether a Calico policy is enforced on pods at all (staged: never; host-endpoint-only options: not on pods). */
export function calicoEnforcedOnPods(p: CalicoPolicy): boolean {
  return !p.stagedAction && !p.doNotTrack && !p.preDNAT;
}

export function compileCalico(model: NetworkModel, table: PredicateTable, version: string | undefined): ProgramLayer[] {
  const v = calicoMinor(version);
  const modern = v !== undefined && cmp(v, 3, 32) >= 0;
  const tiers = new Map<string, TierInfo>();
  for (const [name, t] of Object.entries(BUILTIN_TIERS)) tiers.set(name, { name, ...t, valid: true });
  for (const t of model.snapshot.calicoTiers ?? []) tiers.set(t.name, { name: t.name, order: t.order, defaultAction: t.defaultAction, valid: true });
  const entries = new Map<string, Entry[]>();
  const add = (tier: string, e: Entry) => {
    if (!tiers.has(tier)) tiers.set(tier, { name: tier, defaultAction: "Deny", valid: false });
    const l = entries.get(tier);
    if (l) l.push(e);
    else entries.set(tier, [e]);
  };
  const tieKey = (name: string, namespace: string | undefined, kind: string, v3name: string) => (modern ? `${name}/${namespace ?? ""}/${kind}` : namespace ? `${namespace}/${v3name}` : v3name);
  for (const np of model.networkPolicies) add("default", { piece: networkPolicyPiece(table, np), order: 1000, key: tieKey(np.name, np.namespace, "KubernetesNetworkPolicy", `knp.default.${np.name}`) });
  for (const p of model.snapshot.calicoPolicies ?? []) {
    if (!calicoEnforcedOnPods(p)) continue;
    const piece = calicoPiece(table, p);
    if ("refused" in piece) continue;
    add(p.tier, { piece, order: p.order, key: tieKey(p.name, p.namespace, p.kind, p.name) });
  }
  for (const ap of model.admin) {
    const cnp = ap.kind === "ClusterNetworkPolicy";
    if (!(cnp ? calicoEnforces.clusterNetworkPolicy(v) : calicoEnforces.adminNetworkPolicy(v))) continue;
    const piece = adminPolicyPiece(table, ap, cnp ? "kube-admin" : "adminnetworkpolicy");
    if (!cnp) for (const dir of ["ingress", "egress"] as const) piece[dir] = piece[dir].map((r, i) => (ap[dir][i].ports.named.length ? { ...r, ports: ALL_PORTS_SPEC, portText: "all ports (Calico reads a namedPort as any port)" } : r));
    add(cnp ? "kube-admin" : "adminnetworkpolicy", { piece, order: ap.priority, key: tieKey(ap.name, undefined, ap.kind, ap.name) });
  }
  for (const ap of model.baseline) {
    const cnp = ap.kind === "ClusterNetworkPolicy";
    if (!(cnp ? calicoEnforces.clusterNetworkPolicy(v) : calicoEnforces.baselineAdminNetworkPolicy(v))) continue;
    add(cnp ? "kube-baseline" : "baselineadminnetworkpolicy", { piece: adminPolicyPiece(table, ap, cnp ? "kube-baseline" : "baselineadminnetworkpolicy"), order: cnp ? ap.priority : 1000, key: tieKey(ap.name, undefined, ap.kind, ap.name) });
  }
  const sortedTiers = [...tiers.values()].filter((t) => entries.has(t.name)).sort(compareTiers);
  const hostToLocal: ProgramLayer = {
    id: "calico-host",
    label: "host → local pods (not policed)",
    defaultAction: "Pass",
    policies: [{ ref: { kind: "Calico", name: "host-to-local-pods", builtin: true }, subject: table.special("all"), isolates: { ingress: false, egress: false }, ingress: [{ action: "Allow", written: "Allow", peer: anyOf([OWN_NODE]), ports: ALL_PORTS_SPEC, path: "felix/rules/static.go", index: 0, peerText: "the pod's own node", portText: "all ports" }], egress: [] }],
  };
  return [hostToLocal, ...sortedTiers.map((t) => ({
    id: `calico-tier:${t.name}`,
    label: `Calico tier ${t.name}${t.order !== undefined ? ` (order ${t.order})` : ""}${t.valid ? "" : " (no such Tier)"}`,
    defaultAction: t.defaultAction,
    policies: entries.get(t.name)!.sort(compareEntries).map((e) => e.piece),
  }))];
}

function compareTiers(a: TierInfo, b: TierInfo): number {
  if (a.valid !== b.valid) return a.valid ? -1 : 1;
  if ((a.order === undefined) !== (b.order === undefined)) return a.order === undefined ? 1 : -1;
  if (a.order !== undefined && b.order !== undefined && a.order !== b.order) return a.order - b.order;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function compareEntries(a: Entry, b: Entry): number {
  const ao = a.order ?? Infinity;
  const bo = b.order ?? Infinity;
  if (ao !== bo) return ao - bo;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
