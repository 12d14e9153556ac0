import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SnapshotBuilder } from "../model";
import { normalizeObject } from "../model/normalize";
import { LiveAssembler, type LivePart } from "./assemble";

const SOURCE = { type: "live" as const, id: "live:test", label: "test", context: "test", server: "https://test" };
const AT = "2026-11-01T00:00:00.000Z";
const NS = ["a", "b", "c"]; // "c" is never declared: objects in it make it implicit

/** The watched resources of the test cluster, in snapshot order, and how each makes an object from a small choice. */
const RESOURCES: Record<string, (name: string, ns: string, v: number) => unknown> = {
  namespaces: (_n, ns, v) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { team: `t${v}` } } }),
  pods: (name, ns, v) => {
    if (v === 3) return { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: ns }, spec: {} }; // invalid: an error issue
    const hash = v === 1 ? "h1" : "h2";
    const refs = v === 2 ? [{ kind: "ReplicaSet" }] : v === 4 ? [] : [{ kind: "ReplicaSet", name: `web-${hash}`, controller: true }];
    return { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: ns, labels: { "pod-template-hash": hash }, ownerReferences: refs }, spec: { containers: [{ name: "c", image: `nginx:1.${v}` }] } };
  },
  replicasets: (_n, ns, v) => ({
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: `web-h${1 + (v % 2)}`, namespace: ns, ownerReferences: [{ kind: "Deployment", name: v > 1 ? "web" : "site", controller: true }] },
    spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
  }),
  deployments: (_n, ns, v) => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: v % 2 ? "web" : "site", namespace: ns },
    spec: { replicas: v, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
  }),
  clusterroles: (name, _ns, v) =>
    v % 2
      ? { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: `agg-${name}` }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { agg: "yes" } }] }, rules: v > 2 ? [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }] : [] }
      : { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name, labels: v ? { agg: "yes" } : {} }, rules: [{ apiGroups: [""], resources: ["pods", "secrets"].slice(0, 1 + (v % 2)), verbs: ["get", "list"] }] },
  clusterrolebindings: (name, ns, v) => ({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: { name },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: v ? "cluster-admin" : "view" },
    subjects: [{ kind: "ServiceAccount", name: "default", namespace: ns }],
  }),
  networkpolicies: (name, ns, v) => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name, namespace: ns },
    spec: { podSelector: v === 3 ? { matchExpressions: [{ key: "a", operator: "Bogus" }] } : {}, ingress: v ? [{}] : [] },
  }),
  configmaps: (name, ns) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: ns } }),
};
const KEYS = Object.keys(RESOURCES);

/** A watched cluster held as the reflectors hold it: objects by namespace/name per resource, with a generation. */
class Cluster {
  readonly objects = new Map(KEYS.map((k) => [k, new Map<string, unknown>()]));
  readonly generation = new Map(KEYS.map((k) => [k, 0]));

  apply(resource: string, name: string, ns: string, v: number | null): void {
    const make = RESOURCES[resource];
    const o = make(name, ns, v ?? 0) as { metadata: { name?: string; namespace?: string } };
    const key = `${o.metadata.namespace ?? ""}/${o.metadata.name ?? name}`;
    const m = this.objects.get(resource)!;
    if (v === null) m.delete(key);
    else m.set(key, o);
    this.generation.set(resource, this.generation.get(resource)! + 1);
  }

  parts(): LivePart[] {
    return KEYS.map((k) => ({ resource: k, generation: this.generation.get(k)!, objects: () => this.objects.get(k)!.values(), origin: { source: `/api/${k}` }, status: { state: "ok" } }));
  }

  /** The snapshot SnapshotBuilder makes from every object, normalized afresh. */
  scratch(): string {
    const b = new SnapshotBuilder(SOURCE, AT);
    for (const p of this.parts()) {
      for (const raw of p.objects()) b.add(structuredClone(raw), p.origin);
      b.kindStatus(p.resource, p.status);
    }
    return JSON.stringify(b.build({ synthesizePods: false, aggregation: "check", provenance: false }));
  }
}

const change = fc.record({
  resource: fc.constantFrom(...KEYS),
  name: fc.constantFrom("x", "y"),
  ns: fc.constantFrom(...NS),
  v: fc.option(fc.integer({ min: 0, max: 4 }), { freq: 4 }),
});

/** The collections an object of `resource` can land in (its own, and the pods whose owners it decides). */
function reach(resource: string): Set<string> {
  const obj = RESOURCES[resource]("x", "a", 1);
  const r = normalizeObject(obj);
  const own = r.status === "ok" ? [r.key] : [];
  return new Set([...own, "namespaces", ...(resource === "replicasets" || resource === "deployments" ? ["pods"] : [])]);
}

describe("LiveAssembler", () => {
  it("property: after any sequence of changes the snapshot equals one built from scratch, and untouched collections keep their arrays", () => {
    fc.assert(
      fc.property(fc.array(fc.array(change, { maxLength: 3 }), { minLength: 1, maxLength: 12 }), (steps) => {
        const cluster = new Cluster();
        const asm = new LiveAssembler(SOURCE);
        let prev = asm.build(cluster.parts(), AT)!.snapshot;
        expect(JSON.stringify(prev)).toBe(cluster.scratch());
        for (const batch of steps) {
          for (const c of batch) cluster.apply(c.resource, c.name, c.ns, c.v);
          const built = asm.build(cluster.parts(), AT)!;
          expect(JSON.stringify(built.snapshot)).toBe(cluster.scratch());
          const reachable = new Set(batch.flatMap((c) => [...reach(c.resource)]));
          for (const k of built.changed) expect(reachable).toContain(k);
          for (const [k, v] of Object.entries(built.snapshot)) {
            if (Array.isArray(v) && !built.changed.includes(k as never) && k !== "issues") expect(v).toBe((prev as unknown as Record<string, unknown>)[k]);
          }
          if (batch.length === 0) expect(built.snapshot.issues).toBe(prev.issues);
          prev = built.snapshot;
        }
      }),
      { numRuns: 200 },
    );
  });

  it("a workload change resolves the pods' owners again; a pod whose owner did not change keeps its record", () => {
    const cluster = new Cluster();
    cluster.apply("namespaces", "", "a", 1);
    cluster.apply("pods", "p1", "a", 1); // owner web-h1 → inferred Deployment "web"
    cluster.apply("pods", "p2", "a", 4); // no owner
    const asm = new LiveAssembler(SOURCE);
    const first = asm.build(cluster.parts(), AT)!.snapshot;
    expect(first.pods.map((p) => `${p.name}:${p.owner.kind}/${p.owner.name}`)).toEqual(["p1:Deployment/web", "p2:Pod/p2"]);
    cluster.apply("replicasets", "", "a", 0); // web-h1 owned by Deployment "site"
    const next = asm.build(cluster.parts(), AT)!;
    expect(next.snapshot.pods.map((p) => `${p.name}:${p.owner.kind}/${p.owner.name}`)).toEqual(["p1:Deployment/site", "p2:Pod/p2"]);
    expect(next.snapshot.pods[1]).toBe(first.pods[1]);
    expect(next.changed).toEqual(["pods", "workloads"]);
  });

  it("two resources filling one collection with one identity: no snapshot (the caller builds from scratch, which reports it)", () => {
    const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "a" }, spec: { containers: [{ name: "c", image: "i" }] } };
    const part = (resource: string): LivePart => ({ resource, generation: 1, objects: () => [pod], origin: { source: resource }, status: { state: "ok" } });
    expect(new LiveAssembler(SOURCE).build([part("pods"), part("pods2")], AT)).toBeUndefined();
  });
});
