/**
 * CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (cilium.io/v2), reshaped and validated as
 * the Cilium agent validates them before import (cilium/cilium pkg/policy/api/rule_validation.go:
 * Rule.Validate, IngressCommonRule.Validate, EgressRule.Validate, PortRule.Validate, CIDRRule.Validate).
 * A policy the agent would reject is kept, marked `invalid` with the agent's reason: it is shown,
 * reported, and not enforced. Malformed YAML (wrong types) is an error like for any other kind.
 */
import { cidrProblem, isIP } from "../cidr";
import * as R from "../raw";
import type { LabelSelector, LabelSelectorRequirement, SelectorOperator } from "../selector";
import { labelKeyProblem, labelValueProblem } from "../selector";
import type * as T from "../types";
import { meta, parse, stringMap, warn } from "./common";

/** Entities Cilium knows (pkg/policy/api/entity.go and the CRD's enum). */
export const CILIUM_ENTITIES = new Set(["all", "world", "world-ipv4", "world-ipv6", "cluster", "host", "init", "ingress", "unmanaged", "remote-node", "health", "none", "kube-apiserver"]);

/** Protocols ParseL4Proto accepts; only TCP, UDP, SCTP and ANY carry ports a connection set models. */
const PROTOCOLS = new Set(["TCP", "UDP", "SCTP", "ANY", "ICMP", "ICMPV6", "VRRP", "IGMP", "GRE", "IPIP", "IPV6", "ESP", "AH"]);
const MAX_PORTS = 40;
/** IANA service name (iana.IsSvcName): 1–15 chars, letters, digits and inner hyphens, at least one letter. */
const SVC_NAME = /^(?=.*[a-zA-Z])[a-zA-Z0-9]([a-zA-Z0-9-]{0,13}[a-zA-Z0-9])?$/;

/** Label sources Cilium understands; `k8s` and `any` both match a pod's Kubernetes labels. */
const SOURCES = new Set(["k8s", "any", "reserved", "unspec", "container", "cidr", "fqdn", "cni", "cidrgroup", "node"]);

class Rejected extends Error {}
const reject = (message: string): never => {
  throw new Rejected(message);
};

/**
 * A selector key as Cilium reads it: `k8s:app`, `any:app` and `app` all mean the pod label `app`;
 * `reserved:host` stays as written (it selects a reserved identity, never a pod).
 */
export function ciliumKey(key: string): string {
  const colon = key.indexOf(":");
  if (colon > 0) {
    const source = key.slice(0, colon);
    if (SOURCES.has(source)) return source === "k8s" || source === "any" ? key.slice(colon + 1) : key;
  }
  return key;
}

function ciliumSelector(raw: R.RawLabelSelector | null | undefined, where: string): LabelSelector {
  const sel: LabelSelector = {};
  const labels = stringMap(raw?.matchLabels);
  const keyProblem = (k: string) => (k.includes(":") ? null : labelKeyProblem(k));
  if (Object.keys(labels).length) {
    sel.matchLabels = {};
    for (const [k, v] of Object.entries(labels)) {
      const key = ciliumKey(k);
      const p = keyProblem(key) ?? labelValueProblem(v);
      if (p) reject(`${where}: ${p}`);
      sel.matchLabels[key] = v;
    }
  }
  if (raw?.matchExpressions?.length) {
    sel.matchExpressions = raw.matchExpressions.map((e, i): LabelSelectorRequirement => {
      if (!["In", "NotIn", "Exists", "DoesNotExist"].includes(e.operator)) reject(`${where}.matchExpressions[${i}]: unknown operator "${e.operator}"`);
      const key = ciliumKey(e.key);
      const p = keyProblem(key);
      if (p) reject(`${where}.matchExpressions[${i}]: ${p}`);
      return { key, operator: e.operator as SelectorOperator, ...(e.values ? { values: e.values.map(String) } : {}) };
    });
  }
  return sel;
}

function selectors(list: (R.RawLabelSelector | null)[] | null | undefined, where: string): LabelSelector[] | undefined {
  if (list === null || list === undefined) return undefined;
  return list.map((s, i) => ciliumSelector(s, `${where}[${i}]`));
}

function cidr(c: string, where: string): string {
  if (isIP(c)) return c.includes(":") ? `${c}/128` : `${c}/32`;
  const p = cidrProblem(c);
  if (p) reject(`${where}: ${p}`);
  return c;
}

function portRule(p: NonNullable<R.RawCiliumPeerRule["toPorts"]>[number], where: string, dir: "ingress" | "egress", deny: boolean): T.CiliumPortRule {
  const ports = p.ports ?? [];
  if (ports.length > MAX_PORTS) reject(`${where}.ports: too many ports, the max is ${MAX_PORTS}`);
  const l7 = Object.entries(p.rules ?? {})
    .filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k]) => k);
  if (l7.includes("dns") && dir === "ingress") reject(`${where}.rules: DNS rules are not allowed on ingress`);
  const out: T.CiliumPortProtocol[] = ports.map((pp, i) => {
    const at = `${where}.ports[${i}]`;
    const protocol = (pp.protocol ?? "ANY").toUpperCase() || "ANY";
    if (!PROTOCOLS.has(protocol)) reject(`${at}.protocol: "${pp.protocol}" is not a protocol Cilium knows`);
    const port = pp.port === null || pp.port === undefined ? "" : String(pp.port);
    if (port === "") reject(`${at}.port: port must be specified`);
    let name: string | undefined;
    if (SVC_NAME.test(port)) name = port.toLowerCase();
    else {
      const n = Number(port);
      if (!/^\d+$/.test(port) || n > 65535) reject(`${at}.port: unable to parse port "${port}"`);
      if (l7.length && n === 0) reject(`${where}: L7 rules can not be used when a port is 0`);
    }
    if (l7.length && !l7.includes("dns") && protocol !== "TCP") reject(`${where}: L7 rules can only apply to TCP (not ${protocol}) except for DNS rules`);
    return { port: name ?? String(Number(port)), ...(pp.endPort ? { endPort: pp.endPort } : {}), protocol };
  });
  const other = (["serverNames", "listener", "terminatingTLS", "originatingTLS"] as const).filter((k) => p[k] !== null && p[k] !== undefined);
  void deny;
  return { ports: out, ...(l7.length ? { l7 } : {}), ...(other.length ? { other } : {}) };
}

const INGRESS_L3 = ["fromEndpoints", "fromCIDR", "fromCIDRSet", "fromEntities", "fromNodes", "fromGroups"] as const;
const EGRESS_L3 = ["toEndpoints", "toCIDR", "toCIDRSet", "toEntities", "toNodes", "toGroups", "toServices", "toFQDNs"] as const;

function peerRule(r: R.RawCiliumPeerRule, where: string, dir: "ingress" | "egress", deny: boolean): T.CiliumPeerRule {
  const ing = dir === "ingress";
  const l3 = (ing ? INGRESS_L3 : EGRESS_L3).filter((k) => (r[k]?.length ?? 0) > 0);
  if (l3.length > 1) reject(`${where}: combining ${l3[0]} and ${l3[1]} is not supported yet`);
  const wrongSide = (ing ? EGRESS_L3 : INGRESS_L3).filter((k) => r[k] !== null && r[k] !== undefined);
  if (wrongSide.length) reject(`${where}.${wrongSide[0]}: not allowed in ${dir} rules`);
  if (deny && (r.toFQDNs?.length || r.toServices?.length)) reject(`${where}: ${r.toFQDNs?.length ? "toFQDNs" : "toServices"} is not allowed in deny rules`);
  if ((r.icmps?.length ?? 0) > 0 && (r.toPorts?.length ?? 0) > 0) reject(`${where}: the ICMPs block may only be present without ToPorts. Define a separate rule to use ToPorts`);
  const entities = ing ? r.fromEntities : r.toEntities;
  entities?.forEach((e, i) => {
    if (!CILIUM_ENTITIES.has(e)) reject(`${where}.${ing ? "fromEntities" : "toEntities"}[${i}]: unsupported entity: ${e}`);
  });
  const f = (a: string) => `${where}.${ing ? "from" : "to"}${a}`;
  const cidrs = ing ? r.fromCIDR : r.toCIDR;
  const cidrSet = ing ? r.fromCIDRSet : r.toCIDRSet;
  const out: T.CiliumPeerRule = {};
  const endpoints = selectors(ing ? r.fromEndpoints : r.toEndpoints, f("Endpoints"));
  if (endpoints) out.endpoints = endpoints;
  const requires = selectors(ing ? r.fromRequires : r.toRequires, f("Requires"));
  if (requires) out.requires = requires;
  if (cidrs) out.cidr = cidrs.map((c, i) => cidr(c, `${f("CIDR")}[${i}]`));
  if (cidrSet) {
    out.cidrSet = cidrSet.map((c, i): T.CiliumCIDRRule => {
      const at = `${f("CIDRSet")}[${i}]`;
      const set = [c.cidr, c.cidrGroupRef, c.cidrGroupSelector].filter((v) => v !== null && v !== undefined && v !== "").length;
      if (set !== 1) reject(`${at}: exactly one of cidr, cidrGroupRef or cidrGroupSelector is required`);
      if (!c.cidr) return { except: [], group: c.cidrGroupRef ?? "a cidrGroupSelector" };
      const base = cidr(c.cidr, `${at}.cidr`);
      const except = (c.except ?? []).map((e, j) => cidr(e, `${at}.except[${j}]`));
      return { cidr: base, except };
    });
  }
  if (entities) out.entities = [...entities];
  const nodes = selectors(ing ? r.fromNodes : r.toNodes, f("Nodes"));
  if (nodes) out.nodes = nodes;
  const groups = ing ? r.fromGroups : r.toGroups;
  if (groups) out.groups = groups.length;
  if (r.toFQDNs) out.fqdns = r.toFQDNs.map((q) => q.matchName ?? q.matchPattern ?? "");
  if (r.toServices) out.services = r.toServices.map((s) => JSON.stringify(s));
  if (r.toPorts) out.toPorts = r.toPorts.map((p, i) => portRule(p, `${where}.toPorts[${i}]`, dir, deny));
  if (r.icmps) out.icmps = r.icmps.length;
  if (r.authentication?.mode) out.authentication = r.authentication.mode;
  return out;
}

function ruleSpec(s: R.RawCiliumRule, where: string, clusterwide: boolean): T.CiliumRuleSpec {
  const sections = [s.ingress, s.ingressDeny, s.egress, s.egressDeny];
  if (sections.every((x) => (x?.length ?? 0) === 0)) reject(`${where}: rule must have at least one of Ingress, IngressDeny, Egress, EgressDeny`);
  const hasEp = s.endpointSelector !== null && s.endpointSelector !== undefined;
  const hasNode = s.nodeSelector !== null && s.nodeSelector !== undefined;
  if (!hasEp && !hasNode) reject(`${where}: rule must have one of EndpointSelector or NodeSelector`);
  if (hasEp && hasNode) reject(`${where}: rule cannot have both EndpointSelector and NodeSelector`);
  if (hasNode && !clusterwide) reject(`${where}.nodeSelector: only CiliumClusterwideNetworkPolicies can select nodes`);
  const out: T.CiliumRuleSpec = { path: where, enableDefaultDeny: {} };
  if (hasEp) out.endpointSelector = ciliumSelector(s.endpointSelector, `${where}.endpointSelector`);
  if (hasNode) out.nodeSelector = ciliumSelector(s.nodeSelector, `${where}.nodeSelector`);
  const section = (list: R.RawCiliumPeerRule[] | null | undefined, name: string, dir: "ingress" | "egress", deny: boolean) =>
    list === null || list === undefined ? undefined : list.map((r, i) => peerRule(r, `${where}.${name}[${i}]`, dir, deny));
  const ingress = section(s.ingress, "ingress", "ingress", false);
  const ingressDeny = section(s.ingressDeny, "ingressDeny", "ingress", true);
  const egress = section(s.egress, "egress", "egress", false);
  const egressDeny = section(s.egressDeny, "egressDeny", "egress", true);
  if (ingress) out.ingress = ingress;
  if (ingressDeny) out.ingressDeny = ingressDeny;
  if (egress) out.egress = egress;
  if (egressDeny) out.egressDeny = egressDeny;
  const edd = s.enableDefaultDeny;
  if (typeof edd?.ingress === "boolean") out.enableDefaultDeny.ingress = edd.ingress;
  if (typeof edd?.egress === "boolean") out.enableDefaultDeny.egress = edd.egress;
  if (s.description) out.description = s.description;
  return out;
}

export function ciliumPolicy(kind: T.CiliumPolicy["kind"], raw: unknown): T.CiliumPolicy {
  const p = parse(R.CiliumPolicyS, raw);
  const clusterwide = kind === "CiliumClusterwideNetworkPolicy";
  const m = meta(p.metadata, !clusterwide);
  const rules: [R.RawCiliumRule, string][] = [];
  if (p.spec) rules.push([p.spec, "spec"]);
  (p.specs ?? []).forEach((s, i) => rules.push([s, `specs[${i}]`]));
  const out: T.CiliumPolicy = { ...m, kind, specs: [] };
  try {
    if (rules.length === 0) reject("spec or specs is required");
    out.specs = rules.map(([s, where]) => ruleSpec(s, where, clusterwide));
  } catch (e) {
    if (!(e instanceof Rejected)) throw e;
    out.invalid = e.message;
  }
  if (out.invalid) warn(`the Cilium agent rejects this policy (${out.invalid}); it is shown but not enforced`);
  return out;
}
