/** Flat rows for object lists: one line per object with the facts a reader scans for. */
import { kindOfCollection, type CollectionKey } from "./kinds";
import { formatSelector } from "./selector";
import type { ClusterSnapshot } from "./snapshot";
import type * as T from "./types";

export interface ObjectRow {
  kind: string;
  namespace?: string;
  name: string;
  labels: Record<string, string>;
  summary: string;
}

type Summarize = (rec: never) => string;

const SUMMARIES: Partial<Record<CollectionKey, Summarize>> = {
  pods: (p: T.Pod) =>
    [
      p.owner.kind !== "Pod" ? `${p.owner.kind}/${p.owner.name}` : "bare pod",
      p.synthesized ? `from template, ${p.synthesized.replicas} replica(s)` : p.phase ?? "",
      `sa ${p.spec.serviceAccountName}`,
      p.spec.hostNetwork ? "hostNetwork" : "",
    ]
      .filter(Boolean)
      .join(" · "),
  workloads: (w: T.Workload) => [w.replicas !== undefined ? `${w.replicas} replica(s)` : "", `sa ${w.template.spec.serviceAccountName}`, w.schedule ? `schedule ${w.schedule}` : ""].filter(Boolean).join(" · "),
  services: (s: T.Service) => `${s.type} · ${s.ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ""}/${p.protocol}`).join(", ") || "no ports"}`,
  networkPolicies: (n: T.NetworkPolicy) => `selects ${formatSelector(n.podSelector)} · ${n.policyTypes.join("+")} · ${n.ingress.length} ingress, ${n.egress.length} egress rule(s)`,
  clusterNetworkPolicies: (c: T.ClusterNetworkPolicy) => `${c.tier} tier · priority ${c.priority} · ${c.ingress.length} ingress, ${c.egress.length} egress rule(s)`,
  roles: (r: T.Role) => `${r.rules.length} rule(s)`,
  clusterRoles: (r: T.Role) => `${r.rules.length} rule(s)${r.aggregationRule ? " · aggregated" : ""}`,
  roleBindings: (b: T.RoleBinding) => `${b.roleRef.kind}/${b.roleRef.name} → ${b.subjects.map((s) => `${s.kind} ${s.namespace ? `${s.namespace}/` : ""}${s.name}`).join(", ") || "no subjects"}`,
  clusterRoleBindings: (b: T.RoleBinding) => `${b.roleRef.kind}/${b.roleRef.name} → ${b.subjects.map((s) => `${s.kind} ${s.namespace ? `${s.namespace}/` : ""}${s.name}`).join(", ") || "no subjects"}`,
  serviceAccounts: (a: T.ServiceAccount) => (a.automountServiceAccountToken === false ? "token not automounted" : "token automounted"),
  ingresses: (i: T.Ingress) => i.rules.map((r) => r.host ?? "*").join(", ") || "default backend",
  namespaces: (n: T.Namespace) => (n.implicit ? "implicit (referenced, not declared)" : Object.entries(n.labels).filter(([k]) => k.startsWith("pod-security")).map(([k, v]) => `${k.split("/")[1]}=${v}`).join(", ")),
  nodes: (n: T.Node) => [n.kubeletVersion, n.osImage, n.containerRuntimeVersion].filter(Boolean).join(" · "),
};

export function objectRows(s: ClusterSnapshot, key: CollectionKey): ObjectRow[] {
  const summarize = SUMMARIES[key] as ((r: unknown) => string) | undefined;
  return (s[key] as unknown as (T.Meta & { kind?: string })[]).map((r) => ({
    kind: r.kind ?? kindOfCollection(key),
    ...(r.namespace ? { namespace: r.namespace } : {}),
    name: r.name,
    labels: r.labels ?? {},
    summary: summarize ? summarize(r) : "",
  }));
}

/** Case-insensitive search over kind, namespace, name, labels and summary. */
export function searchRows(rows: readonly ObjectRow[], q: string): ObjectRow[] {
  const terms = q.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [...rows];
  return rows.filter((r) => {
    const hay = `${r.kind} ${r.namespace ?? ""}/${r.name} ${Object.entries(r.labels).map(([k, v]) => `${k}=${v}`).join(" ")} ${r.summary}`.toLowerCase();
    return terms.every((t) => hay.includes(t));
  });
}

/** One page of rows: those of a namespace (when given) matching a search (when given), and how many matched. */
export function pageRows(rows: readonly ObjectRow[], o: { namespace?: string; q?: string; offset: number; limit: number }): { total: number; rows: ObjectRow[] } {
  let matched = o.namespace ? rows.filter((r) => r.namespace === o.namespace) : [...rows];
  if (o.q) matched = searchRows(matched, o.q);
  return { total: matched.length, rows: matched.slice(o.offset, o.offset + o.limit) };
}
