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

interface CollectionRefs {
  refs: ResourceRef[];
  /** Those in the namespace `default`. */
  inDefault: ResourceRef[];
}

/** Per collection array: a watched source keeps the arrays of collections nothing changed, so each is read once. */
const collectionRefs = new WeakMap<readonly unknown[], CollectionRefs>();

function refsOf(key: CollectionKey, list: readonly { kind?: string; namespace?: string; name: string }[]): CollectionRefs {
  let c = collectionRefs.get(list);
  if (!c) {
    const refs: ResourceRef[] = [];
    for (const o of list) if (o.namespace) refs.push({ kind: o.kind ?? kindOfCollection(key), namespace: o.namespace, name: o.name });
    collectionRefs.set(list, (c = { refs, inDefault: refs.filter((r) => r.namespace === "default") }));
  }
  return c;
}

/** Per units array: the workloads array it was completed with, and the result (both kept while a watched source's pods and workloads stay). */
const workloadRefsOf = new WeakMap<readonly WorkloadUnit[], { workloads: readonly unknown[]; refs: readonly ResourceRef[] }>();

/** Workload units, then workloads without pods: the workloads' part of the namespaced objects. */
function workloadRefs(snapshot: ClusterSnapshot, units: readonly WorkloadUnit[]): readonly ResourceRef[] {
  const had = workloadRefsOf.get(units);
  if (had && had.workloads === snapshot.workloads) return had.refs;
  const out: ResourceRef[] = units.map((u) => u.ref);
  const seen = new Set(out.map((r) => `${r.kind}/${r.namespace}/${r.name}`));
  for (const w of snapshot.workloads) {
    // A workload without live or synthesized pods (scaled to zero) is still an object of its namespace.
    if (w.ownerReferences.some((o) => o.controller) || seen.has(`${w.kind}/${w.namespace}/${w.name}`)) continue;
    out.push({ kind: w.kind, namespace: w.namespace, name: w.name });
  }
  workloadRefsOf.set(units, { workloads: snapshot.workloads, refs: out });
  return out;
}

const collectionsOf = (snapshot: ClusterSnapshot) => OBJECT_COLLECTIONS.map((key) => refsOf(key, snapshot[key] as readonly { kind?: string; namespace?: string; name: string }[]));

/** Every namespaced object the check is run on: workload units, then the other namespaced objects. */
export function namespacedObjects(snapshot: ClusterSnapshot, units: readonly WorkloadUnit[]): ResourceRef[] {
  const out = [...workloadRefs(snapshot, units)];
  for (const c of collectionsOf(snapshot)) for (const r of c.refs) out.push(r);
  return out;
}

/** One finding per object of the namespace `default` (see the file comment for what is left out). */
export function defaultNamespaceChecks(snapshot: ClusterSnapshot, units: readonly WorkloadUnit[]): { findings: Finding[]; evaluated: Record<string, number> } {
  const workloads = workloadRefs(snapshot, units);
  const collections = collectionsOf(snapshot);
  const unitByKey = new Map(units.filter((u) => u.ref.namespace === "default").map((u) => [`${u.ref.kind}/${u.ref.namespace}/${u.ref.name}`, u]));
  const findings: Finding[] = [];
  for (const ref of [...workloads.filter((r) => r.namespace === "default"), ...collections.flatMap((c) => c.inDefault)]) {
    if (createdByKubernetes(ref.kind, ref.name)) continue;
    const evidence = `${ref.kind} ${ref.name} is in the default namespace`;
    const unit = unitByKey.get(`${ref.kind}/${ref.namespace}/${ref.name}`);
    findings.push(
      unit
        ? workloadFinding("HY-default-namespace", unit, { evidence })
        : postureFinding("HY-default-namespace", [ref], { evidence, namespace: "default", scope: "namespace", focus: { view: "findings", params: { namespace: "default" } } }),
    );
  }
  return { findings, evaluated: { "HY-default-namespace": collections.reduce((n, c) => n + c.refs.length, workloads.length) } };
}
