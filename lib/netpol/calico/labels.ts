/**
 * The labels Calico's selectors see (projectcalico/calico libcalico-go conversion.go and the
 * update processors): a pod's workload endpoint carries its own labels plus
 * `projectcalico.org/namespace`, `projectcalico.org/orchestrator: k8s` and
 * `projectcalico.org/serviceaccount`, and inherits from its profiles the namespace's labels as
 * `pcns.<key>` (with `pcns.projectcalico.org/name`) and the service account's labels as
 * `pcsa.<key>` (with `pcsa.projectcalico.org/name`). A NetworkSet carries its labels, its namespace
 * label and the `pcns.` labels of its namespace; a GlobalNetworkSet only its own labels.
 * Host-networked pods have no workload endpoint: selectors never match them.
 */
import type { Labels, Pod } from "../../model/types";

export const NAMESPACE_LABEL = "projectcalico.org/namespace";
export const ORCHESTRATOR_LABEL = "projectcalico.org/orchestrator";
export const SERVICE_ACCOUNT_LABEL = "projectcalico.org/serviceaccount";
export const NAME_LABEL = "projectcalico.org/name";

export function namespaceProfileLabels(namespace: string, nsLabels: Labels): Labels {
  const out: Labels = {};
  for (const k in nsLabels) out[`pcns.${k}`] = nsLabels[k];
  out[`pcns.${NAME_LABEL}`] = namespace;
  return out;
}

export function calicoEndpointLabels(pod: Pod, nsLabels: Labels, saLabels: Labels | undefined): Labels {
  const sa = pod.spec.serviceAccountName || "default";
  const out: Labels = { ...namespaceProfileLabels(pod.namespace, nsLabels) };
  if (saLabels) {
    for (const k in saLabels) out[`pcsa.${k}`] = saLabels[k];
    out[`pcsa.${NAME_LABEL}`] = sa;
  }
  Object.assign(out, pod.labels);
  out[NAMESPACE_LABEL] = pod.namespace;
  out[ORCHESTRATOR_LABEL] = "k8s";
  if (sa.length < 63) out[SERVICE_ACCOUNT_LABEL] = sa;
  return out;
}

export function networkSetLabels(labels: Labels, namespace: string | undefined, nsLabels: Labels | undefined): Labels {
  if (namespace === undefined) return { ...labels };
  return { ...namespaceProfileLabels(namespace, nsLabels ?? {}), ...labels, [NAMESPACE_LABEL]: namespace };
}
