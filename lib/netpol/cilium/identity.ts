/**
 * The labels Cilium derives a pod's security identity from, which is what every Cilium selector —
 * and every Kubernetes NetworkPolicy selector Cilium translates — is matched against:
 * - the pod's labels, minus those the default identity-relevant label filter drops
 *   (cilium/cilium pkg/labelsfilter/filter.go defaultLabelPrefixCfg: io.kubernetes*, *kubernetes.io*,
 *   *.beta.kubernetes.io, k8s.io*, pod-template-generation, pod-template-hash,
 *   controller-revision-hash, annotation*, etcd_node; app.kubernetes.io*, the namespace label and
 *   namespace labels are kept. Patterns match at the start of the key and the longest match wins,
 *   so `statefulset.kubernetes.io/pod-name` is kept and `kubernetes.io/hostname` is dropped);
 * - `io.kubernetes.pod.namespace`, `io.cilium.k8s.policy.serviceaccount`,
 *   `io.cilium.k8s.policy.cluster` (the cluster name, `default` unless configured) and
 *   `io.cilium.k8s.namespace.labels.<key>` for each label of the pod's namespace
 *   (Documentation/security/policy/kubernetes.rst "Namespaces", "ServiceAccounts", "Multi-Cluster").
 * A selector on a label the filter drops (pod-template-hash, statefulset.kubernetes.io/pod-name)
 * therefore never matches under Cilium, even in a Kubernetes NetworkPolicy.
 */
import type { Labels, Pod } from "../../model/types";

export const POD_NAMESPACE_LABEL = "io.kubernetes.pod.namespace";
export const SERVICE_ACCOUNT_LABEL = "io.cilium.k8s.policy.serviceaccount";
export const CLUSTER_LABEL = "io.cilium.k8s.policy.cluster";
export const NAMESPACE_LABELS_PREFIX = "io.cilium.k8s.namespace.labels.";
export const DEFAULT_CLUSTER_NAME = "default";

/** [pattern, include]: a key is dropped when its longest match is an ignore pattern. */
const FILTER: readonly [RegExp, boolean][] = (
  [
    [POD_NAMESPACE_LABEL, true],
    [NAMESPACE_LABELS_PREFIX.slice(0, -1), true],
    ["app.kubernetes.io", true],
    ["io.kubernetes", false],
    ["kubernetes.io", false],
    [".*beta.kubernetes.io", false],
    ["k8s.io", false],
    ["pod-template-generation", false],
    ["pod-template-hash", false],
    ["controller-revision-hash", false],
    ["annotation", false],
    ["etcd_node", false],
  ] as const
).map(([p, inc]) => [new RegExp(`^${p.replace(/\./g, "\\.").replace("\\.*", ".*")}`), inc]);

/** Whether a pod label takes part in the pod's Cilium identity under the default label filter. */
export function isIdentityLabel(key: string): boolean {
  let included = 0;
  let ignored = 0;
  for (const [re, inc] of FILTER) {
    const m = re.exec(key);
    if (!m) continue;
    if (inc) included = Math.max(included, m[0].length);
    else ignored = Math.max(ignored, m[0].length);
  }
  return ignored === 0 || included > ignored;
}

const filteredCache = new WeakMap<Labels, Labels>();

/** A pod's labels that count for its identity. */
export function identityPodLabels(labels: Labels): Labels {
  let out = filteredCache.get(labels);
  if (out) return out;
  out = {};
  for (const k in labels) if (isIdentityLabel(k)) out[k] = labels[k];
  filteredCache.set(labels, out);
  return out;
}

/** All identity labels of a pod (see the module comment); selector keys are compared without their `k8s:` source. */
export function ciliumIdentityLabels(pod: Pod, namespaceLabels: Labels, cluster = DEFAULT_CLUSTER_NAME): Labels {
  const out: Labels = { ...identityPodLabels(pod.labels) };
  out[POD_NAMESPACE_LABEL] = pod.namespace;
  out[SERVICE_ACCOUNT_LABEL] = pod.spec.serviceAccountName || "default";
  out[CLUSTER_LABEL] = cluster;
  for (const k in namespaceLabels) out[NAMESPACE_LABELS_PREFIX + k] = namespaceLabels[k];
  return out;
}
