/** Pods, workloads, namespaces and service accounts. */
import type { z } from "zod";
import * as R from "../raw";
import type * as T from "../types";
import { clean, meta, ownerRefs, parse, quantities, selector, stringMap, DROPPED_ANNOTATIONS } from "./common";

function container(c: R.RawContainer, index: number): T.Container {
  return {
    name: c.name ?? `container-${index}`,
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

export function pod(raw: unknown): T.Pod {
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

export function workload(kind: T.WorkloadKind, raw: unknown): T.Workload {
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

export function namespace(raw: unknown): T.Namespace {
  const n = parse(R.NamespaceS, raw);
  return { ...meta(n.metadata, false), ...(n.status?.phase ? { phase: n.status.phase } : {}) };
}

export function serviceAccount(raw: unknown): T.ServiceAccount {
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
