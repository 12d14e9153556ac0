/**
 * HY-default-namespace (CIS 5.7.4, Kubescape C-0212): every namespaced object in the namespace
 * `default`, not only workloads — C-0212's rules cover pods and workloads, Services, ServiceAccounts,
 * Roles, RoleBindings, Ingresses, EndpointSlices, ... (kubescape/regolibrary
 * controls/C-0212-thedefaultnamespaceshouldnotbeused.json). Pods are judged through their workload
 * (one object per owner, as every other workload check). Left out: what Kubernetes itself creates
 * there — the `kubernetes` Service and its EndpointSlice (API server discovery, excluded by CIS 5.7.4
 * and by Kubescape, kubescape/regolibrary#644) and the `default` ServiceAccount, which the
 * serviceaccounts controller creates in every namespace (Kubescape flags it; docs/compliance.md).
 */
import type { Finding, ResourceRef } from "../findings/types";
import { KINDS, kindOfCollection, type ClusterSnapshot, type CollectionKey } from "../model";
import { postureFinding, workloadFinding } from "./finding";
import type { WorkloadUnit } from "./units";

/** Namespaced collections judged object by object (pods and workloads go through their units). */
const OBJECT_COLLECTIONS: readonly CollectionKey[] = [...new Set(KINDS.filter((k) => k.namespaced && k.key !== "pods" && k.key !== "workloads").map((k) => k.key))];

/** Objects Kubernetes creates in `default` by itself. */
function createdByKubernetes(kind: string, name: string): boolean {
  return (kind === "Service" && name === "kubernetes") || (kind === "EndpointSlice" && name === "kubernetes") || (kind === "ServiceAccount" && name === "default");
}

/** Every namespaced object the check is run on: workload units, then the other namespaced objects. */
export function namespacedObjects(snapshot: ClusterSnapshot, units: readonly WorkloadUnit[]): ResourceRef[] {
  const out: ResourceRef[] = units.map((u) => u.ref);
  const seen = new Set(out.map((r) => `${r.kind}/${r.namespace}/${r.name}`));
  for (const w of snapshot.workloads) {
    // A workload without live or synthesized pods (scaled to zero) is still an object of its namespace.
    if (w.ownerReferences.some((o) => o.controller) || seen.has(`${w.kind}/${w.namespace}/${w.name}`)) continue;
    out.push({ kind: w.kind, namespace: w.namespace, name: w.name });
  }
  for (const key of OBJECT_COLLECTIONS) {
    for (const o of snapshot[key] as readonly { kind?: string; namespace?: string; name: string }[]) {
      if (o.namespace) out.push({ kind: o.kind ?? kindOfCollection(key), namespace: o.namespace, name: o.name });
    }
  }
  return out;
}

/** One finding per object of the namespace `default` (see the file comment for what is left out). */
export function defaultNamespaceChecks(snapshot: ClusterSnapshot, units: readonly WorkloadUnit[]): { findings: Finding[]; evaluated: Record<string, number> } {
  const objects = namespacedObjects(snapshot, units);
  const unitByKey = new Map(units.map((u) => [`${u.ref.kind}/${u.ref.namespace}/${u.ref.name}`, u]));
  const findings: Finding[] = [];
  for (const ref of objects) {
    if (ref.namespace !== "default" || createdByKubernetes(ref.kind, ref.name)) continue;
    const evidence = `${ref.kind} ${ref.name} is in the default namespace`;
    const unit = unitByKey.get(`${ref.kind}/${ref.namespace}/${ref.name}`);
    findings.push(
      unit
        ? workloadFinding("HY-default-namespace", unit, { evidence })
        : postureFinding("HY-default-namespace", [ref], { evidence, namespace: "default", scope: "namespace", focus: { view: "findings", params: { namespace: "default" } } }),
    );
  }
  return { findings, evaluated: { "HY-default-namespace": objects.length } };
}
