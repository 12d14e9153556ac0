/**
 * How a flow fix names its ends: the most specific stable labels of a workload's pods (its own
 * selector first, never the labels controllers stamp on each pod or revision), a namespace by
 * `kubernetes.io/metadata.name` (set by the API server on every namespace since Kubernetes 1.21,
 * kubernetes/enhancements KEP-2161), an outside address as a /32 or /128 ipBlock.
 */
import type { ClusterSnapshot, NetworkPolicyPeer, Pod } from "../model";
import { matchesSelector, type Labels } from "../model/selector";

/**
 * Labels that differ between the pods of one workload or between its revisions: pod-template-hash
 * (Deployment → ReplicaSet), controller-revision-hash and pod-template-generation (StatefulSet,
 * DaemonSet), the per-pod StatefulSet and Job index labels, Job controller-uid, and version-like
 * labels that change on every upgrade (app.kubernetes.io/version, helm.sh/chart).
 */
const UNSTABLE = new Set([
  "pod-template-hash",
  "controller-revision-hash",
  "pod-template-generation",
  "statefulset.kubernetes.io/pod-name",
  "apps.kubernetes.io/pod-index",
  "controller-uid",
  "batch.kubernetes.io/controller-uid",
  "batch.kubernetes.io/job-completion-index",
  "job-name",
  "batch.kubernetes.io/job-name",
  "app.kubernetes.io/version",
  "version",
  "helm.sh/chart",
  "chart",
]);

export const isStableLabel = (key: string): boolean => !UNSTABLE.has(key);

/** Preferred keys first (the recommended app labels, then common conventions), the rest by name. */
const PREFERRED = ["app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/component", "app", "k8s-app", "component", "tier", "role"];
const rank = (k: string) => (PREFERRED.includes(k) ? PREFERRED.indexOf(k) : PREFERRED.length);

/** Labels every pod of the set carries with the same value, stable keys only. */
function commonStable(pods: readonly Pod[]): Labels {
  const out: Labels = {};
  for (const [k, v] of Object.entries(pods[0]?.labels ?? {})) if (isStableLabel(k) && pods.every((p) => p.labels[k] === v)) out[k] = v;
  return out;
}

export interface PodSelection {
  matchLabels: Labels;
  /** Other pods of the namespace the labels also select (the fix reaches them too). */
  alsoSelects: string[];
}

/**
 * The labels that select `pods` (one workload's pods, all in one namespace): the owning workload's
 * own matchLabels when they are stable, then, while other pods of the namespace still match, the
 * pods' other common stable labels in preference order.
 */
export function selectPods(snapshot: ClusterSnapshot, pods: readonly Pod[]): PodSelection {
  const ns = pods[0].namespace;
  const mine = new Set(pods);
  const others = snapshot.pods.filter((p) => p.namespace === ns && !mine.has(p) && !p.spec.hostNetwork);
  const common = commonStable(pods);
  const owner = pods[0].owner;
  const workload = snapshot.workloads.find((w) => w.namespace === ns && w.kind === owner.kind && w.name === owner.name);
  const own = workload?.selector?.matchLabels && !workload.selector.matchExpressions?.length ? workload.selector.matchLabels : undefined;
  const labels: Labels = {};
  if (own && Object.keys(own).every((k) => isStableLabel(k) && common[k] === own[k])) Object.assign(labels, own);
  const rest = Object.keys(common)
    .filter((k) => !(k in labels))
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  const stillOthers = () => others.filter((p) => matchesSelector({ matchLabels: labels }, p.labels));
  if (Object.keys(labels).length === 0 && rest.length) labels[rest[0]] = common[rest.shift()!];
  for (const k of rest) {
    if (stillOthers().length === 0) break;
    labels[k] = common[k];
  }
  return { matchLabels: labels, alsoSelects: stillOthers().map((p) => `${p.namespace}/${p.name}`) };
}

export type FlowEnd = { kind: "pods"; pods: Pod[]; label: string } | { kind: "ip"; ip: string; label: string };

/** The NetworkPolicyPeer that names `end` from a policy in `policyNamespace`. */
export function peerFor(snapshot: ClusterSnapshot, end: FlowEnd, policyNamespace: string): { peer: NetworkPolicyPeer; note?: string } {
  if (end.kind === "ip") return { peer: { ipBlock: { cidr: `${end.ip}/${end.ip.includes(":") ? 128 : 32}`, except: [] } } };
  const first = end.pods[0];
  if (first.spec.hostNetwork && first.hostIP) {
    // the CNI sees a host-networked pod as its node's address: selectors never match it
    return { peer: { ipBlock: { cidr: `${first.hostIP}/${first.hostIP.includes(":") ? 128 : 32}`, except: [] } }, note: `${end.label} uses the host network: it is named by its node's address ${first.hostIP}, which every host-networked pod on that node shares` };
  }
  const sel = selectPods(snapshot, end.pods);
  const podSelector = { matchLabels: sel.matchLabels };
  const note = sel.alsoSelects.length ? `the labels of ${end.label} also select ${sel.alsoSelects.slice(0, 5).join(", ")}${sel.alsoSelects.length > 5 ? ` and ${sel.alsoSelects.length - 5} more` : ""}` : undefined;
  const peer: NetworkPolicyPeer = first.namespace === policyNamespace ? { podSelector } : { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": first.namespace } }, podSelector };
  return { peer, ...(note ? { note } : {}) };
}
