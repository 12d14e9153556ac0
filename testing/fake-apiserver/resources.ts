/**
 * The fake API server's data: raw Kubernetes objects grouped by API resource, and which resources
 * it serves. Kinds Clearance reads come from lib/model/kinds.ts; Secrets and ConfigMaps are served
 * too (so a test can prove they are never asked for); Gatekeeper constraint kinds are served when a
 * ConstraintTemplate declares them, as Gatekeeper's generated CRDs would be.
 */
import { GATEKEEPER_CONSTRAINTS_GROUP, KINDS } from "../../lib/model/kinds";

export interface ResourceDef {
  group: string;
  version: string;
  /** Plural, as in the URL. */
  resource: string;
  kind: string;
  namespaced: boolean;
}

export interface RawObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [k: string]: unknown };
  [k: string]: unknown;
}

export interface Collection {
  def: ResourceDef;
  /** Sorted by namespace, then name. */
  items: RawObject[];
}

const ALWAYS_SERVED: ResourceDef[] = [
  { group: "", version: "v1", resource: "secrets", kind: "Secret", namespaced: true },
  { group: "", version: "v1", resource: "configmaps", kind: "ConfigMap", namespaced: true },
  { group: "", version: "v1", resource: "endpoints", kind: "Endpoints", namespaced: true },
];

export const resourceKey = (group: string, version: string, resource: string) => `${group}/${version}/${resource}`;

/** Does `name` (as given to --forbid, `delays`, ...: `pods`, `deployments.apps`, `k8srequiredlabels.constraints.gatekeeper.sh`, `*`) name `def`? */
export function names(name: string, def: ResourceDef): boolean {
  return name === "*" || name === def.resource || name === `${def.resource}.${def.group}`;
}

function isRawObject(o: unknown): o is RawObject {
  if (!o || typeof o !== "object") return false;
  const r = o as Partial<RawObject>;
  return typeof r.apiVersion === "string" && typeof r.kind === "string" && typeof r.metadata?.name === "string";
}

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf("/");
  return i < 0 ? { group: "", version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

export class ResourceStore {
  private readonly served = new Map<string, Collection>();

  /**
   * @param objects raw objects (namespaced ones without a namespace go to `default`)
   * @param installed optional resources (CRDs) to serve even with no objects, by name
   * @param notInstalled resources to answer 404 for even when objects exist, by name
   */
  constructor(objects: unknown[], installed: string[] = [], notInstalled: string[] = []) {
    const defs: (ResourceDef & { optional?: boolean })[] = [...KINDS.map((k) => ({ ...k })), ...ALWAYS_SERVED];
    for (const o of objects) {
      if (isRawObject(o) && o.kind === "ConstraintTemplate") {
        const kind = (o.spec as { crd?: { spec?: { names?: { kind?: string } } } } | undefined)?.crd?.spec?.names?.kind;
        if (kind) defs.push({ group: GATEKEEPER_CONSTRAINTS_GROUP, version: "v1beta1", resource: kind.toLowerCase(), kind, namespaced: false });
      }
    }
    const byKind = new Map<string, ResourceDef & { optional?: boolean }>();
    for (const d of defs) byKind.set(`${d.group}/${d.kind}`, d);

    const buckets = new Map<string, RawObject[]>();
    for (const o of objects) {
      if (!isRawObject(o)) continue;
      const { group, version } = splitApiVersion(o.apiVersion);
      let def = byKind.get(`${group}/${o.kind}`);
      if (!def) {
        def = { group, version, resource: `${o.kind.toLowerCase()}s`, kind: o.kind, namespaced: true };
        byKind.set(`${group}/${o.kind}`, def);
        defs.push(def);
      }
      const obj = { ...o, metadata: { ...o.metadata, resourceVersion: "1", ...(def.namespaced && !o.metadata.namespace ? { namespace: "default" } : {}) } };
      const key = resourceKey(def.group, def.version, def.resource);
      (buckets.get(key) ?? buckets.set(key, []).get(key)!).push(obj);
    }

    for (const def of defs) {
      const key = resourceKey(def.group, def.version, def.resource);
      const items = buckets.get(key) ?? [];
      const wanted = !def.optional || items.length > 0 || installed.some((n) => names(n, def));
      if (!wanted || notInstalled.some((n) => names(n, def))) continue;
      items.sort((a, b) => cmp(a.metadata.namespace ?? "", b.metadata.namespace ?? "") || cmp(a.metadata.name, b.metadata.name));
      this.served.set(key, { def, items });
    }
  }

  /** The collection served at group/version/resource, or undefined (404). */
  get(group: string, version: string, resource: string): Collection | undefined {
    return this.served.get(resourceKey(group, version, resource));
  }

  /** Every served resource (for discovery). */
  all(): Collection[] {
    return [...this.served.values()];
  }

  /** The served collection of an object's apiVersion and kind. */
  collectionOf(apiVersion: string, kind: string): { key: string; coll: Collection } {
    const { group, version } = splitApiVersion(apiVersion);
    for (const [key, coll] of this.served) if (coll.def.group === group && coll.def.version === version && coll.def.kind === kind) return { key, coll };
    throw new Error(`the fake API server does not serve ${kind} in ${apiVersion}`);
  }

  /** Creates or replaces an object (a namespaced one without a namespace goes to `default`); says which. */
  upsert(o: unknown): { key: string; coll: Collection; type: "ADDED" | "MODIFIED"; object: RawObject } {
    if (!isRawObject(o)) throw new Error("not a Kubernetes object (apiVersion, kind, metadata.name)");
    const { key, coll } = this.collectionOf(o.apiVersion, o.kind);
    const object = { ...o, metadata: { ...o.metadata, ...(coll.def.namespaced && !o.metadata.namespace ? { namespace: "default" } : {}) } };
    const at = this.indexOf(coll, object.metadata.namespace ?? "", object.metadata.name);
    if (at.found) coll.items[at.index] = object;
    else coll.items.splice(at.index, 0, object);
    return { key, coll, type: at.found ? "MODIFIED" : "ADDED", object };
  }

  /** Deletes an object; returns it, or undefined when there was none. */
  remove(apiVersion: string, kind: string, namespace: string, name: string): { key: string; coll: Collection; object: RawObject } | undefined {
    const { key, coll } = this.collectionOf(apiVersion, kind);
    const at = this.indexOf(coll, coll.def.namespaced ? namespace || "default" : "", name);
    if (!at.found) return undefined;
    const [object] = coll.items.splice(at.index, 1);
    return { key, coll, object };
  }

  /** Binary search in the namespace/name order. */
  private indexOf(coll: Collection, namespace: string, name: string): { found: boolean; index: number } {
    let lo = 0;
    let hi = coll.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = coll.items[mid].metadata;
      const c = cmp(m.namespace ?? "", namespace) || cmp(m.name, name);
      if (c === 0) return { found: true, index: mid };
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return { found: false, index: lo };
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
