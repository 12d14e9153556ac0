/**
 * Records back into manifests: the inverse of normalize/ for the kinds a what-if edits or a fix
 * proposes (namespaces, service accounts, roles and bindings, NetworkPolicies, pods and workloads).
 * A manifest holds what the record holds — every field the analysis reads — so normalizing it gives
 * the record back (manifest.test.ts checks the round trip). What the loader dropped at the boundary
 * (environment values, volume details, status, managedFields) is not in it; workload manifests say
 * so in `lossy`.
 */
import { KIND_BY_NAME } from "./kinds";
import type { LabelSelector, Labels } from "./selector";
import type * as T from "./types";

export type Manifest = Record<string, unknown> & { apiVersion: string; kind: string; metadata: Record<string, unknown> };

export function apiVersionOf(kind: string): string {
  const k = KIND_BY_NAME.get(kind);
  if (!k) throw new Error(`no API version known for kind ${kind}`);
  return k.group ? `${k.group}/${k.version}` : k.version;
}

const nonEmpty = (m: Labels | undefined) => (m && Object.keys(m).length ? m : undefined);

/** `{a: undefined}` → `{}`: manifests carry no undefined fields (YAML would print them as null). */
function compact<O extends Record<string, unknown>>(o: O): O {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

function metadata(r: T.Meta): Record<string, unknown> {
  return compact({
    name: r.name,
    namespace: r.namespace,
    uid: r.uid,
    labels: nonEmpty(r.labels),
    annotations: nonEmpty(r.annotations),
    creationTimestamp: r.creationTimestamp,
  });
}

function withOwners(m: Record<string, unknown>, refs: readonly T.OwnerReference[]): Record<string, unknown> {
  return refs.length ? { ...m, ownerReferences: refs.map((o) => ({ ...o })) } : m;
}

function head(kind: string, r: T.Meta): Manifest {
  return { apiVersion: apiVersionOf(kind), kind, metadata: metadata(r) };
}

export function selectorManifest(s: LabelSelector): Record<string, unknown> {
  return compact({ matchLabels: s.matchLabels ? { ...s.matchLabels } : undefined, matchExpressions: s.matchExpressions?.map((e) => ({ ...e, ...(e.values ? { values: [...e.values] } : {}) })) });
}

function ruleManifest(r: T.PolicyRule): Record<string, unknown> {
  return compact({
    apiGroups: r.apiGroups.length || !r.nonResourceURLs.length ? [...r.apiGroups] : undefined,
    resources: r.resources.length ? [...r.resources] : undefined,
    resourceNames: r.resourceNames.length ? [...r.resourceNames] : undefined,
    nonResourceURLs: r.nonResourceURLs.length ? [...r.nonResourceURLs] : undefined,
    verbs: [...r.verbs],
  });
}

export function roleManifest(r: T.Role): Manifest {
  const out: Manifest = { ...head(r.kind, r), rules: r.aggregationRule && r.aggregation?.computed ? [] : r.rules.map(ruleManifest) };
  if (r.aggregationRule) out.aggregationRule = { clusterRoleSelectors: r.aggregationRule.clusterRoleSelectors.map(selectorManifest) };
  return out;
}

export function roleBindingManifest(b: T.RoleBinding): Manifest {
  return { ...head(b.kind, b), roleRef: { ...b.roleRef }, subjects: b.subjects.map((s) => ({ ...s })) };
}

function peerManifest(p: T.NetworkPolicyPeer): Record<string, unknown> {
  return compact({
    podSelector: p.podSelector ? selectorManifest(p.podSelector) : undefined,
    namespaceSelector: p.namespaceSelector ? selectorManifest(p.namespaceSelector) : undefined,
    ipBlock: p.ipBlock ? { cidr: p.ipBlock.cidr, ...(p.ipBlock.except.length ? { except: [...p.ipBlock.except] } : {}) } : undefined,
  });
}

function portManifest(p: T.NetworkPolicyPort): Record<string, unknown> {
  return compact({ protocol: p.protocol, port: p.port, endPort: p.endPort });
}

export function networkPolicyManifest(n: T.NetworkPolicy): Manifest {
  const rules = <R extends { ports: T.NetworkPolicyPort[] }>(list: readonly R[], peers: (r: R) => T.NetworkPolicyPeer[], field: "from" | "to") =>
    list.map((r) => compact({ [field]: peers(r).length ? peers(r).map(peerManifest) : undefined, ports: r.ports.length ? r.ports.map(portManifest) : undefined }));
  return {
    ...head("NetworkPolicy", n),
    spec: compact({
      podSelector: selectorManifest(n.podSelector),
      policyTypes: n.policyTypesDefaulted ? undefined : [...n.policyTypes],
      ingress: n.ingress.length ? rules(n.ingress, (r) => r.from, "from") : undefined,
      egress: n.egress.length ? rules(n.egress, (r) => r.to, "to") : undefined,
    }),
  };
}

function containerManifest(c: T.Container): Record<string, unknown> {
  return compact({
    name: c.name,
    image: c.image,
    imagePullPolicy: c.imagePullPolicy,
    ports: c.ports.length ? c.ports.map((p) => ({ ...p })) : undefined,
    securityContext: c.securityContext ? structuredClone(c.securityContext) : undefined,
    resources: c.resources.limits || c.resources.requests ? structuredClone(c.resources) : undefined,
    volumeMounts: c.volumeMounts.length ? c.volumeMounts.map((m) => ({ ...m })) : undefined,
    env: c.envNames.length ? c.envNames.map((name) => ({ name })) : undefined,
  });
}

function volumeManifest(v: T.Volume): Record<string, unknown> {
  if (v.hostPath) return { name: v.name, hostPath: { ...v.hostPath } };
  if (v.type === "secret") return { name: v.name, secret: v.secretName ? { secretName: v.secretName } : {} };
  if (v.type === "projected") return { name: v.name, projected: { sources: (v.projectedSources ?? []).map((s) => ({ [s]: {} })) } };
  return { name: v.name, [v.type]: {} };
}

export function podSpecManifest(s: T.PodSpec): Record<string, unknown> {
  const list = (cs: readonly T.Container[]) => (cs.length ? cs.map(containerManifest) : undefined);
  return compact({
    serviceAccountName: s.serviceAccountName,
    automountServiceAccountToken: s.automountServiceAccountToken,
    nodeName: s.nodeName,
    hostNetwork: s.hostNetwork || undefined,
    hostPID: s.hostPID || undefined,
    hostIPC: s.hostIPC || undefined,
    hostUsers: s.hostUsers,
    securityContext: Object.keys(s.securityContext).length ? structuredClone(s.securityContext) : undefined,
    containers: s.containers.map(containerManifest),
    initContainers: list(s.initContainers),
    ephemeralContainers: list(s.ephemeralContainers),
    volumes: s.volumes.length ? s.volumes.map(volumeManifest) : undefined,
  });
}

function templateManifest(t: T.PodTemplate): Record<string, unknown> {
  return { metadata: compact({ labels: nonEmpty(t.labels) ? { ...t.labels } : undefined, annotations: nonEmpty(t.annotations) ? { ...t.annotations } : undefined }), spec: podSpecManifest(t.spec) };
}

export function workloadManifest(w: T.Workload): Manifest {
  const m: Manifest = { ...head(w.kind, w), metadata: withOwners(metadata(w), w.ownerReferences) };
  const template = templateManifest(w.template);
  const selector = w.selector ? selectorManifest(w.selector) : undefined;
  switch (w.kind) {
    case "CronJob":
      return { ...m, spec: { schedule: w.schedule, jobTemplate: { spec: { template } } } };
    case "Job":
      return { ...m, spec: compact({ parallelism: w.replicas, selector, template }) };
    case "ReplicationController":
      return { ...m, spec: compact({ replicas: w.replicas, selector: w.selector?.matchLabels ? { ...w.selector.matchLabels } : undefined, template }) };
    case "DaemonSet":
      return { ...m, spec: compact({ selector, template }) };
    default:
      return { ...m, spec: compact({ replicas: w.replicas, selector, template }) };
  }
}

export function podManifest(p: T.Pod): Manifest {
  const status = compact({ phase: p.phase, podIPs: p.podIPs.length ? p.podIPs.map((ip) => ({ ip })) : undefined, hostIP: p.hostIP });
  return { ...head("Pod", p), metadata: withOwners(metadata(p), p.ownerReferences), spec: podSpecManifest(p.spec), ...(Object.keys(status).length ? { status } : {}) };
}

export function serviceAccountManifest(a: T.ServiceAccount): Manifest {
  return compact({ ...head("ServiceAccount", a), automountServiceAccountToken: a.automountServiceAccountToken, secrets: a.secretNames.length ? a.secretNames.map((name) => ({ name })) : undefined });
}

export function namespaceManifest(n: T.Namespace): Manifest {
  return compact({ ...head("Namespace", n), status: n.phase ? { phase: n.phase } : undefined });
}

/** Kinds whose records can be written back as manifests (edited as YAML in a draft). */
export const WRITABLE_KINDS: ReadonlySet<string> = new Set(["Namespace", "ServiceAccount", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "NetworkPolicy", "Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "ReplicationController"]);

/** Kinds whose manifests leave out what the loader dropped (environment values, volume sources, status). */
export const LOSSY_KINDS: ReadonlySet<string> = new Set(["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "ReplicationController"]);

/** A record's manifest, or undefined for kinds without a writer. `kind` is the record's kind. */
export function toManifest(kind: string, record: unknown): Manifest | undefined {
  switch (kind) {
    case "Namespace":
      return namespaceManifest(record as T.Namespace);
    case "ServiceAccount":
      return serviceAccountManifest(record as T.ServiceAccount);
    case "Role":
    case "ClusterRole":
      return roleManifest(record as T.Role);
    case "RoleBinding":
    case "ClusterRoleBinding":
      return roleBindingManifest(record as T.RoleBinding);
    case "NetworkPolicy":
      return networkPolicyManifest(record as T.NetworkPolicy);
    case "Pod":
      return podManifest(record as T.Pod);
    default:
      return WRITABLE_KINDS.has(kind) ? workloadManifest(record as T.Workload) : undefined;
  }
}
