/** Pods, workloads, namespaces and service accounts. */
import type { z } from "zod";
import * as R from "../raw";
import type * as T from "../types";
import { clean, meta, ownerRefs, parse, quantities, selector, stringMap, DROPPED_ANNOTATIONS } from "./common";

// Records are built by assignment in their field order, not by spreading `cond ? { x } : {}`: a
// large cluster has ~10^5 containers, and each spread made and copied an object that was dropped.
function container(c: R.RawContainer, index: number): T.Container {
  const out = { name: c.name ?? `container-${index}`, image: c.image ?? "" } as T.Container;
  if (c.imagePullPolicy) out.imagePullPolicy = c.imagePullPolicy;
  out.ports = c.ports ? c.ports.map(containerPort) : [];
  if (c.securityContext) out.securityContext = clean(c.securityContext) as T.ContainerSecurityContext;
  const resources: T.Container["resources"] = {};
  const limits = quantities(c.resources?.limits);
  const requests = quantities(c.resources?.requests);
  if (limits) resources.limits = limits;
  if (requests) resources.requests = requests;
  out.resources = resources;
  out.volumeMounts = c.volumeMounts ? c.volumeMounts.map(volumeMount) : [];
  out.envNames = c.env ? c.env.map((e) => e.name) : [];
  return out;
}

function containerPort(p: NonNullable<R.RawContainer["ports"]>[number]): T.ContainerPort {
  const out = {} as T.ContainerPort;
  if (p.name) out.name = p.name;
  out.containerPort = p.containerPort;
  out.protocol = p.protocol ?? "TCP";
  if (p.hostPort) out.hostPort = p.hostPort;
  if (p.hostIP) out.hostIP = p.hostIP;
  return out;
}

function volumeMount(m: NonNullable<R.RawContainer["volumeMounts"]>[number]): T.Container["volumeMounts"][number] {
  const out: T.Container["volumeMounts"][number] = { name: m.name, mountPath: m.mountPath };
  if (m.readOnly) out.readOnly = true;
  return out;
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
  const out = { serviceAccountName: s.serviceAccountName || s.serviceAccount || "default" } as T.PodSpec;
  if (s.automountServiceAccountToken !== null && s.automountServiceAccountToken !== undefined) out.automountServiceAccountToken = s.automountServiceAccountToken;
  if (s.nodeName) out.nodeName = s.nodeName;
  out.hostNetwork = s.hostNetwork === true;
  out.hostPID = s.hostPID === true;
  out.hostIPC = s.hostIPC === true;
  if (s.hostUsers !== null && s.hostUsers !== undefined) out.hostUsers = s.hostUsers;
  out.securityContext = (clean(s.securityContext) as T.PodSecurityContext | undefined) ?? {};
  out.containers = s.containers.map(container);
  out.initContainers = s.initContainers ? s.initContainers.map(container) : [];
  out.ephemeralContainers = s.ephemeralContainers ? s.ephemeralContainers.map(container) : [];
  out.volumes = s.volumes ? s.volumes.map(volume) : [];
  return out;
}

function template(t: z.infer<typeof R.PodTemplateS>): T.PodTemplate {
  return {
    labels: stringMap(t.metadata?.labels),
    annotations: stringMap(t.metadata?.annotations, DROPPED_ANNOTATIONS),
    spec: podSpec(t.spec),
  };
}

export function pod(raw: unknown): T.Pod {
  const p = parse(R.PodS, raw);
  const out = meta(p.metadata, true) as T.Pod;
  out.ownerReferences = ownerRefs(p.metadata);
  out.owner = { kind: "Pod", name: out.name };
  out.spec = podSpec(p.spec);
  if (p.status?.phase) out.phase = p.status.phase;
  out.podIPs = p.status?.podIPs?.map((x) => x.ip) ?? (p.status?.podIP ? [p.status.podIP] : []);
  if (p.status?.hostIP) out.hostIP = p.status.hostIP;
  return out;
}

/** A workload's record: its metadata (namespace included), then kind, owners and template. */
function workloadBase(kind: T.WorkloadKind, metadata: R.RawMetadata, tpl: z.infer<typeof R.PodTemplateS>): T.Workload {
  const out = meta(metadata, true) as T.Workload;
  out.kind = kind;
  out.ownerReferences = ownerRefs(metadata);
  out.template = template(tpl);
  return out;
}

export function workload(kind: T.WorkloadKind, raw: unknown): T.Workload {
  if (kind === "CronJob") {
    const c = parse(R.CronJobS, raw);
    const out = workloadBase(kind, c.metadata, c.spec.jobTemplate.spec.template);
    out.schedule = c.spec.schedule;
    out.replicas = 1;
    return out;
  }
  if (kind === "Job") {
    const j = parse(R.JobS, raw);
    const out = workloadBase(kind, j.metadata, j.spec.template);
    out.replicas = j.spec.parallelism ?? 1;
    if (j.spec.selector) out.selector = selector(j.spec.selector, "spec.selector");
    return out;
  }
  if (kind === "ReplicationController") {
    const rc = parse(R.ReplicationControllerS, raw);
    const out = workloadBase(kind, rc.metadata, rc.spec.template);
    out.replicas = rc.spec.replicas ?? 1;
    // An RC without a selector defaults to its template's labels.
    out.selector = { matchLabels: rc.spec.selector ? stringMap(rc.spec.selector) : out.template.labels };
    return out;
  }
  const w = parse(R.ReplicatedS, raw);
  const out = workloadBase(kind, w.metadata, w.spec.template);
  if (kind !== "DaemonSet") out.replicas = w.spec.replicas ?? 1;
  if (w.spec.selector) out.selector = selector(w.spec.selector, "spec.selector");
  return out;
}

export function namespace(raw: unknown): T.Namespace {
  const n = parse(R.NamespaceS, raw);
  const out = meta(n.metadata, false) as T.Namespace;
  if (n.status?.phase) out.phase = n.status.phase;
  return out;
}

export function serviceAccount(raw: unknown): T.ServiceAccount {
  const s = parse(R.ServiceAccountS, raw);
  const out = meta(s.metadata, true) as T.ServiceAccount;
  if (s.automountServiceAccountToken !== null && s.automountServiceAccountToken !== undefined) out.automountServiceAccountToken = s.automountServiceAccountToken;
  out.secretNames = (s.secrets ?? []).map((x) => x.name ?? "").filter(Boolean);
  return out;
}
