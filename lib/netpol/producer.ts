/**
 * The network area's finding producer for scans (registered in lib/findings/areas.ts), with the RBAC
 * cross-link: a service account's risk comes from lib/rbac's `serviceAccountRisk` on the snapshot's
 * RBAC index (memoized per snapshot under "rbac:index", shared with the RBAC area).
 *
 * The findings that do not read RBAC and the attack paths (NP10) that do are memoized apart
 * (lib/analysis/memo.ts), so on a watched source a new RoleBinding re-derives the attack paths
 * from the exposure already computed, and a new NetworkPolicy leaves the RBAC index alone. The
 * former are kept per namespace (findings-namespaces.ts): when only records of some namespaces
 * changed since the previous snapshot, the other namespaces keep their findings.
 */
import { memoize, rbacIndexOf } from "../analysis";
import { previousReads, previousResult } from "../analysis/memo";
import type { ProducerOutput } from "../findings/run";
import type { ClusterSnapshot } from "../model/snapshot";
import { serviceAccountRisk } from "../rbac/sa-risk";
import { networkAnalysis } from "./analysis";
import { exposureOf } from "./exposure-view";
import { attackPathFindings } from "./findings";
import { NETWORK_RULES } from "./findings-catalogue";
import { networkBase, type NamespaceChange, type NetworkBase } from "./findings-namespaces";
import type { EngineOptions } from "./model";

const BASE = "netpol:findings:base";

type Named = { name: string; namespace?: string };
/**
 * Collections whose records each belong to one namespace (a Namespace to itself): a change there
 * touches that namespace's findings. A record without a namespace there (a cluster-wide Cilium or
 * Calico policy) touches every namespace, and so does a change to any other field the findings read.
 */
const BY_NAMESPACE: Record<string, (r: Named) => string | undefined> = {
  namespaces: (r) => r.name,
  ...Object.fromEntries(["pods", "serviceAccounts", "services", "endpoints", "ingresses", "routes", "networkPolicies", "ciliumPolicies", "calicoPolicies", "workloads"].map((k) => [k, (r: Named) => r.namespace])),
};

/** The namespaces whose records changed between the fields read before (`reads`) and `snapshot`'s, or undefined when something cluster-wide did. */
export function namespaceChange(reads: ReadonlyMap<string, unknown>, snapshot: ClusterSnapshot): NamespaceChange | undefined {
  const now = snapshot as unknown as Record<string, unknown>;
  const dirty = new Set<string>();
  const podNamespaces = new Set<string>();
  let namespaces = false;
  for (const [field, before] of reads) {
    const after = now[field];
    if (after === before) continue;
    const of = BY_NAMESPACE[field];
    if (!of || !Array.isArray(before) || !Array.isArray(after)) return undefined;
    if (field === "namespaces") namespaces = true;
    // the records at the same place at both ends are the same: only the middle can differ (a record
    // that moved into or out of it counts as changed, which only re-derives more)
    const [b, a] = [before as Named[], after as Named[]];
    let lo = 0;
    while (lo < b.length && lo < a.length && b[lo] === a[lo]) lo++;
    let hb = b.length;
    let ha = a.length;
    while (hb > lo && ha > lo && b[hb - 1] === a[ha - 1]) {
      hb--;
      ha--;
    }
    const old = new Set<unknown>(b.slice(lo, hb));
    const kept = new Set<unknown>();
    const touch = (r: Named) => {
      const ns = of(r);
      if (ns === undefined) return false;
      dirty.add(ns);
      if (field === "pods") podNamespaces.add(ns);
      return true;
    };
    for (let i = lo; i < ha; i++) if (old.has(a[i])) kept.add(a[i]);
    else if (!touch(a[i])) return undefined;
    for (let i = lo; i < hb; i++) if (!kept.has(b[i]) && !touch(b[i])) return undefined;
  }
  return { dirty, podNamespaces, namespaces };
}

/**
 * The network findings but NP10 of a snapshot (memoized), built on the previous snapshot's when the
 * snapshot follows one (memo.ts `derive`): only the namespaces whose records changed are derived again.
 */
export function networkBaseOf(snapshot: ClusterSnapshot, options: Partial<EngineOptions> = {}): NetworkBase {
  const key = `${BASE}:${JSON.stringify(options)}`;
  return memoize(snapshot, key, () => {
    const reach = networkAnalysis(snapshot, options).reach;
    const before = previousResult<NetworkBase>(snapshot, key);
    const reads = previousReads(snapshot, key);
    const change = before && reads ? namespaceChange(reads, snapshot) : undefined;
    return networkBase(reach, before && change ? { base: before, change } : undefined);
  });
}

export function networkProducer(snapshot: ClusterSnapshot): ProducerOutput {
  const base = networkBaseOf(snapshot).findings;
  const paths = memoize(snapshot, "netpol:findings:attack-paths", () => {
    const index = rbacIndexOf(snapshot);
    return attackPathFindings(exposureOf(networkAnalysis(snapshot, {}).reach).exposed, (namespace, name) => {
      const r = serviceAccountRisk(index, namespace, name);
      return r.severity ? { severity: r.severity, summary: r.summary } : undefined;
    });
  });
  return { findings: [...base, ...paths], rules: NETWORK_RULES };
}
