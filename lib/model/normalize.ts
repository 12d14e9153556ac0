/**
 * Reshape raw Kubernetes objects into snapshot records, applying the defaults the API server would
 * apply (policyTypes, protocol TCP, serviceAccountName, Service type, targetPort, webhook
 * failurePolicy). Each call handles one object and either returns a record or says what is wrong.
 */
import type { z } from "zod";
import { cidrProblem } from "./cidr";
import { GATEKEEPER_CONSTRAINTS_GROUP, IGNORED_KINDS, type CollectionKey } from "./kinds";
import * as R from "./raw";
import { selectorProblem, type LabelSelector, type Labels, type SelectorOperator } from "./selector";
import type * as T from "./types";

export type NormalizeResult =
  | { status: "ok"; key: CollectionKey; record: unknown }
  | { status: "ignored"; kind: string }
  | { status: "invalid"; kind?: string; namespace?: string; name?: string; message: string; severity: "error" | "warning" };

interface RawObject {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown };
}

class Invalid extends Error {}

function fail(message: string): never {
  throw new Invalid(message);
}

function zodMessage(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "") + ": " : ""}${i.message}`)
    .join("; ");
}

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const r = schema.safeParse(raw);
  if (!r.success) fail(zodMessage(r.error));
  return r.data as z.infer<S>;
}

/** Annotations that only repeat the object (or could carry secret values) are dropped at the boundary. */
const DROPPED_ANNOTATIONS = new Set(["kubectl.kubernetes.io/last-applied-configuration"]);

function stringMap(m: Record<string, string | number | boolean | null> | null | undefined, drop?: Set<string>): Labels {
  const out: Labels = {};
  if (!m) return out;
  for (const k in m) {
    if (drop?.has(k)) continue;
    const v = m[k];
    out[k] = v === null ? "" : String(v);
  }
  return out;
}

function meta(m: R.RawMetadata, namespaced: boolean): T.Meta {
  const out: T.Meta = {
    name: m.name,
    labels: stringMap(m.labels),
    annotations: stringMap(m.annotations, DROPPED_ANNOTATIONS),
  };
  if (namespaced) out.namespace = m.namespace || "default";
  if (m.uid) out.uid = m.uid;
  if (m.creationTimestamp) out.creationTimestamp = m.creationTimestamp instanceof Date ? m.creationTimestamp.toISOString() : m.creationTimestamp;
  return out;
}

function ownerRefs(m: R.RawMetadata): T.OwnerReference[] {
  return (m.ownerReferences ?? []).map((o) => ({
    kind: o.kind,
    name: o.name,
    ...(o.apiVersion ? { apiVersion: o.apiVersion } : {}),
    ...(o.uid ? { uid: o.uid } : {}),
    ...(o.controller ? { controller: true } : {}),
  }));
}

/** Converts and validates a label selector; `where` names the field in error messages. */
export function selector(raw: R.RawLabelSelector | null | undefined, where: string): LabelSelector {
  const sel: LabelSelector = {};
  if (raw?.matchLabels && Object.keys(raw.matchLabels).length) sel.matchLabels = stringMap(raw.matchLabels);
  if (raw?.matchExpressions && raw.matchExpressions.length) {
    sel.matchExpressions = raw.matchExpressions.map((e) => ({
      key: e.key,
      operator: e.operator as SelectorOperator,
      ...(e.values ? { values: e.values.map(String) } : {}),
    }));
  }
  const problem = selectorProblem(sel);
  if (problem) fail(`${where}: ${problem}`);
  return sel;
}

// ---------------------------------------------------------------- pods

type NonNullFields<T> = { [K in keyof T]?: Exclude<T[K], null> };

/** Drops null/undefined fields (YAML writes empty fields as null), recursively through plain objects. */
function clean<T extends object>(o: T | null | undefined): NonNullFields<T> | undefined {
  if (!o) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === null || v === undefined) continue;
    out[k] = typeof v === "object" && !Array.isArray(v) ? clean(v as object) : v;
  }
  return out as NonNullFields<T>;
}

function quantities(m: Record<string, string | number | null> | null | undefined): Record<string, string> | undefined {
  if (!m) return undefined;
  const out: Record<string, string> = {};
  for (const k in m) if (m[k] !== null) out[k] = String(m[k]);
  return out;
}

function container(c: R.RawContainer): T.Container {
  return {
    name: c.name,
    image: c.image ?? "",
    ...(c.imagePullPolicy ? { imagePullPolicy: c.imagePullPolicy } : {}),
    ports: (c.ports ?? []).map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      containerPort: p.containerPort,
      protocol: p.protocol ?? "TCP",
      ...(p.hostPort ? { hostPort: p.hostPort } : {}),
      ...(p.hostIP ? { hostIP: p.hostIP } : {}),
    })),
    ...(c.securityContext ? { securityContext: clean(c.securityContext) as T.ContainerSecurityContext } : {}),
    resources: clean({ limits: quantities(c.resources?.limits), requests: quantities(c.resources?.requests) }) ?? {},
    volumeMounts: (c.volumeMounts ?? []).map((m) => ({ name: m.name, mountPath: m.mountPath, ...(m.readOnly ? { readOnly: true } : {}) })),
    envNames: (c.env ?? []).map((e) => e.name),
  };
}

function volume(v: z.infer<typeof R.VolumeS>): T.Volume {
  const type = Object.keys(v).find((k) => k !== "name" && v[k] !== null && v[k] !== undefined) ?? "unknown";
  const out: T.Volume = { name: v.name, type };
  if (v.hostPath) out.hostPath = { path: v.hostPath.path, ...(v.hostPath.type ? { type: v.hostPath.type } : {}) };
  if (v.secret?.secretName) out.secretName = v.secret.secretName;
  if (v.projected) out.projectedSources = (v.projected.sources ?? []).flatMap((s) => Object.keys(s));
  return out;
}

export function podSpec(s: R.RawPodSpec): T.PodSpec {
  return {
    serviceAccountName: s.serviceAccountName || s.serviceAccount || "default",
    ...(s.automountServiceAccountToken !== null && s.automountServiceAccountToken !== undefined
      ? { automountServiceAccountToken: s.automountServiceAccountToken }
      : {}),
    ...(s.nodeName ? { nodeName: s.nodeName } : {}),
    hostNetwork: s.hostNetwork === true,
    hostPID: s.hostPID === true,
    hostIPC: s.hostIPC === true,
    ...(s.hostUsers !== null && s.hostUsers !== undefined ? { hostUsers: s.hostUsers } : {}),
    securityContext: (clean(s.securityContext) as T.PodSecurityContext | undefined) ?? {},
    containers: s.containers.map(container),
    initContainers: (s.initContainers ?? []).map(container),
    ephemeralContainers: (s.ephemeralContainers ?? []).map(container),
    volumes: (s.volumes ?? []).map(volume),
  };
}

function template(t: z.infer<typeof R.PodTemplateS>): T.PodTemplate {
  return {
    labels: stringMap(t.metadata?.labels),
    annotations: stringMap(t.metadata?.annotations, DROPPED_ANNOTATIONS),
    spec: podSpec(t.spec),
  };
}

function pod(raw: unknown): T.Pod {
  const p = parse(R.PodS, raw);
  const m = meta(p.metadata, true);
  const ips = p.status?.podIPs?.map((x) => x.ip) ?? (p.status?.podIP ? [p.status.podIP] : []);
  return {
    ...m,
    namespace: m.namespace!,
    ownerReferences: ownerRefs(p.metadata),
    owner: { kind: "Pod", name: m.name },
    spec: podSpec(p.spec),
    ...(p.status?.phase ? { phase: p.status.phase } : {}),
    podIPs: ips,
    ...(p.status?.hostIP ? { hostIP: p.status.hostIP } : {}),
  };
}

function workload(kind: T.WorkloadKind, raw: unknown): T.Workload {
  if (kind === "CronJob") {
    const c = parse(R.CronJobS, raw);
    const m = meta(c.metadata, true);
    return {
      ...m,
      kind,
      namespace: m.namespace!,
      ownerReferences: ownerRefs(c.metadata),
      template: template(c.spec.jobTemplate.spec.template),
      schedule: c.spec.schedule,
      replicas: 1,
    };
  }
  if (kind === "Job") {
    const j = parse(R.JobS, raw);
    const m = meta(j.metadata, true);
    return {
      ...m,
      kind,
      namespace: m.namespace!,
      ownerReferences: ownerRefs(j.metadata),
      template: template(j.spec.template),
      replicas: j.spec.parallelism ?? 1,
      ...(j.spec.selector ? { selector: selector(j.spec.selector, "spec.selector") } : {}),
    };
  }
  if (kind === "ReplicationController") {
    const rc = parse(R.ReplicationControllerS, raw);
    const m = meta(rc.metadata, true);
    const tpl = template(rc.spec.template);
    return {
      ...m,
      kind,
      namespace: m.namespace!,
      ownerReferences: ownerRefs(rc.metadata),
      template: tpl,
      replicas: rc.spec.replicas ?? 1,
      // An RC without a selector defaults to its template's labels.
      selector: { matchLabels: rc.spec.selector ? stringMap(rc.spec.selector) : tpl.labels },
    };
  }
  const w = parse(R.ReplicatedS, raw);
  const m = meta(w.metadata, true);
  return {
    ...m,
    kind,
    namespace: m.namespace!,
    ownerReferences: ownerRefs(w.metadata),
    template: template(w.spec.template),
    ...(kind !== "DaemonSet" ? { replicas: w.spec.replicas ?? 1 } : {}),
    ...(w.spec.selector ? { selector: selector(w.spec.selector, "spec.selector") } : {}),
  };
}

// ---------------------------------------------------------------- services, ingress

function service(raw: unknown): T.Service {
  const s = parse(R.ServiceS, raw);
  const m = meta(s.metadata, true);
  const spec = s.spec ?? {};
  return {
    ...m,
    namespace: m.namespace!,
    type: spec.type ?? "ClusterIP",
    ...(spec.selector && Object.keys(spec.selector).length ? { selector: stringMap(spec.selector) } : {}),
    ports: (spec.ports ?? []).map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      port: p.port,
      targetPort: p.targetPort ?? p.port,
      protocol: p.protocol ?? "TCP",
      ...(p.nodePort ? { nodePort: p.nodePort } : {}),
    })),
    ...(spec.clusterIP ? { clusterIP: spec.clusterIP } : {}),
    externalIPs: spec.externalIPs ?? [],
    ...(spec.externalName ? { externalName: spec.externalName } : {}),
    loadBalancerIngress: (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? "").filter(Boolean),
    loadBalancerSourceRanges: spec.loadBalancerSourceRanges ?? [],
  };
}

function endpoints(raw: unknown): T.ServiceEndpoints {
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

function endpointSlice(raw: unknown): T.ServiceEndpoints {
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

function ingress(raw: unknown): T.Ingress {
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

function route(raw: unknown): T.Route {
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

// ---------------------------------------------------------------- network policy

const IANA_SVC_NAME = /^(?=.{1,15}$)(?=.*[a-z])[a-z0-9]([a-z0-9]|-(?=[a-z0-9]))*$/;

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

function networkPolicy(raw: unknown): T.NetworkPolicy {
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
  return {
    ...m,
    namespace: m.namespace!,
    podSelector: selector(spec.podSelector, "spec.podSelector"),
    policyTypes,
    ...(defaulted ? { policyTypesDefaulted: true } : {}),
    ingress,
    egress,
  };
}

function anpSubject(s: R.RawANPSubject, where: string): T.ANPSubject {
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

function adminNetworkPolicy(raw: unknown): T.AdminNetworkPolicy {
  const a = parse(R.AdminNetworkPolicyS, raw);
  return {
    ...meta(a.metadata, false),
    priority: a.spec.priority,
    subject: anpSubject(a.spec.subject, "spec.subject"),
    ingress: anpRules(a.spec.ingress as RawANPRule[] | null | undefined, "ingress", false),
    egress: anpRules(a.spec.egress as RawANPRule[] | null | undefined, "egress", false),
  };
}

function baselineAdminNetworkPolicy(raw: unknown): T.BaselineAdminNetworkPolicy {
  const b = parse(R.BaselineAdminNetworkPolicyS, raw);
  if (b.metadata.name !== "default") fail(`metadata.name: a BaselineAdminNetworkPolicy must be named "default" (it is a singleton)`);
  return {
    ...meta(b.metadata, false),
    subject: anpSubject(b.spec.subject, "spec.subject"),
    ingress: anpRules(b.spec.ingress as RawANPRule[] | null | undefined, "ingress", true),
    egress: anpRules(b.spec.egress as RawANPRule[] | null | undefined, "egress", true),
  };
}

// ---------------------------------------------------------------- RBAC

export function policyRule(r: z.infer<typeof R.PolicyRuleS>): T.PolicyRule {
  return {
    verbs: r.verbs,
    apiGroups: r.apiGroups ?? [],
    resources: r.resources ?? [],
    resourceNames: r.resourceNames ?? [],
    nonResourceURLs: r.nonResourceURLs ?? [],
  };
}

function role(kind: "Role" | "ClusterRole", raw: unknown): T.Role {
  const r = parse(R.RoleS, raw);
  const out: T.Role = { ...meta(r.metadata, kind === "Role"), kind, rules: (r.rules ?? []).map(policyRule) };
  if (kind === "ClusterRole" && r.aggregationRule) {
    out.aggregationRule = {
      clusterRoleSelectors: (r.aggregationRule.clusterRoleSelectors ?? []).map((s, i) =>
        selector(s, `aggregationRule.clusterRoleSelectors[${i}]`),
      ),
    };
  }
  return out;
}

function roleBinding(kind: "RoleBinding" | "ClusterRoleBinding", raw: unknown): T.RoleBinding {
  const b = parse(R.RoleBindingS, raw);
  if (kind === "ClusterRoleBinding" && b.roleRef.kind !== "ClusterRole") {
    fail(`roleRef.kind: a ClusterRoleBinding can only reference a ClusterRole, not ${b.roleRef.kind}`);
  }
  return {
    ...meta(b.metadata, kind === "RoleBinding"),
    kind,
    roleRef: { apiGroup: b.roleRef.apiGroup ?? "rbac.authorization.k8s.io", kind: b.roleRef.kind, name: b.roleRef.name },
    subjects: (b.subjects ?? []).map((s) => ({
      kind: s.kind,
      name: s.name,
      ...(s.namespace ? { namespace: s.namespace } : {}),
      ...(s.apiGroup !== null && s.apiGroup !== undefined ? { apiGroup: s.apiGroup } : {}),
    })),
  };
}

// ---------------------------------------------------------------- nodes, admission, mesh

function node(raw: unknown): T.Node {
  const n = parse(R.NodeS, raw);
  const info = n.status?.nodeInfo ?? {};
  return {
    ...meta(n.metadata, false),
    ...(clean(info) as Partial<T.Node>),
    addresses: n.status?.addresses ?? [],
    podCIDRs: n.spec?.podCIDRs ?? (n.spec?.podCIDR ? [n.spec.podCIDR] : []),
    ...(n.spec?.unschedulable ? { unschedulable: true } : {}),
  };
}

function webhookRule(r: R.RawWebhookRule): T.WebhookRule {
  return {
    operations: r.operations ?? [],
    apiGroups: r.apiGroups ?? [],
    apiVersions: r.apiVersions ?? [],
    resources: r.resources ?? [],
    ...(r.scope ? { scope: r.scope } : {}),
  };
}

function webhookConfiguration(kind: T.WebhookConfiguration["kind"], raw: unknown): T.WebhookConfiguration {
  const w = parse(R.WebhookConfigurationS, raw);
  return {
    ...meta(w.metadata, false),
    kind,
    webhooks: (w.webhooks ?? []).map((h, i) => ({
      name: h.name,
      failurePolicy: h.failurePolicy ?? "Fail",
      ...(h.sideEffects ? { sideEffects: h.sideEffects } : {}),
      ...(h.timeoutSeconds ? { timeoutSeconds: h.timeoutSeconds } : {}),
      ...(h.matchPolicy ? { matchPolicy: h.matchPolicy } : {}),
      rules: (h.rules ?? []).map(webhookRule),
      ...(h.namespaceSelector ? { namespaceSelector: selector(h.namespaceSelector, `webhooks[${i}].namespaceSelector`) } : {}),
      ...(h.objectSelector ? { objectSelector: selector(h.objectSelector, `webhooks[${i}].objectSelector`) } : {}),
      clientConfig: clean({
        service: h.clientConfig?.service ? clean(h.clientConfig.service) : undefined,
        url: h.clientConfig?.url ?? undefined,
      }) as T.Webhook["clientConfig"],
    })),
  };
}

function validatingAdmissionPolicy(raw: unknown): T.ValidatingAdmissionPolicy {
  const v = parse(R.ValidatingAdmissionPolicyS, raw);
  return {
    ...meta(v.metadata, false),
    failurePolicy: v.spec?.failurePolicy ?? "Fail",
    resourceRules: (v.spec?.matchConstraints?.resourceRules ?? []).map(webhookRule),
    validationCount: v.spec?.validations?.length ?? 0,
  };
}

function validatingAdmissionPolicyBinding(raw: unknown): T.ValidatingAdmissionPolicyBinding {
  const v = parse(R.ValidatingAdmissionPolicyBindingS, raw);
  return { ...meta(v.metadata, false), policyName: v.spec?.policyName ?? "", validationActions: v.spec?.validationActions ?? [] };
}

function constraintTemplate(raw: unknown): T.ConstraintTemplate {
  const c = parse(R.ConstraintTemplateS, raw);
  return { ...meta(c.metadata, false), constraintKind: c.spec?.crd?.spec.names.kind ?? c.metadata.name };
}

function constraint(kind: string, raw: unknown): T.Constraint {
  const c = parse(R.ConstraintS, raw);
  return {
    ...meta(c.metadata, false),
    kind,
    enforcementAction: c.spec?.enforcementAction ?? "deny",
    ...(c.status?.totalViolations !== null && c.status?.totalViolations !== undefined ? { totalViolations: c.status.totalViolations } : {}),
    violations: (c.status?.violations ?? []).map((v) => clean(v) ?? {}),
    matchKinds: (c.spec?.match?.kinds ?? []).flatMap((k) => k.kinds ?? []),
  };
}

function peerAuthentication(raw: unknown): T.PeerAuthentication {
  const p = parse(R.PeerAuthenticationS, raw);
  const m = meta(p.metadata, true);
  const sel = p.spec?.selector?.matchLabels;
  return {
    ...m,
    namespace: m.namespace!,
    ...(sel ? { selector: stringMap(sel) } : {}),
    ...(p.spec?.mtls?.mode ? { mtlsMode: p.spec.mtls.mode } : {}),
  };
}

function namespace(raw: unknown): T.Namespace {
  const n = parse(R.NamespaceS, raw);
  return { ...meta(n.metadata, false), ...(n.status?.phase ? { phase: n.status.phase } : {}) };
}

function serviceAccount(raw: unknown): T.ServiceAccount {
  const s = parse(R.ServiceAccountS, raw);
  const m = meta(s.metadata, true);
  return {
    ...m,
    namespace: m.namespace!,
    ...(s.automountServiceAccountToken !== null && s.automountServiceAccountToken !== undefined
      ? { automountServiceAccountToken: s.automountServiceAccountToken }
      : {}),
    secretNames: (s.secrets ?? []).map((x) => x.name ?? "").filter(Boolean),
  };
}

// ---------------------------------------------------------------- dispatch

const WORKLOAD_KINDS = new Set<T.WorkloadKind>(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "ReplicationController"]);

type Handler = (raw: unknown, kind: string) => { key: CollectionKey; record: unknown };

const HANDLERS: Record<string, Handler> = {
  Namespace: (r) => ({ key: "namespaces", record: namespace(r) }),
  Pod: (r) => ({ key: "pods", record: pod(r) }),
  ServiceAccount: (r) => ({ key: "serviceAccounts", record: serviceAccount(r) }),
  Service: (r) => ({ key: "services", record: service(r) }),
  Endpoints: (r) => ({ key: "endpoints", record: endpoints(r) }),
  EndpointSlice: (r) => ({ key: "endpoints", record: endpointSlice(r) }),
  Ingress: (r) => ({ key: "ingresses", record: ingress(r) }),
  Route: (r) => ({ key: "routes", record: route(r) }),
  NetworkPolicy: (r) => ({ key: "networkPolicies", record: networkPolicy(r) }),
  AdminNetworkPolicy: (r) => ({ key: "adminNetworkPolicies", record: adminNetworkPolicy(r) }),
  BaselineAdminNetworkPolicy: (r) => ({ key: "baselineAdminNetworkPolicies", record: baselineAdminNetworkPolicy(r) }),
  Role: (r) => ({ key: "roles", record: role("Role", r) }),
  ClusterRole: (r) => ({ key: "clusterRoles", record: role("ClusterRole", r) }),
  RoleBinding: (r) => ({ key: "roleBindings", record: roleBinding("RoleBinding", r) }),
  ClusterRoleBinding: (r) => ({ key: "clusterRoleBindings", record: roleBinding("ClusterRoleBinding", r) }),
  Node: (r) => ({ key: "nodes", record: node(r) }),
  ValidatingWebhookConfiguration: (r) => ({ key: "webhookConfigurations", record: webhookConfiguration("ValidatingWebhookConfiguration", r) }),
  MutatingWebhookConfiguration: (r) => ({ key: "webhookConfigurations", record: webhookConfiguration("MutatingWebhookConfiguration", r) }),
  ValidatingAdmissionPolicy: (r) => ({ key: "validatingAdmissionPolicies", record: validatingAdmissionPolicy(r) }),
  ValidatingAdmissionPolicyBinding: (r) => ({ key: "validatingAdmissionPolicyBindings", record: validatingAdmissionPolicyBinding(r) }),
  ConstraintTemplate: (r) => ({ key: "constraintTemplates", record: constraintTemplate(r) }),
  PeerAuthentication: (r) => ({ key: "peerAuthentications", record: peerAuthentication(r) }),
};

for (const k of WORKLOAD_KINDS) HANDLERS[k] = (r) => ({ key: "workloads", record: workload(k, r) });

/** Kinds whose metadata.namespace is meaningful. */
const CLUSTER_SCOPED = new Set([
  "Namespace",
  "Node",
  "ClusterRole",
  "ClusterRoleBinding",
  "AdminNetworkPolicy",
  "BaselineAdminNetworkPolicy",
  "ValidatingWebhookConfiguration",
  "MutatingWebhookConfiguration",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "ConstraintTemplate",
]);

export function isNamespacedKind(kind: string): boolean {
  return !CLUSTER_SCOPED.has(kind);
}

/** Normalizes one raw object. Never throws: problems come back as `invalid` with a message. */
export function normalizeObject(raw: unknown): NormalizeResult {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return { status: "invalid", message: "not a Kubernetes object (expected a mapping with apiVersion, kind and metadata)", severity: "error" };
  }
  const obj = raw as RawObject;
  const kind = typeof obj.kind === "string" ? obj.kind : undefined;
  const name = typeof obj.metadata?.name === "string" ? obj.metadata.name : undefined;
  const ns = typeof obj.metadata?.namespace === "string" ? obj.metadata.namespace : undefined;
  if (!kind || typeof obj.apiVersion !== "string") {
    return {
      status: "invalid",
      kind,
      name,
      namespace: ns,
      message: `not a Kubernetes object: ${!kind ? "kind" : "apiVersion"} is missing`,
      severity: "error",
    };
  }
  const group = obj.apiVersion.includes("/") ? obj.apiVersion.slice(0, obj.apiVersion.indexOf("/")) : "";
  const where = { kind, name, namespace: isNamespacedKind(kind) ? ns ?? "default" : undefined };
  try {
    if (group === GATEKEEPER_CONSTRAINTS_GROUP) return { status: "ok", key: "constraints", record: constraint(kind, raw) };
    const handler = HANDLERS[kind];
    if (handler) {
      if (kind === "Route" && group !== "route.openshift.io") return { status: "ignored", kind };
      const { key, record } = handler(raw, kind);
      return { status: "ok", key, record };
    }
    if (IGNORED_KINDS.has(kind)) return { status: "ignored", kind };
    return { status: "invalid", ...where, message: `unknown kind ${kind} (${obj.apiVersion}); skipped`, severity: "warning" };
  } catch (e) {
    if (e instanceof Invalid) return { status: "invalid", ...where, message: e.message, severity: "error" };
    throw e;
  }
}
