/**
 * One Calico rule as a program rule (projectcalico/calico libcalico-go
 * lib/backend/syncersv1/updateprocessors/rules.go RuleAPIV3ToBackend and getEndpointSelector;
 * validator/v3 validateRule; felix/calc/rule_scanner.go):
 * - The peer is the rule's `source` for ingress and `destination` for egress; the other side is the
 *   subject pod itself, so its criteria become conditions on the subject.
 * - All criteria present are ANDed; `nets` is an OR of CIDRs, `notNets`/`notSelector` exclude.
 * - In a namespaced policy, a `selector`, `serviceAccounts`, `notSelector` or `namespaceSelector`
 *   limits the peer to the policy's namespace (or to the namespaces `namespaceSelector` picks):
 *   the positive selector becomes `(namespace) && (selector)` — so such a rule never matches an
 *   outside address. A rule with none of them matches every address its nets allow.
 * - A selector matches workload endpoints (pods) and network sets, by IP.
 * - `protocol` limits the rule to that protocol; ports need TCP, UDP or SCTP; `notPorts` and
 *   `notProtocol` take away; a named port resolves on the destination pod for the rule's protocol.
 */
import type { CalicoEntityRule, CalicoPolicy, CalicoRule } from "../../model/types";
import { ALL, ConnSet, NONE } from "../connset";
import { EMPTY_INTERVALS, union, type Intervals } from "../intervals";
import { blockIntervals4 } from "../ip";
import { describePortSpec, type NamedPortRef, type PortSpec } from "../ports";
import type { Direction } from "../policies";
import type { PredicateTable } from "../predicates";
import type { PeerCondition, ProgramAction, ProgramRule } from "../program";
import { NAMESPACE_LABEL, SERVICE_ACCOUNT_LABEL } from "./labels";
import { matchesCalico, parseCalicoSelector, prefixCalicoSelector } from "./selector";

/** A selector that does not parse: the policy is then refused (Calico's validation would refuse it). */
export class CalicoSelectorError extends Error {}

function parse(text: string, field: string) {
  const r = parseCalicoSelector(text);
  if (!r.ok) throw new CalicoSelectorError(`${field}: ${r.error}`);
  return r.selector;
}

/** Interns a Calico selector expression as a predicate; the canonical text identifies it. `namespace`: it only matches there. */
export function calicoAtom(table: PredicateTable, text: string, field: string, namespace?: string, endpointsOnly = false): number {
  const sel = parse(text, field);
  return table.calico(sel.key, sel.key, (labels) => matchesCalico(sel, labels), namespace, endpointsOnly);
}

/** `pcns.`-prefixed namespace selector with Calico's textual all()/global() rewrite (rules.go getEndpointSelector). */
export function namespaceSelectorText(text: string, field: string): string {
  return prefixCalicoSelector(parse(text, field), "pcns.").key.replaceAll("all()", `has(${NAMESPACE_LABEL})`).replaceAll("global()", `!has(${NAMESPACE_LABEL})`);
}

const quote = (v: string) => `'${v}'`;

/** The positive selector of one side of a rule, as text, or undefined when the side has none. */
function positiveSelector(e: CalicoEntityRule, policy: CalicoPolicy, field: string): string | undefined {
  const namespaced = policy.namespace !== undefined;
  const nsSel = e.namespaceSelector ? namespaceSelectorText(e.namespaceSelector, `${field}.namespaceSelector`) : namespaced ? `${NAMESPACE_LABEL} == ${quote(policy.namespace!)}` : "";
  const parts: string[] = [];
  if (e.serviceAccounts?.selector) parts.push(prefixCalicoSelector(parse(e.serviceAccounts.selector, `${field}.serviceAccounts.selector`), "pcsa.").key);
  if (e.serviceAccounts?.names?.length) parts.push(`${SERVICE_ACCOUNT_LABEL} in { ${e.serviceAccounts.names.map(quote).join(", ")} }`);
  if (e.selector) parts.push(parse(e.selector, `${field}.selector`).key);
  const sel = parts.map((p) => `(${p})`).join(" && ");
  if (nsSel && (sel || e.notSelector || e.namespaceSelector)) return sel ? `(${nsSel}) && ${sel}` : nsSel;
  return sel || undefined;
}

function netsAtom(table: PredicateTable, nets: string[]): number {
  const v4 = nets.filter((c) => !c.includes(":")).reduce<Intervals>((acc, c) => union(acc, blockIntervals4({ cidr: c.includes("/") ? c : `${c}/32`, except: [] })), EMPTY_INTERVALS);
  return table.networks(nets, v4);
}

/** One side of a rule as a condition (null: no criteria on this side). */
export function sideCondition(table: PredicateTable, e: CalicoEntityRule, policy: CalicoPolicy, field: string): PeerCondition | null {
  const allOf: number[][] = [];
  const noneOf: number[] = [];
  if (e.nets?.length) allOf.push([netsAtom(table, e.nets)]);
  const pos = positiveSelector(e, policy, field);
  if (pos) allOf.push([calicoAtom(table, pos, field, policy.namespace !== undefined && !e.namespaceSelector ? policy.namespace : undefined)]);
  if (e.notNets?.length) noneOf.push(netsAtom(table, e.notNets));
  if (e.notSelector) noneOf.push(calicoAtom(table, e.notSelector, `${field}.notSelector`));
  return allOf.length || noneOf.length ? { allOf, noneOf } : null;
}

const PROTOCOL_NUMBERS: Record<string, "TCP" | "UDP" | "SCTP"> = { "6": "TCP", "17": "UDP", "132": "SCTP", TCP: "TCP", UDP: "UDP", SCTP: "SCTP" };

/** The connection-set protocol a Calico protocol value names; null for ICMP, UDPLite and the rest (no TCP/UDP/SCTP traffic). */
function protocolOf(p: string | number): "TCP" | "UDP" | "SCTP" | null {
  return PROTOCOL_NUMBERS[String(p).toUpperCase()] ?? null;
}

function portEntries(list: (number | string)[], protocol: "TCP" | "UDP" | "SCTP" | undefined): { numeric: ConnSet; named: NamedPortRef[] } {
  let numeric = NONE;
  const named: NamedPortRef[] = [];
  for (const p of list) {
    const m = typeof p === "number" ? [String(p), String(p), String(p)] : /^(\d+)(?::(\d+))?$/.exec(p);
    if (m) {
      const lo = Number(m[1]);
      const hi = Number(m[2] ?? m[1]);
      for (const proto of protocol ? [protocol] : (["TCP", "UDP", "SCTP"] as const)) numeric = numeric.union(ConnSet.port(proto, lo, hi));
    } else named.push({ name: String(p), ...(protocol ? { protocol } : {}) });
  }
  return { numeric, named };
}

/** Protocol, ports and their negations as one port spec on the destination port. */
export function calicoPortSpec(rule: CalicoRule): PortSpec {
  const proto = rule.protocol !== undefined ? protocolOf(rule.protocol) : undefined;
  if (proto === null) return { numeric: NONE, named: [] };
  let within = proto ? ConnSet.protocol(proto) : ALL;
  if (rule.notProtocol !== undefined) {
    const np = protocolOf(rule.notProtocol);
    if (np) within = within.subtract(ConnSet.protocol(np));
  }
  const ports = rule.destination.ports;
  const notPorts = rule.destination.notPorts;
  const base = ports?.length ? portEntries(ports, proto) : { numeric: within, named: [] };
  const spec: PortSpec = { numeric: base.numeric.intersect(within), named: base.named };
  const out: PortSpec = ports?.length && !within.isAll ? { ...spec, within } : spec;
  if (notPorts?.length) return { ...out, not: portEntries(notPorts, proto) };
  return out;
}

/** A Calico rule for direction `dir` of `policy`, or a refusal when a selector does not parse. */
export function calicoRule(table: PredicateTable, policy: CalicoPolicy, dir: Direction, rule: CalicoRule, index: number): ProgramRule {
  const path = `spec.${dir}[${index}]`;
  const peerSide = dir === "ingress" ? rule.source : rule.destination;
  const selfSide = dir === "ingress" ? rule.destination : rule.source;
  const peer = sideCondition(table, { ...peerSide, ports: undefined, notPorts: undefined }, policy, `${path}.${dir === "ingress" ? "source" : "destination"}`);
  const self = sideCondition(table, { ...selfSide, ports: undefined, notPorts: undefined }, policy, `${path}.${dir === "ingress" ? "destination" : "source"}`);
  const ports = calicoPortSpec(rule);
  const unmodelled = rule.http
    ? { kind: "l7" as const, reason: "http match (application layer policy) is enforced by Envoy/Dikastes, not by the L3/L4 data plane" }
    : rule.source.ports?.length || rule.source.notPorts?.length
      ? { kind: "match" as const, reason: "source ports are not modelled" }
      : peerSide.services || selfSide.services
        ? { kind: "peer" as const, reason: "Service matches are not evaluated" }
        : rule.ipVersion === 6
          ? { kind: "match" as const, reason: "the rule matches IPv6 only" }
          : undefined;
  const neverMatches = !!(rule.source.ports?.length || rule.source.notPorts?.length) || rule.ipVersion === 6 || !!peerSide.services || !!selfSide.services;
  const describeSide = (e: CalicoEntityRule) =>
    [e.selector && `selector ${e.selector}`, e.namespaceSelector && `namespaceSelector ${e.namespaceSelector}`, e.serviceAccounts && "service accounts", e.nets && `nets ${e.nets.join(", ")}`, e.notSelector && `not ${e.notSelector}`, e.notNets && `not nets ${e.notNets.join(", ")}`]
      .filter(Boolean)
      .join(", ");
  return {
    action: rule.action as ProgramAction,
    written: rule.action,
    peer: neverMatches ? { allOf: [[]], noneOf: [] } : peer,
    ...(self ? { self } : {}),
    ports,
    path,
    index,
    ...(rule.name ? { name: rule.name } : {}),
    peerText: describeSide(peerSide) || (peerSide.nets === undefined && policy.namespace === undefined ? "every peer" : "every peer"),
    portText: describePortSpec(ports),
    ...(unmodelled ? { unmodelled } : {}),
  };
}
