/** Services, endpoints, ingress, routes, NetworkPolicy and AdminNetworkPolicy/BaselineAdminNetworkPolicy, validated as the API server would. */
import type { z } from "zod";
import { cidrProblem } from "../cidr";
import * as R from "../raw";
import type * as T from "../types";
import { clean, fail, meta, parse, selector, stringMap } from "./common";

export function service(raw: unknown): T.Service {
  const s = parse(R.ServiceS, raw);
  const spec = s.spec ?? {};
  // built by assignment in field order (see workloads.ts): a spread of `cond ? { x } : {}` per field made a throw-away object
  const out = meta(s.metadata, true) as T.Service;
  out.type = spec.type ?? "ClusterIP";
  if (spec.selector && Object.keys(spec.selector).length) out.selector = stringMap(spec.selector);
  out.ports = spec.ports ? spec.ports.map(servicePort) : [];
  if (spec.clusterIP) out.clusterIP = spec.clusterIP;
  out.externalIPs = spec.externalIPs ?? [];
  if (spec.externalName) out.externalName = spec.externalName;
  out.loadBalancerIngress = (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? "").filter(Boolean);
  out.loadBalancerSourceRanges = spec.loadBalancerSourceRanges ?? [];
  return out;
}

function servicePort(p: NonNullable<NonNullable<z.infer<typeof R.ServiceS>["spec"]>["ports"]>[number]): T.ServicePort {
  const out = {} as T.ServicePort;
  if (p.name) out.name = p.name;
  out.port = p.port;
  out.targetPort = p.targetPort ?? p.port;
  out.protocol = p.protocol ?? "TCP";
  if (p.nodePort) out.nodePort = p.nodePort;
  return out;
}

export function endpoints(raw: unknown): T.ServiceEndpoints {
  const e = parse(R.EndpointsS, raw);
  const m = meta(e.metadata, true);
  let ready = 0;
  let notReady = 0;
  for (const s of e.subsets ?? []) {
    ready += s.addresses?.length ?? 0;
    notReady += s.notReadyAddresses?.length ?? 0;
  }
  return { namespace: m.namespace!, name: m.name, serviceName: m.name, ready, notReady };
}

export function endpointSlice(raw: unknown): T.ServiceEndpoints {
  const e = parse(R.EndpointSliceS, raw);
  const m = meta(e.metadata, true);
  let ready = 0;
  let notReady = 0;
  for (const ep of e.endpoints ?? []) {
    const n = ep.addresses?.length ?? 0;
    if (ep.conditions?.ready === false) notReady += n;
    else ready += n;
  }
  return { namespace: m.namespace!, name: m.name, serviceName: m.labels["kubernetes.io/service-name"] ?? m.name, ready, notReady };
}

function ingressBackend(b: R.RawIngressBackend): T.IngressBackend {
  if (b.service) {
    return { service: { name: b.service.name, port: clean({ number: b.service.port?.number, name: b.service.port?.name }) ?? {} } };
  }
  if (b.serviceName) {
    const p = b.servicePort;
    return { service: { name: b.serviceName, port: typeof p === "number" ? { number: p } : p ? { name: p } : {} } };
  }
  if (b.resource) return { resource: { kind: b.resource.kind, name: b.resource.name } };
  return {};
}

export function ingress(raw: unknown): T.Ingress {
  const i = parse(R.IngressS, raw);
  const m = meta(i.metadata, true);
  const spec = i.spec ?? {};
  const def = spec.defaultBackend ?? spec.backend;
  const cls = spec.ingressClassName ?? m.annotations["kubernetes.io/ingress.class"];
  return {
    ...m,
    namespace: m.namespace!,
    ...(cls ? { ingressClassName: cls } : {}),
    ...(def ? { defaultBackend: ingressBackend(def) } : {}),
    rules: (spec.rules ?? []).map((r) => ({
      ...(r.host ? { host: r.host } : {}),
      paths: (r.http?.paths ?? []).map((p) => ({
        ...(p.path ? { path: p.path } : {}),
        ...(p.pathType ? { pathType: p.pathType } : {}),
        backend: ingressBackend(p.backend),
      })),
    })),
    tls: (spec.tls ?? []).map((t) => ({ hosts: t.hosts ?? [], ...(t.secretName ? { secretName: t.secretName } : {}) })),
  };
}

export function route(raw: unknown): T.Route {
  const r = parse(R.RouteS, raw);
  const m = meta(r.metadata, true);
  const target = (t: { kind?: string | null; name: string; weight?: number | null }) => ({
    kind: t.kind ?? "Service",
    name: t.name,
    ...(t.weight !== null && t.weight !== undefined ? { weight: t.weight } : {}),
  });
  return {
    ...m,
    namespace: m.namespace!,
    ...(r.spec.host ? { host: r.spec.host } : {}),
    to: target(r.spec.to),
    alternateBackends: (r.spec.alternateBackends ?? []).map(target),
    ...(r.spec.port ? { targetPort: r.spec.port.targetPort } : {}),
  };
}


export const IANA_SVC_NAME = /^(?=.{1,15}$)(?=.*[a-z])[a-z0-9]([a-z0-9]|-(?=[a-z0-9]))*$/;

/** A port as the API validates it: number 1–65535, or an IANA service name; endPort only with a number. */
function npPort(p: z.infer<typeof R.NetworkPolicyPortS>, where: string): T.NetworkPolicyPort {
  const out: T.NetworkPolicyPort = { protocol: p.protocol ?? "TCP" };
  if (p.port !== null && p.port !== undefined) {
    if (typeof p.port === "number") {
      if (p.port < 1 || p.port > 65535) fail(`${where}.port: ${p.port} is not a valid port number (1-65535)`);
    } else if (/^\d+$/.test(p.port)) {
      fail(`${where}.port: "${p.port}" is a number written as a string; write it without quotes`);
    } else if (!IANA_SVC_NAME.test(p.port)) {
      fail(`${where}.port: "${p.port}" is not a valid named port (lowercase letters, digits and '-', at most 15 characters)`);
    }
    out.port = p.port;
  }
  if (p.endPort !== null && p.endPort !== undefined) {
    if (typeof out.port !== "number") fail(`${where}.endPort: requires a numeric port`);
    if (p.endPort < out.port || p.endPort > 65535) fail(`${where}.endPort: ${p.endPort} must be between port ${out.port} and 65535`);
    out.endPort = p.endPort;
  }
  return out;
}

function npPeer(p: z.infer<typeof R.NetworkPolicyPeerS>, where: string): T.NetworkPolicyPeer {
  const out: T.NetworkPolicyPeer = {};
  if (p.podSelector) out.podSelector = selector(p.podSelector, `${where}.podSelector`);
  if (p.namespaceSelector) out.namespaceSelector = selector(p.namespaceSelector, `${where}.namespaceSelector`);
  if (p.ipBlock) {
    if (out.podSelector || out.namespaceSelector) fail(`${where}: ipBlock cannot be combined with podSelector or namespaceSelector`);
    const c = cidrProblem(p.ipBlock.cidr);
    if (c) fail(`${where}.ipBlock.cidr: ${c}`);
    for (const e of p.ipBlock.except ?? []) {
      const ep = cidrProblem(e);
      if (ep) fail(`${where}.ipBlock.except: ${ep}`);
    }
    out.ipBlock = { cidr: p.ipBlock.cidr, except: p.ipBlock.except ?? [] };
  }
  if (!out.podSelector && !out.namespaceSelector && !out.ipBlock) {
    fail(`${where}: a peer must set podSelector, namespaceSelector or ipBlock`);
  }
  return out;
}

/**
 * policyTypes defaulting (API server, SetDefaults_NetworkPolicy): Ingress always, plus Egress iff
 * spec.egress is non-empty. So `egress: []` without policyTypes does not isolate egress.
 */
export function defaultPolicyTypes(egressRuleCount: number): T.PolicyType[] {
  return egressRuleCount > 0 ? ["Ingress", "Egress"] : ["Ingress"];
}

export function networkPolicy(raw: unknown): T.NetworkPolicy {
  const n = parse(R.NetworkPolicyS, raw);
  const m = meta(n.metadata, true);
  const spec = n.spec;
  const ingress = (spec.ingress ?? []).map((r, i) => ({
    from: (r?.from ?? []).map((p, j) => npPeer(p, `spec.ingress[${i}].from[${j}]`)),
    ports: (r?.ports ?? []).map((p, j) => npPort(p, `spec.ingress[${i}].ports[${j}]`)),
  }));
  const egress = (spec.egress ?? []).map((r, i) => ({
    to: (r?.to ?? []).map((p, j) => npPeer(p, `spec.egress[${i}].to[${j}]`)),
    ports: (r?.ports ?? []).map((p, j) => npPort(p, `spec.egress[${i}].ports[${j}]`)),
  }));
  let policyTypes: T.PolicyType[];
  let defaulted = false;
  if (spec.policyTypes && spec.policyTypes.length > 0) {
    for (const t of spec.policyTypes) {
      if (t !== "Ingress" && t !== "Egress") fail(`spec.policyTypes: "${t}" is not Ingress or Egress`);
    }
    policyTypes = [...new Set(spec.policyTypes as T.PolicyType[])];
  } else {
    policyTypes = defaultPolicyTypes(egress.length);
    defaulted = true;
  }
  // assigned onto the metadata record (namespaced: it holds namespace already), not spread into a copy
  const out = m as T.NetworkPolicy;
  out.podSelector = selector(spec.podSelector, "spec.podSelector");
  out.policyTypes = policyTypes;
  if (defaulted) out.policyTypesDefaulted = true;
  out.ingress = ingress;
  out.egress = egress;
  return out;
}

export function anpSubject(s: R.RawANPSubject, where: string): T.ANPSubject {
  if (!!s.namespaces === !!s.pods) fail(`${where}: exactly one of namespaces or pods must be set`);
  if (s.namespaces) return { namespaces: selector(s.namespaces, `${where}.namespaces`) };
  return {
    pods: {
      namespaceSelector: selector(s.pods!.namespaceSelector, `${where}.pods.namespaceSelector`),
      podSelector: selector(s.pods!.podSelector, `${where}.pods.podSelector`),
    },
  };
}

function anpPeer(p: R.RawANPPeer, where: string, egress: boolean): T.ANPPeer {
  const set = [p.namespaces, p.pods, p.networks, p.nodes].filter((x) => x !== null && x !== undefined).length;
  if (set !== 1) fail(`${where}: exactly one of namespaces, pods${egress ? ", networks or nodes" : ""} must be set`);
  if (!egress && (p.networks || p.nodes)) fail(`${where}: networks and nodes peers are only allowed in egress rules`);
  if (p.namespaces) return { namespaces: selector(p.namespaces, `${where}.namespaces`) };
  if (p.pods) {
    return {
      pods: {
        namespaceSelector: selector(p.pods.namespaceSelector, `${where}.pods.namespaceSelector`),
        podSelector: selector(p.pods.podSelector, `${where}.pods.podSelector`),
      },
    };
  }
  if (p.networks) {
    if (p.networks.length === 0) fail(`${where}.networks: must list at least one CIDR`);
    for (const c of p.networks) {
      const cp = cidrProblem(c);
      if (cp) fail(`${where}.networks: ${cp}`);
    }
    return { networks: p.networks };
  }
  return { nodes: selector(p.nodes, `${where}.nodes`) };
}

function anpPort(p: R.RawANPPort, where: string): T.ANPPort {
  const set = [p.portNumber, p.namedPort, p.portRange].filter((x) => x !== null && x !== undefined).length;
  if (set !== 1) fail(`${where}: exactly one of portNumber, namedPort or portRange must be set`);
  if (p.portNumber) {
    if (p.portNumber.port < 1 || p.portNumber.port > 65535) fail(`${where}.portNumber.port: ${p.portNumber.port} is not a valid port`);
    return { portNumber: { protocol: p.portNumber.protocol ?? "TCP", port: p.portNumber.port } };
  }
  if (p.namedPort) return { namedPort: p.namedPort };
  const r = p.portRange!;
  if (r.start < 1 || r.end > 65535 || r.start > r.end) fail(`${where}.portRange: ${r.start}-${r.end} is not a valid range`);
  return { portRange: { protocol: r.protocol ?? "TCP", start: r.start, end: r.end } };
}

type RawANPRule = { name?: string | null; action: T.ANPAction; ports?: R.RawANPPort[] | null; from?: R.RawANPPeer[]; to?: R.RawANPPeer[] };

function anpRules(rules: RawANPRule[] | null | undefined, dir: "ingress" | "egress", baseline: boolean): T.ANPRule[] {
  const list = rules ?? [];
  if (list.length > 100) fail(`spec.${dir}: at most 100 rules are allowed`);
  return list.map((r, i) => {
    const where = `spec.${dir}[${i}]`;
    if (baseline && r.action === "Pass") fail(`${where}.action: BaselineAdminNetworkPolicy rules can only Allow or Deny`);
    const peersRaw = (dir === "ingress" ? r.from : r.to) ?? [];
    if (peersRaw.length === 0) fail(`${where}.${dir === "ingress" ? "from" : "to"}: at least one peer is required`);
    return {
      name: r.name ?? `${dir}-rule-${i}`,
      action: r.action,
      peers: peersRaw.map((p, j) => anpPeer(p, `${where}.${dir === "ingress" ? "from" : "to"}[${j}]`, dir === "egress")),
      ...(r.ports ? { ports: r.ports.map((p, j) => anpPort(p, `${where}.ports[${j}]`)) } : {}),
    };
  });
}

export function adminNetworkPolicy(raw: unknown): T.AdminNetworkPolicy {
  const a = parse(R.AdminNetworkPolicyS, raw);
  return {
    ...meta(a.metadata, false),
    priority: a.spec.priority,
    subject: anpSubject(a.spec.subject, "spec.subject"),
    ingress: anpRules(a.spec.ingress as RawANPRule[] | null | undefined, "ingress", false),
    egress: anpRules(a.spec.egress as RawANPRule[] | null | undefined, "egress", false),
  };
}

export function baselineAdminNetworkPolicy(raw: unknown): T.BaselineAdminNetworkPolicy {
  const b = parse(R.BaselineAdminNetworkPolicyS, raw);
  if (b.metadata.name !== "default") fail(`metadata.name: a BaselineAdminNetworkPolicy must be named "default" (it is a singleton)`);
  return {
    ...meta(b.metadata, false),
    subject: anpSubject(b.spec.subject, "spec.subject"),
    ingress: anpRules(b.spec.ingress as RawANPRule[] | null | undefined, "ingress", true),
    egress: anpRules(b.spec.egress as RawANPRule[] | null | undefined, "egress", true),
  };
}
