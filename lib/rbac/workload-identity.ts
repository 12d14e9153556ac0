/**
 * Workload identity: which pods run as which service account, whether its token is mounted, and what
 * that token can do. Mounting follows the API: pod.spec.automountServiceAccountToken, when set,
 * overrides the ServiceAccount's automountServiceAccountToken; both absent means true. A projected
 * volume with a serviceAccountToken source mounts a token whatever automount says.
 */
import type { Pod, WorkloadRef } from "../model";
import type { RbacIndex } from "./rbac-index";
import { serviceAccountRisk, type IdentityRisk, type RiskOptions } from "./sa-risk";

export interface TokenMount {
  mounted: boolean;
  /** Which field decided: "pod", "serviceAccount", "default", "projected volume". */
  decidedBy: "pod" | "serviceAccount" | "default" | "projected volume";
}

export interface WorkloadIdentity {
  namespace: string;
  /** The top-level owner (Deployment, StatefulSet, ...), or the pod itself. */
  workload: WorkloadRef;
  pods: string[];
  synthesized: boolean;
  serviceAccount: { namespace: string; name: string; exists: boolean | null };
  token: TokenMount;
  risk: IdentityRisk;
}

/** Is the service account token mounted into this pod, and which field says so? */
export function tokenMount(pod: Pod, saAutomount: boolean | undefined): TokenMount {
  if (pod.spec.volumes.some((v) => v.projectedSources?.includes("serviceAccountToken"))) return { mounted: true, decidedBy: "projected volume" };
  if (pod.spec.automountServiceAccountToken !== undefined) return { mounted: pod.spec.automountServiceAccountToken, decidedBy: "pod" };
  if (saAutomount !== undefined) return { mounted: saAutomount, decidedBy: "serviceAccount" };
  return { mounted: true, decidedBy: "default" };
}

/**
 * One entry per workload (pods of one owner share the template, hence the account and the mount),
 * sorted by namespace and name. `exists` is null when the input holds no ServiceAccounts at all.
 */
export function workloadIdentities(index: RbacIndex, opts: RiskOptions = {}): readonly WorkloadIdentity[] {
  let m = identities.get(index);
  if (!m) identities.set(index, (m = new Map()));
  const key = `${(opts.privilegedNamespaces ?? []).join(",")}\u0000${opts.eks ?? ""}`;
  let r = m.get(key);
  if (!r) m.set(key, (r = identitiesOf(index, opts)));
  return r;
}

/** Per index and risk options: the RBAC findings and their counts both read them. */
const identities = new WeakMap<RbacIndex, Map<string, readonly WorkloadIdentity[]>>();

function identitiesOf(index: RbacIndex, opts: RiskOptions): WorkloadIdentity[] {
  const byWorkload = new Map<string, WorkloadIdentity>();
  for (const pod of index.pods) {
    const saName = pod.spec.serviceAccountName || "default";
    const key = `${pod.namespace}/${pod.owner.kind}/${pod.owner.name}/${saName}`;
    const existing = byWorkload.get(key);
    if (existing) {
      existing.pods.push(pod.name);
      continue;
    }
    const sa = index.serviceAccounts.get(`${pod.namespace}/${saName}`);
    // Every namespace has a "default" ServiceAccount (the serviceaccount controller creates it).
    const exists = sa || saName === "default" ? true : index.hasServiceAccounts ? false : null;
    byWorkload.set(key, {
      namespace: pod.namespace,
      workload: pod.owner,
      pods: [pod.name],
      synthesized: !!pod.synthesized,
      serviceAccount: { namespace: pod.namespace, name: saName, exists },
      token: tokenMount(pod, sa?.automountServiceAccountToken),
      risk: serviceAccountRisk(index, pod.namespace, saName, opts),
    });
  }
  return [...byWorkload.values()].sort((a, b) => a.namespace.localeCompare(b.namespace) || a.workload.name.localeCompare(b.workload.name));
}
