/**
 * The policy program: every policy kind a CNI enforces, compiled into one shape that the reference
 * evaluator (evaluate.ts), the class-based fast path (reachability.ts) and the explainers read.
 *
 * A direction of a connection is decided by walking `layers` in order. In a layer, the policies
 * that select the subject pod take part; their rules are tried in order and, per port, the first
 * rule whose peer and ports match decides: Allow (or Accept) admits, Deny drops, Pass hands the
 * port to the next layer, Log goes on to the next rule. What no rule decided falls to the layer's
 * default — Deny when a selected policy isolates the subject in that direction, else on to the next
 * layer — and what is left after the last layer is allowed. The CNIs are this one walk with
 * different layers:
 * - Kubernetes alone (program-upstream.ts): admin tier (Pass), NetworkPolicy (Deny: isolation),
 *   baseline tier (Pass) — networking/v1 plus policy.networking.k8s.io.
 * - Cilium (cilium/compile.ts): deny rules of every policy (Pass), then the allow rules of
 *   NetworkPolicies and Cilium policies (Deny when any of them isolates) — deny beats allow.
 * - Calico (calico/compile.ts): its tiers in order, each with its policies in order and its own
 *   default action; NetworkPolicies live in the default tier at order 1000.
 */
import type { Direction } from "./policies";
import type { PredicateTable } from "./predicates";
import type { PortSpec } from "./ports";

export type ProgramAction = "Allow" | "Deny" | "Pass" | "Log";

/**
 * Atoms of a peer condition: predicate ids, or (negative) ends relative to the subject pod —
 * Cilium's `host` entity is the subject's own node, `remote-node` every other node.
 */
export const OWN_NODE = -1;
export const OTHER_NODES = -2;

/**
 * A condition on one end: every `allOf` group must have a matching atom (a group is an OR), and no
 * `noneOf` atom may match. `allOf: []` matches every end (then only `noneOf` restricts).
 */
export interface PeerCondition {
  allOf: number[][];
  noneOf: number[];
}

/** Where a rule came from, for explanations: `CiliumNetworkPolicy shop/db spec.ingressDeny[0]`. */
export interface ProgramPolicyRef {
  kind: string;
  /** A behaviour of the CNI itself (a node reaching its own pods), not an object of the cluster. */
  builtin?: boolean;
  namespace?: string;
  name: string;
  /** Calico tier, ClusterNetworkPolicy tier, or the admin tiers' names. */
  tier?: string;
  /** Calico order, admin priority. */
  order?: number;
}

export interface ProgramRule {
  action: ProgramAction;
  /** The action as the policy writes it (Accept, Allow, Deny, ...). */
  written: string;
  /** null: every peer. */
  peer: PeerCondition | null;
  /** Conditions on the subject itself (Calico: `destination` of an ingress rule, `source` of an egress rule). */
  self?: PeerCondition;
  ports: PortSpec;
  /** `spec.ingress[2]`, `specs[1].egressDeny[0]` */
  path: string;
  index: number;
  name?: string;
  /** Readable peers and ports, for explanations. */
  peerText: string;
  portText: string;
  /**
   * What this engine does not evaluate about the rule. `peer`: it may also match peers we cannot see
   * (DNS names, services, CIDR groups) — outside addresses only; `l7`: what it admits is then
   * filtered by an L7 proxy; `match`: whether it matches at all is unknown (ICMP types, source ports).
   */
  unmodelled?: { kind: "peer" | "l7" | "match"; reason: string };
}

export interface ProgramPolicy {
  ref: ProgramPolicyRef;
  /** Predicate id of the pods it selects. */
  subject: number;
  /** Whether selecting a pod makes this layer decide its traffic in that direction (default Deny). */
  isolates: Record<Direction, boolean>;
  ingress: ProgramRule[];
  egress: ProgramRule[];
}

export interface ProgramLayer {
  id: string;
  /** "Calico tier security (order 100)", "Cilium deny rules", "NetworkPolicy". */
  label: string;
  defaultAction: "Deny" | "Pass";
  policies: ProgramPolicy[];
}

export interface Program {
  table: PredicateTable;
  layers: ProgramLayer[];
  /** The CNI enforces no policy at all: every connection is allowed whatever the policies say. */
  unenforced: boolean;
  /** Some rule uses OWN_NODE / OTHER_NODES atoms: classes must be split by node. */
  nodeRelative: boolean;
  /** Every pod (host-networked ones included): for policies that select all of them. */
  everyPod: number;
}

export const EMPTY_CONDITION: PeerCondition = { allOf: [], noneOf: [] };

/** A condition of one OR-group of atoms. */
export const anyOf = (atoms: number[]): PeerCondition => ({ allOf: [atoms], noneOf: [] });

export function conditionAtoms(c: PeerCondition | null | undefined): number[] {
  return c ? [...c.allOf.flat(), ...c.noneOf] : [];
}

export function isRelative(c: PeerCondition | null | undefined): boolean {
  return !!c && (c.allOf.some((g) => g.some((a) => a < 0)) || c.noneOf.some((a) => a < 0));
}

type RuleAt = { layer: ProgramLayer; policy: ProgramPolicy; dir: Direction; rule: ProgramRule };
/** Listed once per program (its layers are never changed once compiled; a watched source keeps a program across Pod events). */
const rulesOf = new WeakMap<Program, readonly RuleAt[]>();

/** Every rule of a program, with its layer and policy. */
export function programRules(program: Program): readonly RuleAt[] {
  let rules = rulesOf.get(program);
  if (!rules) {
    const list: RuleAt[] = [];
    for (const layer of program.layers) for (const policy of layer.policies) for (const dir of ["ingress", "egress"] as const) for (const rule of policy[dir]) list.push({ layer, policy, dir, rule });
    rulesOf.set(program, (rules = list));
  }
  return rules;
}
