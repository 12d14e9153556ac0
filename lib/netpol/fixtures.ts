/**
 * Small builders for tests and benchmarks: raw Kubernetes objects fed through the real snapshot
 * builder, so API defaults (policyTypes, protocol TCP, namespace name label, owners) apply exactly as
 * they do for files.
 */
import { SnapshotBuilder } from "../model/assemble";
import type { ClusterSnapshot } from "../model/snapshot";

type Raw = Record<string, unknown>;
type Labels = Record<string, string>;

export function snapshotOf(objects: readonly Raw[]): ClusterSnapshot {
  const b = new SnapshotBuilder({ type: "files", id: "fixture", label: "fixture" });
  objects.forEach((o, i) => b.add(o, { source: "fixture", document: i + 1 }));
  const s = b.build({ synthesizePods: true, aggregation: "compute" });
  const errors = s.issues.filter((i) => i.severity === "error");
  if (errors.length) throw new Error(`fixture: ${errors.map((e) => `${e.kind ?? ""} ${e.name ?? ""}: ${e.message}`).join("; ")}`);
  return s;
}

export function namespace(name: string, labels: Labels = {}): Raw {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } };
}

export interface PodOpts {
  ports?: { name?: string; containerPort: number; protocol?: string; hostPort?: number }[];
  ip?: string;
  hostNetwork?: boolean;
  hostIP?: string;
  nodeName?: string;
  owner?: { kind: string; name: string };
  serviceAccountName?: string;
}

export function pod(ns: string, name: string, labels: Labels = {}, o: PodOpts = {}): Raw {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: ns,
      labels,
      ...(o.owner ? { ownerReferences: [{ apiVersion: "apps/v1", kind: o.owner.kind, name: o.owner.name, controller: true }] } : {}),
    },
    spec: {
      ...(o.hostNetwork ? { hostNetwork: true } : {}),
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      ...(o.serviceAccountName ? { serviceAccountName: o.serviceAccountName } : {}),
      containers: [{ name: "c", image: "img:1", ports: o.ports ?? [] }],
    },
    status: { phase: "Running", ...(o.ip ? { podIP: o.ip, podIPs: [{ ip: o.ip }] } : {}), ...(o.hostIP ? { hostIP: o.hostIP } : {}) },
  };
}

export function deployment(ns: string, name: string, labels: Labels, o: { ports?: PodOpts["ports"]; replicas?: number; serviceAccountName?: string; hostNetwork?: boolean } = {}): Raw {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: ns },
    spec: {
      replicas: o.replicas ?? 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          ...(o.serviceAccountName ? { serviceAccountName: o.serviceAccountName } : {}),
          ...(o.hostNetwork ? { hostNetwork: true } : {}),
          containers: [{ name: "c", image: "img:1", ports: o.ports ?? [] }],
        },
      },
    },
  };
}

export function networkPolicy(ns: string, name: string, spec: Raw): Raw {
  return { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace: ns }, spec };
}

export function adminNetworkPolicy(name: string, priority: number, spec: Raw): Raw {
  return { apiVersion: "policy.networking.k8s.io/v1alpha1", kind: "AdminNetworkPolicy", metadata: { name }, spec: { priority, ...spec } };
}

export function baselineAdminNetworkPolicy(spec: Raw): Raw {
  return { apiVersion: "policy.networking.k8s.io/v1alpha1", kind: "BaselineAdminNetworkPolicy", metadata: { name: "default" }, spec };
}

export function clusterNetworkPolicy(name: string, tier: "Admin" | "Baseline", priority: number, spec: Raw): Raw {
  return { apiVersion: "policy.networking.k8s.io/v1alpha2", kind: "ClusterNetworkPolicy", metadata: { name }, spec: { tier, priority, ...spec } };
}

export function service(ns: string, name: string, selector: Labels, ports: { port: number; targetPort?: number | string; protocol?: string; nodePort?: number; name?: string }[], extra: Raw = {}): Raw {
  return { apiVersion: "v1", kind: "Service", metadata: { name, namespace: ns }, spec: { selector, ports, ...extra } };
}

export function ingress(ns: string, name: string, backends: { service: string; port: number | string }[], className?: string): Raw {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name, namespace: ns },
    spec: {
      ...(className ? { ingressClassName: className } : {}),
      rules: [
        {
          host: `${name}.example.com`,
          http: {
            paths: backends.map((b, i) => ({
              path: `/${i}`,
              pathType: "Prefix",
              backend: { service: { name: b.service, port: typeof b.port === "number" ? { number: b.port } : { name: b.port } } },
            })),
          },
        },
      ],
    },
  };
}
