import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SnapshotBuilder, recordIdentity } from "./assemble";
import { KIND_BY_NAME } from "./kinds";
import { normalizeObject } from "./normalize";
import { overlaySnapshot, type RecordChange } from "./overlay";
import { parseManifests } from "./parse";
import { COLLECTION_KEYS, type ClusterSnapshot } from "./snapshot";
import { snapshotFromYaml } from "./testing";

type Raw = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; [k: string]: unknown };

const DEMO = new URL("../../demo/cluster/", import.meta.url);
const demoObjects: Raw[] = readdirSync(DEMO)
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .flatMap((f) => parseManifests(readFileSync(new URL(f, DEMO), "utf8")).documents.map((d) => d.value as Raw));

const SOURCE = { type: "files" as const, id: "files:t", label: "t" };
const TAKEN = "2026-11-01T00:00:00.000Z";

function build(objects: readonly Raw[]): ClusterSnapshot {
  const b = new SnapshotBuilder(SOURCE, TAKEN);
  objects.forEach((o, i) => b.add(structuredClone(o), { source: "t", document: i + 1 }));
  return b.build({ synthesizePods: true, aggregation: "compute" });
}

const identity = (o: Raw) => `${o.kind}\u0000${o.metadata.namespace ?? ""}\u0000${o.metadata.name}`;

/** The collections as plain data, for comparing two snapshots. */
function contents(s: ClusterSnapshot): Record<string, unknown> {
  return Object.fromEntries(COLLECTION_KEYS.map((k) => [k, JSON.parse(JSON.stringify(s[k]))]));
}

/** A change expressed on records, as a draft's entries become. */
function recordChange(o: Raw, remove: boolean): RecordChange {
  const r = normalizeObject(structuredClone(o));
  if (r.status !== "ok") throw new Error(`test object does not normalize: ${identity(o)}`);
  const rec = r.record as { kind?: string; namespace?: string; name: string };
  return { key: r.key, ...(rec.kind ? { kind: rec.kind } : {}), ...(rec.namespace ? { namespace: rec.namespace } : {}), name: rec.name, ...(remove ? {} : { record: r.record }) };
}

/** A variant of an object: relabelled (selectors and aggregation follow labels) or renamed into another namespace. */
function variant(o: Raw, salt: number): Raw {
  const c = structuredClone(o);
  if (salt % 3 === 0) c.metadata.labels = { ...(c.metadata.labels ?? {}), [`whatif-${salt % 7}`]: "yes" };
  else if (salt % 3 === 1) c.metadata.name = `${c.metadata.name}-v${salt % 5}`;
  else if (c.metadata.namespace) c.metadata.namespace = `whatif-${salt % 4}`;
  else c.metadata.name = `${c.metadata.name}-w${salt % 5}`;
  return c;
}

// Kinds whose change cascades or rolls out (deleted namespaces, workloads with live pods) are pinned by unit tests below.
const pool = demoObjects.filter((o) => KIND_BY_NAME.has(o.kind) && o.kind !== "Namespace" && o.kind !== "Pod");

describe("overlaySnapshot", () => {
  const base = build(demoObjects);

  it("gives what loading the changed manifests gives (random changes to the demo cluster)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(pool.length - 1), { maxLength: 12 }), fc.array(fc.tuple(fc.nat(pool.length - 1), fc.nat(1000)), { maxLength: 12 }), (removed, added) => {
        const removals = removed.map((i) => pool[i]);
        const additions = added.map(([i, salt]) => variant(pool[i], salt)).filter((o) => normalizeObject(structuredClone(o)).status === "ok");
        const gone = new Set(removals.map(identity));
        const expected = build([...demoObjects.filter((o) => !gone.has(identity(o))), ...additions]);
        const before = JSON.stringify(contents(base));
        const { snapshot } = overlaySnapshot(base, [...removals.map((o) => recordChange(o, true)), ...additions.map((o) => recordChange(o, false))], { synthesizePods: true });
        expect(contents(snapshot)).toEqual(contents(expected));
        expect(JSON.stringify(contents(base))).toBe(before); // the base is untouched
      }),
      { numRuns: 15 },
    );
  });

  it("shares the collections a change does not reach", () => {
    const role = pool.find((o) => o.kind === "Role")!;
    const { snapshot } = overlaySnapshot(base, [recordChange(role, true)], { synthesizePods: true });
    expect(snapshot.roles).not.toBe(base.roles);
    expect(snapshot.pods).toBe(base.pods);
    expect(snapshot.networkPolicies).toBe(base.networkPolicies);
    // namespaces and issues too, when the change leaves them as they were (implicit namespaces included)
    expect(snapshot.namespaces).toBe(base.namespaces);
    expect(snapshot.issues).toBe(base.issues);
    const other = overlaySnapshot(base, [recordChange({ ...role, metadata: { ...role.metadata, namespace: "somewhere-new" } }, false)], { synthesizePods: true }).snapshot;
    expect(other.namespaces).not.toBe(base.namespaces);
    expect(other.namespaces.find((n) => n.name === "somewhere-new")?.implicit).toBe(true);
  });

  it("deleting a namespace deletes what is in it", () => {
    const base = snapshotFromYaml(NS_YAML);
    const { snapshot, cascaded } = overlaySnapshot(base, [{ key: "namespaces", name: "shop" }], { synthesizePods: true });
    expect(snapshot.namespaces.map((n) => n.name)).toEqual(["other"]);
    expect(snapshot.workloads.map((w) => w.name)).toEqual(["db"]);
    expect(snapshot.pods.map((p) => p.name)).toEqual(["db"]);
    expect(cascaded).toEqual(["Deployment shop/web"]);
  });

  it("a changed workload rolls its live pods out to the new template; a deleted one takes its pods", () => {
    const live = { ...buildLive(LIVE_YAML) };
    const web = live.workloads.find((w) => w.name === "web")!;
    const relabelled = { ...web, template: { ...web.template, labels: { app: "web", tier: "front" } } };
    const r1 = overlaySnapshot(live, [{ key: "workloads", kind: "Deployment", namespace: "shop", name: "web", record: relabelled }], { synthesizePods: false });
    expect(r1.snapshot.pods.map((p) => [p.name, p.labels])).toEqual([["web-5d8f-abcde", { app: "web", tier: "front", "pod-template-hash": "5d8f" }]]);
    const r2 = overlaySnapshot(live, [{ key: "workloads", kind: "Deployment", namespace: "shop", name: "web" }], { synthesizePods: false });
    expect(r2.snapshot.pods).toEqual([]);
    expect(r2.cascaded).toEqual(["Pod shop/web-5d8f-abcde"]);
  });

  it("an aggregated ClusterRole follows a new role it aggregates, on a live cluster too", () => {
    const live = buildLive(AGG_YAML);
    const extra = recordChange({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "extra", labels: { "agg/view": "true" } }, rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }] } as Raw, false);
    const { snapshot } = overlaySnapshot(live, [extra], { synthesizePods: false });
    expect(snapshot.clusterRoles.find((r) => r.name === "view")!.rules.map((r) => r.resources[0])).toEqual(["secrets", "pods"]); // sorted by source role name, as the controller does
    expect(live.clusterRoles.find((r) => r.name === "view")!.rules).toHaveLength(1);
    expect(recordIdentity("clusterRoles", extra)).toContain("extra");
  });
});

function buildLive(yaml: string): ClusterSnapshot {
  const b = new SnapshotBuilder({ type: "live", id: "live:t", label: "t" }, TAKEN);
  parseManifests(yaml).documents.forEach((d) => b.add(d.value, { source: "t", document: d.document }));
  return b.build({ synthesizePods: false, aggregation: "check" });
}

const NS_YAML = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Namespace
metadata: {name: other}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec: {selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: nginx}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: db, namespace: other}
spec: {selector: {matchLabels: {app: db}}, template: {metadata: {labels: {app: db}}, spec: {containers: [{name: c, image: pg}]}}}
`;

const LIVE_YAML = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec: {selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: nginx}]}}}
---
apiVersion: v1
kind: Pod
metadata:
  name: web-5d8f-abcde
  namespace: shop
  labels: {app: web, pod-template-hash: 5d8f}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d8f, controller: true}]
spec: {containers: [{name: c, image: nginx}]}
status: {podIP: 10.0.0.5}
`;

const AGG_YAML = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: view}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {agg/view: "true"}}]}
rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: view-pods, labels: {agg/view: "true"}}
rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
`;
