/**
 * Workload identity: which pods run as which service account, whether its token is mounted, and what
 * that token can do. Mounting follows the API: pod.spec.automountServiceAccountToken, when set,
 * overrides the ServiceAccount's automountServiceAccountToken; both absent means true. A projected
 * volume with a serviceAccountToken source mounts a token whatever automount says.
 */
import type { Pod, WorkloadRef } from "../model";
import type { RbacIndex } from "./rbac-index";
import { serviceAccountRisk, type IdentityRisk, type RiskOptions } from "./sa-risk";
import { sameElements } from "../analysis/memo";

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
  if (!r) m.set(key, (r = identitiesOf(index, opts, key)));
  return r;
}

/** Per index and risk options: the RBAC findings and their counts both read them. */
const identities = new WeakMap<RbacIndex, Map<string, readonly WorkloadIdentity[]>>();

/** A namespace's pods and their identities (sorted by workload name). */
interface NamespaceEntry {
  pods: readonly Pod[];
  identities: readonly WorkloadIdentity[];
}

/**
 * Each namespace's identities per pod-free index and risk options, as last computed. `index.cache` is
 * made with the pod-free part of the index (roles, bindings, accounts: lib/analysis/index.ts keeps it
 * across Pod events), and a namespace's identities read only its pods, that part and the options:
 * while its pods are the same records in the same order, they are the same (a new pod re-groups its
 * namespace, not ten thousand pods).
 */
const byNamespace = new WeakMap<object, Map<string, Map<string, NamespaceEntry>>>();


function identitiesOf(index: RbacIndex, opts: RiskOptions, optsKey: string): WorkloadIdentity[] {
  const groups = new Map<string, Pod[]>();
  for (const pod of index.pods) {
    const g = groups.get(pod.namespace);
    if (g) g.push(pod);
    else groups.set(pod.namespace, [pod]);
  }
  // sorted by namespace, then workload name: per namespace in namespace order, unless two names compare equal
  const names = [...groups.keys()].sort((a, b) => a.localeCompare(b));
  if (names.some((n, i) => i > 0 && names[i - 1].localeCompare(n) === 0)) return identitiesIn(index, index.pods, opts);
  let perOpts = byNamespace.get(index.cache);
  if (!perOpts) byNamespace.set(index.cache, (perOpts = new Map()));
  const before = perOpts.get(optsKey);
  const now = new Map<string, NamespaceEntry>();
  const out: WorkloadIdentity[] = [];
  for (const ns of names) {
    const pods = groups.get(ns)!;
    const had = before?.get(ns);
    const entry = had && sameElements(had.pods, pods) ? had : { pods, identities: identitiesIn(index, pods, opts) };
    now.set(ns, entry);
    for (const w of entry.identities) out.push(w);
  }
  perOpts.set(optsKey, now);
  return out;
}

/** The identities of `pods`' workloads, sorted by namespace and workload name. */
function identitiesIn(index: RbacIndex, pods: readonly Pod[], opts: RiskOptions): WorkloadIdentity[] {
  const byWorkload = new Map<string, WorkloadIdentity>();
  for (const pod of pods) {
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
