/**
 * What the cluster-level network view says about each namespace, from the namespace matrix
 * (matrix.ts): who it reaches and who reaches it, whether the outside does, whether every other
 * namespace does ("open to everyone"), and whether it holds something sensitive. Computed once per
 * reachability; grouping and ranking (cluster-view.ts) read it.
 */
import type { Labels } from "../model/selector";
import { namespaceMatrix, OUTSIDE } from "./matrix";
import type { Reachability } from "./reachability";
import { workloadsOf } from "./workloads";

export interface NamespaceFacts {
  name: string;
  labels: Labels;
  workloads: number;
  /** Namespaces (other than itself) its workloads may open connections to. */
  out: Set<string>;
  /** Namespaces (other than itself) whose workloads may connect to it. */
  in: Set<string>;
  /** Its own workloads reach each other. */
  self: boolean;
  /** Something outside the cluster may connect to it. */
  exposed: boolean;
  /** It may connect to something outside the cluster. */
  egressOut: boolean;
  /** Every other namespace with workloads reaches it. */
  openToAll: boolean;
  sensitive: boolean;
}

export interface NamespaceFactTable {
  /** Namespaces with workloads, sorted by name. */
  list: NamespaceFacts[];
  byName: Map<string, NamespaceFacts>;
}

const SENSITIVE_NAME = /(^|[-_.])(kube-system|payments?|billing|vault|secrets?|auth|identity|iam|db|database|pci)([-_.]|$)/;
const SENSITIVE_LABELS = ["data-classification", "sensitivity", "compliance", "pci"];
const NOT_SENSITIVE_VALUES = new Set(["", "public", "none", "low", "false", "no"]);

/**
 * A namespace counts as sensitive when its labels say so (data-classification / sensitivity /
 * compliance / pci with a value other than public, none, low, false, no) or its name names what
 * usually is (kube-system, payments, billing, vault, secrets, auth, identity, iam, db, database,
 * pci as a dash-separated word). A heuristic, stated in the view next to every list that uses it.
 */
export function isSensitiveNamespace(name: string, labels: Labels): boolean {
  for (const k of SENSITIVE_LABELS) {
    const v = labels[k];
    if (v !== undefined && !NOT_SENSITIVE_VALUES.has(v.toLowerCase())) return true;
  }
  return SENSITIVE_NAME.test(name);
}

const cache = new WeakMap<Reachability, NamespaceFactTable>();

export function namespaceFacts(reach: Reachability): NamespaceFactTable {
  let t = cache.get(reach);
  if (!t) cache.set(reach, (t = computeFacts(reach)));
  return t;
}

function computeFacts(reach: Reachability): NamespaceFactTable {
  const m = namespaceMatrix(reach);
  const perNs = new Map<string, number>();
  for (const w of workloadsOf(reach)) perNs.set(w.namespace, (perNs.get(w.namespace) ?? 0) + 1);
  const list: NamespaceFacts[] = m.namespaces
    .filter((n) => n !== OUTSIDE)
    .map((name) => {
      const labels = reach.model.namespaceLabels.get(name) ?? {};
      return { name, labels, workloads: perNs.get(name) ?? 0, out: new Set(), in: new Set(), self: false, exposed: false, egressOut: false, openToAll: false, sensitive: isSensitiveNamespace(name, labels) };
    });
  const byName = new Map(list.map((f) => [f.name, f]));
  for (const c of m.cells) {
    if (c.from === OUTSIDE) {
      if (c.to !== OUTSIDE) byName.get(c.to)!.exposed = true;
    } else if (c.to === OUTSIDE) byName.get(c.from)!.egressOut = true;
    else if (c.from === c.to) byName.get(c.from)!.self = true;
    else {
      byName.get(c.from)!.out.add(c.to);
      byName.get(c.to)!.in.add(c.from);
    }
  }
  for (const f of list) f.openToAll = list.length > 1 && f.in.size === list.length - 1;
  return { list, byName };
}
