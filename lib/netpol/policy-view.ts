/**
 * Policies as a reader sees them: which pods each selects, which directions it isolates, and each
 * rule in words ("from pods app=web in namespace shop; TCP 8080"). Identified by one id string,
 * `NetworkPolicy/ns/name`, `AdminNetworkPolicy/name` or `BaselineAdminNetworkPolicy/name` — the
 * form network findings put in their `policy` focus parameter.
 */
import { ClearanceError } from "../errors";
import { formatSelector, isEmptySelector } from "../model/selector";
import type { Pod } from "../model/types";
import { describeAdminPeer, describeAdminSubject, describeNpPeer, describePorts } from "./describe";
import type { NetworkModel } from "./model";
import { adminSubjectMatches, npSelects } from "./peers";
import type { AdminAction, AdminKind, AdminPolicy, CompiledNetworkPolicy, Direction } from "./policies";
import { policyId } from "./policy-id";
import { cniPolicyDetail, cniPolicyRows } from "./policy-view-cni";
import { podsIn } from "./services";

export type PolicyKind = "NetworkPolicy" | AdminKind | (string & {});

export interface PolicyRef {
  id: string;
  kind: PolicyKind;
  namespace?: string;
  name: string;
}

export interface PolicyRow extends PolicyRef {
  /** The pods it applies to, in words. */
  selects: string;
  /** Directions it has rules for (NetworkPolicy: its effective policyTypes, which isolate even with no rule). */
  directions: Direction[];
  rules: number;
  /** Pods it selects (host-networked ones excluded: policy does not apply to them). */
  pods: number;
  priority?: number;
}

export interface RuleView {
  index: number;
  /** `spec.ingress[0]` */
  path: string;
  name?: string;
  action?: AdminAction;
  /** One line per peer; empty for "anyone". */
  peers: string[];
  ports: string;
}

export interface PolicyDetail extends PolicyRow {
  /** Undefined: the policy does not cover that direction. */
  ingress?: RuleView[];
  egress?: RuleView[];
  selectedPods: { namespace: string; name: string; workload: string }[];
  /** How many selected pods were left out of `selectedPods`. */
  moreSelected: number;
  notes: string[];
}

export { policyId };

const npRef = (np: CompiledNetworkPolicy): PolicyRef => ({ id: policyId("NetworkPolicy", np.name, np.namespace), kind: "NetworkPolicy", namespace: np.namespace, name: np.name });
const adminRef = (ap: AdminPolicy): PolicyRef => ({ id: policyId(ap.kind, ap.name), kind: ap.kind, name: ap.name });

function npSelected(model: NetworkModel, np: CompiledNetworkPolicy): { pods: Pod[]; hostNetwork: number } {
  const inNs = podsIn(model, np.namespace).filter((p) => npSelects(np, p));
  const pods = inNs.filter((p) => !p.spec.hostNetwork);
  return { pods, hostNetwork: inNs.length - pods.length };
}

function npRow(model: NetworkModel, np: CompiledNetworkPolicy): PolicyRow {
  const directions = (["ingress", "egress"] as const).filter((d) => np[d] !== undefined);
  const sel = isEmptySelector(np.podSelector) ? `every pod in namespace ${np.namespace}` : `pods ${formatSelector(np.podSelector)} in namespace ${np.namespace}`;
  return { ...npRef(np), selects: sel, directions, rules: directions.reduce((s, d) => s + np[d]!.length, 0), pods: npSelected(model, np).pods.length };
}

function adminRow(model: NetworkModel, ap: AdminPolicy): PolicyRow {
  const directions = (["ingress", "egress"] as const).filter((d) => ap[d].length > 0);
  return {
    ...adminRef(ap),
    selects: describeAdminSubject(ap.subject),
    directions,
    rules: ap.ingress.length + ap.egress.length,
    pods: model.pods.filter((p) => adminSubjectMatches(model, ap.subject, p)).length,
    ...(ap.kind !== "BaselineAdminNetworkPolicy" ? { priority: ap.priority } : {}),
  };
}

/** Every policy of the model: admin policies in evaluation order, then NetworkPolicies by namespace and name. */
export function policyList(model: NetworkModel): PolicyRow[] {
  const nps = [...model.networkPolicies].sort((a, b) => (a.namespace === b.namespace ? (a.name < b.name ? -1 : 1) : a.namespace < b.namespace ? -1 : 1));
  return [...model.admin.map((ap) => adminRow(model, ap)), ...nps.map((np) => npRow(model, np)), ...model.baseline.map((ap) => adminRow(model, ap)), ...cniPolicyRows(model)];
}

const ADMIN_KINDS = new Set<string>(["AdminNetworkPolicy", "BaselineAdminNetworkPolicy", "ClusterNetworkPolicy"]);

function parseId(id: string): { kind: PolicyKind; namespace?: string; name: string } {
  const parts = id.split("/");
  const kind = parts[0] as PolicyKind;
  if (kind === "NetworkPolicy" && parts.length === 3) return { kind, namespace: parts[1], name: parts[2] };
  if (kind !== "NetworkPolicy" && ADMIN_KINDS.has(kind) && parts.length === 2) return { kind, name: parts[1] };
  if (CNI_KINDS.test(kind) && (parts.length === 2 || parts.length === 3)) return parts.length === 3 ? { kind, namespace: parts[1], name: parts[2] } : { kind, name: parts[1] };
  throw new ClearanceError("bad_request", `"${id}" is not a policy id (NetworkPolicy/NAMESPACE/NAME, or AdminNetworkPolicy/NAME, BaselineAdminNetworkPolicy/NAME, ClusterNetworkPolicy/NAME, or a Cilium or Calico kind)`);
}

const CNI_KINDS = /^(Cilium(Clusterwide)?NetworkPolicy|GlobalNetworkPolicy|Staged(Global|Kubernetes)?NetworkPolicy|NetworkPolicy\.projectcalico\.org)$/;

const LIMIT = 200;

function selectedList(pods: Pod[]): Pick<PolicyDetail, "selectedPods" | "moreSelected"> {
  return {
    selectedPods: pods.slice(0, LIMIT).map((p) => ({ namespace: p.namespace, name: p.name, workload: `${p.owner.kind}/${p.owner.name}` })),
    moreSelected: Math.max(0, pods.length - LIMIT),
  };
}

/**
 * One policy in full. NetworkPolicy: a direction in policyTypes isolates the selected pods even
 * with no rule (networking/v1), so `ingress: []` reads "denies all ingress"; rules without peers
 * admit anyone, rules without ports every port. Admin rules keep their name and action.
 */
export function policyDetail(model: NetworkModel, id: string): PolicyDetail {
  const ref = parseId(id);
  const cni = cniPolicyDetail(model, ref);
  if (cni) return cni;
  if (ref.kind === "NetworkPolicy") {
    const np = model.networkPolicies.find((p) => p.namespace === ref.namespace && p.name === ref.name);
    if (!np) throw new ClearanceError("not_found", `no NetworkPolicy ${ref.namespace}/${ref.name} in this snapshot`);
    const { pods, hostNetwork } = npSelected(model, np);
    const notes: string[] = [];
    if (pods.length === 0) notes.push("selects no pod: it has no effect (check the podSelector's labels)");
    if (hostNetwork) notes.push(`also matches ${hostNetwork} host-networked pod${hostNetwork === 1 ? "" : "s"}, on which no CNI enforces NetworkPolicy`);
    const rules = (d: Direction) =>
      np[d]?.map((r): RuleView => ({ index: r.index, path: `spec.${d}[${r.index}]`, peers: r.peers.map(describeNpPeer), ports: describePorts(r.ports) }));
    for (const d of ["ingress", "egress"] as const) if (np[d]?.length === 0) notes.push(`isolates ${d} with no rule: denies all ${d} of the selected pods not allowed by another policy`);
    return { ...npRow(model, np), ...(np.ingress ? { ingress: rules("ingress") } : {}), ...(np.egress ? { egress: rules("egress") } : {}), ...selectedList(pods), notes };
  }
  const ap = [...model.admin, ...model.baseline].find((p) => p.kind === ref.kind && p.name === ref.name);
  if (!ap) throw new ClearanceError("not_found", `no ${ref.kind} ${ref.name} in this snapshot`);
  const pods = model.pods.filter((p) => adminSubjectMatches(model, ap.subject, p));
  const rules = (d: Direction) => ap[d].map((r): RuleView => ({ index: r.index, path: `spec.${d}[${r.index}]`, name: r.name, action: r.action, peers: r.peers.map(describeAdminPeer), ports: describePorts(r.ports) }));
  const notes = [
    ap.tier === "admin"
      ? `evaluated before every NetworkPolicy, lower priority first; Allow and Deny are final, Pass hands the decision to NetworkPolicy`
      : "evaluated after NetworkPolicy, only for pods no NetworkPolicy isolates in that direction",
  ];
  if (pods.length === 0) notes.push("its subject matches no pod");
  // an admin policy without rules for a direction has no say over it (unlike a NetworkPolicy's policyTypes)
  return { ...adminRow(model, ap), ...(ap.ingress.length ? { ingress: rules("ingress") } : {}), ...(ap.egress.length ? { egress: rules("egress") } : {}), ...selectedList(pods), notes };
}

/** protection.ts's guard names (`NetworkPolicy ns/name`, `AdminNetworkPolicy name`) as references. */
export function refsFromGuards(names: readonly string[]): PolicyRef[] {
  return names.map((n) => {
    const [kind, rest] = [n.slice(0, n.indexOf(" ")), n.slice(n.indexOf(" ") + 1)] as [PolicyKind, string];
    const [a, b] = rest.split("/");
    return b ? { id: policyId(kind, b, a), kind, namespace: a, name: b } : { id: policyId(kind, a), kind, name: a };
  });
}
