/**
 * Cilium's L3/L4 semantics as a program (cilium/cilium pkg/k8s/apis/cilium.io/utils/utils.go,
 * pkg/policy/utils RulesToPolicyEntries, pkg/policy/rule.go mergeIngress, and the policy
 * simulator pkg/policy/testutils IteratePolicy):
 * - Two layers: every deny rule (ingressDeny/egressDeny) first — deny beats every allow, across
 *   NetworkPolicy, CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy — then every allow rule.
 * - A pod is default-deny in a direction as soon as a policy selecting it has that section
 *   (ingress or ingressDeny non-empty), unless `enableDefaultDeny` says otherwise; NetworkPolicies
 *   isolate as Kubernetes says. Otherwise it is default-allow (deny rules still apply).
 * - A rule with peers and no ports allows every port; ports and no peers, every peer (world too);
 *   neither (`ingress: [{}]`), nothing — but it still isolates. A peer field written as an empty
 *   list selects nothing.
 * - Peer selectors of a namespaced policy are limited to its namespace unless they name
 *   `io.kubernetes.pod.namespace` or a namespace label; a clusterwide policy's peer selectors match
 *   pods of every namespace (never world or host). The subject selector of a namespaced policy
 *   always means pods of its namespace.
 * - A node always reaches the pods it runs (allow-localhost); deny rules still win.
 */
import type { CiliumPeerRule, CiliumPolicy, CiliumPortRule, CiliumRuleSpec, LabelSelector } from "../../model/types";
import { ConnSet, NONE } from "../connset";
import { ALL_PORTS_SPEC, describePortSpec, type NamedPortRef, type PortSpec } from "../ports";
import type { Direction } from "../policies";
import type { PredicateTable } from "../predicates";
import { anyOf, OTHER_NODES, OWN_NODE, type PeerCondition, type ProgramLayer, type ProgramPolicy, type ProgramRule } from "../program";
import { networkPolicyPiece } from "../program-upstream";
import type { NetworkModel } from "../model";
import { formatSelector } from "../../model/selector";
import { NAMESPACE_LABELS_PREFIX, POD_NAMESPACE_LABEL } from "./identity";

const RESERVED = "reserved:";

const keysOf = (s: LabelSelector) => [...Object.keys(s.matchLabels ?? {}), ...(s.matchExpressions ?? []).map((e) => e.key)];

/** getEndpointSelector: the namespace a peer selector is limited to, as Cilium adds it. */
export function scopePeerSelector(s: LabelSelector, namespace: string | undefined): LabelSelector {
  const keys = keysOf(s);
  if (keys.some((k) => k.startsWith(RESERVED)) || keys.includes(POD_NAMESPACE_LABEL)) return s;
  if (namespace === undefined) return { ...s, matchExpressions: [...(s.matchExpressions ?? []), { key: POD_NAMESPACE_LABEL, operator: "Exists" }] };
  if (keys.some((k) => k.startsWith(NAMESPACE_LABELS_PREFIX))) return s;
  return { ...s, matchLabels: { ...s.matchLabels, [POD_NAMESPACE_LABEL]: namespace } };
}

/** ParseToCiliumRule: a namespaced policy's endpointSelector always selects pods of its namespace. */
export function scopeSubjectSelector(s: LabelSelector, namespace: string | undefined): LabelSelector {
  if (namespace === undefined) return s;
  return { matchLabels: { ...s.matchLabels, [POD_NAMESPACE_LABEL]: namespace }, ...(s.matchExpressions ? { matchExpressions: s.matchExpressions.filter((e) => e.key !== POD_NAMESPACE_LABEL) } : {}) };
}

/** A Cilium selector predicate, with its namespace as an index hint when it pins one. */
function ciliumAtom(table: PredicateTable, s: LabelSelector): number {
  return table.cilium(s, s.matchLabels?.[POD_NAMESPACE_LABEL]);
}

/** Entity → atoms (host and remote-node are relative to the subject's node). */
function entityAtoms(table: PredicateTable, e: string): number[] {
  if (e === "host") return [OWN_NODE];
  if (e === "remote-node") return [OTHER_NODES];
  if (e === "all") return [table.special("all")];
  if (e === "world" || e === "world-ipv4" || e === "world-ipv6" || e === "cluster") return [table.entity(e)];
  return [];
}

/** A selector naming a reserved identity (`reserved:host`) is an entity; mixed with pod labels it selects nothing. */
function endpointAtoms(table: PredicateTable, s: LabelSelector, namespace: string | undefined): number[] {
  const reserved = keysOf(s).filter((k) => k.startsWith(RESERVED));
  if (reserved.length === 0) return [ciliumAtom(table, scopePeerSelector(s, namespace))];
  const only = Object.keys(s.matchLabels ?? {});
  if (reserved.length === 1 && only.length === 1 && !s.matchExpressions?.length) return entityAtoms(table, reserved[0].slice(RESERVED.length));
  return [];
}

const PROTOCOLS = ["TCP", "UDP", "SCTP"] as const;

/** toPorts entries of one PortRule: port "0" or an empty list = every port; ANY = TCP, UDP and SCTP. */
export function ciliumPortSpec(pr: CiliumPortRule): PortSpec {
  if (pr.ports.length === 0) return ALL_PORTS_SPEC;
  let numeric = NONE;
  const named: NamedPortRef[] = [];
  for (const p of pr.ports) {
    const protos = p.protocol === "ANY" ? PROTOCOLS : PROTOCOLS.filter((x) => x === p.protocol);
    if (protos.length === 0) continue;
    if (!/^\d+$/.test(p.port)) {
      if (p.protocol === "ANY") named.push({ name: p.port });
      else named.push({ name: p.port, protocol: protos[0] });
      continue;
    }
    const n = Number(p.port);
    for (const proto of protos) numeric = numeric.union(n === 0 ? ConnSet.protocol(proto) : ConnSet.port(proto, n, p.endPort && p.endPort > n ? p.endPort : n));
  }
  return { numeric, named };
}

interface Peer {
  condition: PeerCondition | null;
  text: string;
  unmodelled?: ProgramRule["unmodelled"];
}

/** The L3 part of a rule; undefined when it selects no peer at all (an explicitly empty list). */
function peerOf(table: PredicateTable, r: CiliumPeerRule, namespace: string | undefined): Peer | undefined {
  const lists = [r.endpoints, r.cidr, r.cidrSet, r.entities, r.nodes].filter((l) => l !== undefined);
  if (lists.some((l) => l!.length === 0)) return undefined;
  const atoms: number[] = [];
  const text: string[] = [];
  let unmodelled: Peer["unmodelled"];
  const add = (a: number[], t: string) => {
    atoms.push(...a);
    text.push(t);
  };
  for (const s of r.endpoints ?? []) add(endpointAtoms(table, s, namespace), `endpoints ${formatSelector(scopePeerSelector(s, namespace))}`);
  for (const c of r.cidr ?? []) add([table.cidr({ cidr: c, except: [] })], c);
  for (const c of r.cidrSet ?? []) {
    if (c.cidr) add([table.cidr({ cidr: c.cidr, except: c.except })], `${c.cidr}${c.except.length ? ` except ${c.except.join(", ")}` : ""}`);
    else {
      unmodelled = { kind: "peer", reason: `CIDR group ${c.group} is not read` };
      text.push(`CIDR group ${c.group}`);
    }
  }
  for (const e of r.entities ?? []) {
    add(entityAtoms(table, e), `entity ${e}`);
    if (e === "kube-apiserver" || e === "ingress") unmodelled = { kind: "peer", reason: `the ${e} entity's addresses are not in the snapshot` };
  }
  for (const n of r.nodes ?? []) add([table.nodes(n)], `nodes ${formatSelector(n)}`);
  const runtime = (what: string, reason: string) => {
    unmodelled = { kind: "peer", reason };
    text.push(what);
  };
  if (r.fqdns?.length) runtime(`FQDNs ${r.fqdns.join(", ")}`, `toFQDNs (${r.fqdns.join(", ")}) are resolved by DNS at run time`);
  if (r.services?.length) runtime("services", "toServices peers are resolved from Service endpoints at run time");
  if (r.groups) runtime("cloud groups", "cloud provider groups are resolved at run time");
  const l3 = lists.length > 0 || !!r.fqdns?.length || !!r.services?.length || !!r.groups;
  if (!l3) return { condition: null, text: "every peer (world included)" };
  return { condition: anyOf(atoms), text: text.join("; or "), ...(unmodelled ? { unmodelled } : {}) };
}

function rulesOf(table: PredicateTable, policy: CiliumPolicy, base: string, list: CiliumPeerRule[] | undefined, dir: Direction, deny: boolean): ProgramRule[] {
  const out: ProgramRule[] = [];
  (list ?? []).forEach((r, index) => {
    const path = `${base}[${index}]`;
    const peer = peerOf(table, r, policy.namespace);
    if (!peer) return;
    const portRules = r.toPorts?.length ? r.toPorts : undefined;
    if (!portRules && peer.condition === null) return; // `{}`: neither peers nor ports — nothing
    const requires = r.requires?.length ? { kind: "match" as const, reason: `${dir === "ingress" ? "fromRequires" : "toRequires"} (deprecated) is not evaluated` } : undefined;
    for (const pr of portRules ?? [undefined]) {
      const ports = pr ? ciliumPortSpec(pr) : ALL_PORTS_SPEC;
      const l7 = pr?.l7?.length ? { kind: "l7" as const, reason: `${pr.l7.join(", ")} rules are enforced by Cilium's L7 proxy after this L4 verdict` } : undefined;
      const auth = r.authentication && r.authentication !== "disabled" ? { kind: "l7" as const, reason: `mutual authentication (${r.authentication}) is required` } : undefined;
      const unmodelled = requires ?? peer.unmodelled ?? l7 ?? auth;
      out.push({
        action: deny ? "Deny" : "Allow",
        written: deny ? "Deny" : "Allow",
        peer: peer.condition,
        ports,
        path,
        index,
        peerText: peer.text,
        portText: pr ? describePortSpec(ports) : "all ports",
        ...(unmodelled ? { unmodelled } : {}),
      });
    }
  });
  return out;
}

function specPieces(table: PredicateTable, p: CiliumPolicy, spec: CiliumRuleSpec): { allow: ProgramPolicy; deny: ProgramPolicy } | undefined {
  if (!spec.endpointSelector) return undefined; // a host policy (nodeSelector): not evaluated
  const subject = ciliumAtom(table, scopeSubjectSelector(spec.endpointSelector, p.namespace));
  const ref = { kind: p.kind, ...(p.namespace ? { namespace: p.namespace } : {}), name: p.name };
  const isolates = {
    ingress: spec.enableDefaultDeny.ingress ?? ((spec.ingress?.length ?? 0) > 0 || (spec.ingressDeny?.length ?? 0) > 0),
    egress: spec.enableDefaultDeny.egress ?? ((spec.egress?.length ?? 0) > 0 || (spec.egressDeny?.length ?? 0) > 0),
  };
  return {
    allow: { ref, subject, isolates, ingress: rulesOf(table, p, `${spec.path}.ingress`, spec.ingress, "ingress", false), egress: rulesOf(table, p, `${spec.path}.egress`, spec.egress, "egress", false) },
    deny: { ref, subject, isolates: { ingress: false, egress: false }, ingress: rulesOf(table, p, `${spec.path}.ingressDeny`, spec.ingressDeny, "ingress", true), egress: rulesOf(table, p, `${spec.path}.egressDeny`, spec.egressDeny, "egress", true) },
  };
}

export function compileCilium(model: NetworkModel, table: PredicateTable): ProgramLayer[] {
  const allow: ProgramPolicy[] = model.networkPolicies.map((np) => networkPolicyPiece(table, np));
  const deny: ProgramPolicy[] = [];
  for (const p of model.snapshot.ciliumPolicies ?? []) {
    if (p.invalid) continue;
    p.specs.forEach((spec) => {
      const pieces = specPieces(table, p, spec);
      if (!pieces) return;
      allow.push(pieces.allow);
      if (pieces.deny.ingress.length || pieces.deny.egress.length) deny.push(pieces.deny);
    });
  }
  allow.push({
    ref: { kind: "Cilium", name: "allow-localhost", builtin: true },
    subject: table.special("all"),
    isolates: { ingress: false, egress: false },
    ingress: [{ action: "Allow", written: "Allow", peer: anyOf([OWN_NODE]), ports: ALL_PORTS_SPEC, path: "allow-localhost", index: 0, peerText: "the pod's own node", portText: "all ports" }],
    egress: [],
  });
  return [
    { id: "cilium-deny", label: "Cilium deny rules", defaultAction: "Pass", policies: deny },
    { id: "cilium-allow", label: "allow rules (NetworkPolicy and Cilium)", defaultAction: "Deny", policies: allow },
  ];
}
