/**
 * ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2), validated as its CRD would
 * (kubernetes-sigs/network-policy-api apis/v1alpha2/clusternetworkpolicy_types.go): tier
 * Admin|Baseline, priority 0–1000, at most 25 rules per direction, 1–25 peers per rule with exactly
 * one field each, 1–25 `protocols`, egress-only `networks` / `nodes` / `domainNames`, `domainNames`
 * only in Accept rules, no `destinationNamedPort` towards networks / nodes / domainNames.
 */
import { cidrProblem } from "../cidr";
import type * as R from "../raw";
import { ClusterNetworkPolicyS } from "../raw";
import type * as T from "../types";
import { fail, meta, parse, selector, warn } from "./common";
import { anpSubject, IANA_SVC_NAME } from "./network";

const MAX_ITEMS = 25;
const TIERS: readonly T.CNPTier[] = ["Admin", "Baseline"];
const ACTIONS: readonly T.CNPAction[] = ["Accept", "Deny", "Pass"];
const PEER_FIELDS = ["namespaces", "pods", "networks", "nodes", "domainNames"] as const;
const PROTOCOL_FIELDS = ["tcp", "udp", "sctp", "destinationNamedPort"] as const;
const TRANSPORTS = { tcp: "TCP", udp: "UDP", sctp: "SCTP" } as const;
/** The CRD's DomainName pattern: exact names, or `*.` followed by a name. */
const DOMAIN_NAME = /^(\*\.)?([a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.)+[a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.?$/;

const isSet = (v: unknown) => v !== null && v !== undefined;

function listSize(list: readonly unknown[], where: string, what: string): void {
  if (list.length === 0) fail(`${where}: must list at least one ${what}`);
  if (list.length > MAX_ITEMS) fail(`${where}: ${list.length} ${what}s; at most ${MAX_ITEMS} are allowed`);
}

function cnpPeer(p: R.RawCNPPeer, where: string, egress: boolean, action: T.CNPAction): T.CNPPeer {
  const known = PEER_FIELDS.filter((f) => isSet(p[f]));
  if (known.length === 0) {
    const unknown = Object.keys(p).filter((k) => isSet(p[k]));
    if (unknown.length === 0) fail(`${where}: exactly one of namespaces, pods${egress ? ", networks, nodes or domainNames" : ""} must be set`);
    const effect = action === "Accept" ? "this Accept rule matches no traffic" : `this ${action} rule is treated as denying all traffic`;
    warn(`${where}: no field this version knows (${unknown.join(", ")}), probably from a newer CRD; as the API requires, it fails closed: ${effect}`);
    return { unknownFields: unknown };
  }
  if (known.length > 1) fail(`${where}: exactly one of namespaces, pods${egress ? ", networks, nodes or domainNames" : ""} must be set (found ${known.join(", ")})`);
  const field = known[0];
  if (!egress && (field === "networks" || field === "nodes" || field === "domainNames")) fail(`${where}.${field}: only allowed in egress rules (ingress peers are namespaces or pods)`);
  if (field === "namespaces") return { namespaces: selector(p.namespaces, `${where}.namespaces`) };
  if (field === "pods") {
    return {
      pods: {
        namespaceSelector: selector(p.pods!.namespaceSelector, `${where}.pods.namespaceSelector`),
        podSelector: selector(p.pods!.podSelector, `${where}.pods.podSelector`),
      },
    };
  }
  if (field === "nodes") return { nodes: selector(p.nodes, `${where}.nodes`) };
  if (field === "networks") {
    listSize(p.networks!, `${where}.networks`, "CIDR");
    p.networks!.forEach((c, i) => {
      const problem = cidrProblem(c);
      if (problem) fail(`${where}.networks[${i}]: ${problem}`);
    });
    return { networks: [...new Set(p.networks!)] };
  }
  if (action !== "Accept") fail(`${where}.domainNames: only allowed in Accept rules (this rule is ${action})`);
  listSize(p.domainNames!, `${where}.domainNames`, "domain name");
  p.domainNames!.forEach((d, i) => {
    if (!DOMAIN_NAME.test(d)) fail(`${where}.domainNames[${i}]: "${d}" is not a domain name (exact, or "*." followed by a name)`);
  });
  return { domainNames: [...new Set(p.domainNames!)] };
}

function destinationPort(port: NonNullable<NonNullable<R.RawCNPProtocol["tcp"]>["destinationPort"]>, where: string): NonNullable<T.CNPProtocol["destinationPort"]> {
  if (isSet(port.number) === isSet(port.range)) fail(`${where}: exactly one of number or range must be set`);
  const valid = (n: number) => n >= 1 && n <= 65535;
  if (isSet(port.number)) {
    if (!valid(port.number!)) fail(`${where}.number: ${port.number} is not a valid port (1-65535)`);
    return { number: port.number! };
  }
  const { start, end } = port.range!;
  if (!valid(start) || !valid(end)) fail(`${where}.range: ${start}-${end} is not a valid range (ports are 1-65535)`);
  if (start >= end) fail(`${where}.range: start (${start}) must be less than end (${end})`);
  return { range: { start, end } };
}

function cnpProtocol(p: R.RawCNPProtocol, where: string): T.CNPProtocol {
  const known = PROTOCOL_FIELDS.filter((f) => isSet(p[f]));
  const unknown = Object.keys(p).filter((k) => isSet(p[k]) && !(PROTOCOL_FIELDS as readonly string[]).includes(k));
  if (known.length !== 1) {
    const found = [...known, ...unknown];
    fail(`${where}: exactly one of tcp, udp, sctp or destinationNamedPort must be set${found.length ? ` (found ${found.join(", ")})` : ""}`);
  }
  const field = known[0];
  if (field === "destinationNamedPort") {
    const name = p.destinationNamedPort!;
    if (!IANA_SVC_NAME.test(name)) fail(`${where}.destinationNamedPort: "${name}" is not a valid port name (lowercase letters, digits and '-', at most 15 characters)`);
    return { destinationNamedPort: name };
  }
  const port = p[field]!.destinationPort;
  if (!isSet(port)) fail(`${where}.${field}.destinationPort: required (the API rejects an empty ${field}; for every ${TRANSPORTS[field]} port use range 1-65535)`);
  return { protocol: TRANSPORTS[field], destinationPort: destinationPort(port!, `${where}.${field}.destinationPort`) };
}

function cnpRules(rules: R.RawCNPRule[] | null | undefined, dir: "ingress" | "egress"): T.CNPRule[] {
  const list = rules ?? [];
  if (list.length > MAX_ITEMS) fail(`spec.${dir}: ${list.length} rules; at most ${MAX_ITEMS} are allowed per direction`);
  const peerKey = dir === "ingress" ? "from" : "to";
  return list.map((r, i) => {
    const where = `spec.${dir}[${i}]`;
    if (isSet(r.name) && r.name!.length > 100) fail(`${where}.name: ${r.name!.length} characters; at most 100 are allowed`);
    if (!isSet(r.action)) fail(`${where}.action: required (Accept, Deny or Pass)`);
    const action = r.action as T.CNPAction;
    if (!ACTIONS.includes(action)) {
      const hint = r.action === "Allow" ? ` ("Allow" is the v1alpha1 word; v1alpha2 says Accept)` : "";
      fail(`${where}.action: must be Accept, Deny or Pass (got "${r.action}")${hint}`);
    }
    const peersRaw = r[peerKey];
    if (!peersRaw) fail(`${where}.${peerKey}: required; list at least one peer`);
    listSize(peersRaw, `${where}.${peerKey}`, "peer");
    const peers = peersRaw.map((p, j) => cnpPeer(p, `${where}.${peerKey}[${j}]`, dir === "egress", action));
    let protocols: T.CNPProtocol[] | undefined;
    if (isSet(r.protocols)) {
      listSize(r.protocols!, `${where}.protocols`, "protocol");
      protocols = r.protocols!.map((p, j) => cnpProtocol(p, `${where}.protocols[${j}]`));
      const addressed = peers.find((p) => p.networks || p.nodes || p.domainNames);
      if (addressed && protocols.some((p) => p.destinationNamedPort)) {
        fail(`${where}.protocols: destinationNamedPort cannot be used with networks, nodes or domainNames peers (they have no named ports)`);
      }
    }
    return { ...(isSet(r.name) && r.name !== "" ? { name: r.name! } : {}), action, peers, ...(protocols ? { protocols } : {}) };
  });
}

/** A ClusterNetworkPolicy as the API server would accept it, or a failure naming the field. */
export function clusterNetworkPolicy(raw: unknown): T.ClusterNetworkPolicy {
  const c = parse(ClusterNetworkPolicyS, raw);
  const spec = c.spec;
  if (!isSet(spec.tier)) fail(`spec.tier: required (Admin or Baseline)`);
  if (!TIERS.includes(spec.tier as T.CNPTier)) fail(`spec.tier: must be Admin or Baseline (got "${spec.tier}")`);
  if (!isSet(spec.priority)) fail(`spec.priority: required (0-1000, lower first)`);
  if (spec.priority! < 0 || spec.priority! > 1000) fail(`spec.priority: ${spec.priority} is out of range (0-1000)`);
  if (!spec.subject) fail(`spec.subject: required (namespaces or pods)`);
  return {
    ...meta(c.metadata, false),
    tier: spec.tier as T.CNPTier,
    priority: spec.priority!,
    subject: anpSubject(spec.subject, "spec.subject"),
    ingress: cnpRules(spec.ingress as R.RawCNPRule[] | null | undefined, "ingress"),
    egress: cnpRules(spec.egress as R.RawCNPRule[] | null | undefined, "egress"),
  };
}
