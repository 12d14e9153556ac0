import { describe, expect, it } from "vitest";
import { snapshotFromYaml } from "./testing";

const build = (yaml: string) => snapshotFromYaml(yaml, "t.yaml");

const deploy = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx}]}
`;

describe("SnapshotBuilder", () => {
  it("records each object's origin as snapshot.provenance, a plain property however it is read", () => {
    const yaml = `${deploy}---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa, namespace: shop}\n`;
    const want = { "Deployment/shop/web": { source: "t.yaml", document: 1, line: 1 }, "ServiceAccount/shop/sa": { source: "t.yaml", document: 2, line: 11 } };
    const s = build(yaml);
    // not made by the build itself: still the getter until something reads it
    expect(typeof Object.getOwnPropertyDescriptor(s, "provenance")?.get).toBe("function");
    // where an assignment at the end of the build put it: last among the keys
    expect(Object.keys(s).at(-1)).toBe("provenance");
    const json = JSON.stringify(s);
    expect(JSON.parse(json).provenance).toEqual(want);
    expect(structuredClone(build(yaml)).provenance).toEqual(want);
    expect({ ...build(yaml) }.provenance).toEqual(want);
    expect(s.provenance).toEqual(want);
    expect(Object.keys(s.provenance ?? {})).toEqual(Object.keys(want));
    expect(s.provenance).toBe(s.provenance);
    expect(Object.keys(s).at(-1)).toBe("provenance");
    expect(JSON.stringify(s)).toBe(json);
    // a second definition of an object keeps its place and takes its origin
    const twice = build(`${yaml}---\n${deploy}`).provenance ?? {};
    expect(Object.keys(twice)).toEqual(Object.keys(want));
    expect(twice["Deployment/shop/web"]).toEqual({ source: "t.yaml", document: 3, line: 15 });
    const t = build(yaml);
    t.provenance = {};
    expect(t.provenance).toEqual({});
    expect(JSON.parse(JSON.stringify(t)).provenance).toEqual({});
  });

  it("synthesizes one representative pod per workload and creates implicit namespaces", () => {
    const s = build(deploy);
    expect(s.pods).toHaveLength(1);
    expect(s.pods[0]).toMatchObject({ namespace: "shop", name: "web", labels: { app: "web" }, owner: { kind: "Deployment", name: "web" } });
    expect(s.pods[0].synthesized).toEqual({ from: { kind: "Deployment", name: "web" }, replicas: 3 });
    expect(s.namespaces).toEqual([{ name: "shop", labels: { "kubernetes.io/metadata.name": "shop" }, annotations: {}, implicit: true }]);
  });

  it("resolves Pod → ReplicaSet → Deployment and does not synthesize when pods exist", () => {
    const s = build(`${deploy}---
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web-5d8f, namespace: shop, ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, controller: true}]}
spec:
  selector: {matchLabels: {app: web}}
  template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: nginx}]}}
---
apiVersion: v1
kind: Pod
metadata: {name: web-5d8f-abc, namespace: shop, labels: {app: web}, ownerReferences: [{kind: ReplicaSet, name: web-5d8f, controller: true}]}
spec: {containers: [{name: c, image: nginx}]}
`);
    expect(s.pods.map((p) => [p.name, p.owner.kind, p.owner.name])).toEqual([["web-5d8f-abc", "Deployment", "web"]]);
  });

  it("infers the Deployment of a missing ReplicaSet from pod-template-hash", () => {
    const s = build(`apiVersion: v1
kind: Pod
metadata: {name: api-7c9-x, namespace: a, labels: {pod-template-hash: "7c9"}, ownerReferences: [{kind: ReplicaSet, name: api-7c9}]}
spec: {containers: [{name: c, image: i}]}
`);
    expect(s.pods[0].owner).toEqual({ kind: "Deployment", name: "api" });
  });

  it("keeps a pod whose owner reference lacks kind, ignoring the reference with a warning", () => {
    const s = build(`apiVersion: v1
kind: Pod
metadata: {name: p, namespace: a, ownerReferences: [{name: owner, controller: true}]}
spec: {containers: [{name: c, image: i}]}
`);
    expect(s.pods.map((p) => [p.name, p.owner.kind])).toEqual([["p", "Pod"]]);
    expect(s.issues).toEqual([expect.objectContaining({ severity: "warning", kind: "Pod", name: "p", message: expect.stringMatching(/ownerReferences\[0\]: kind is missing/) })]);
  });

  it("adds the kubernetes.io/metadata.name label to declared namespaces", () => {
    const s = build(`apiVersion: v1\nkind: Namespace\nmetadata: {name: pay, labels: {team: p}}\n`);
    expect(s.namespaces[0].labels).toEqual({ team: "p", "kubernetes.io/metadata.name": "pay" });
    expect(s.namespaces[0].implicit).toBeUndefined();
  });

  it("records bad documents with file, document and line, and keeps the rest", () => {
    const s = build(`apiVersion: v1
kind: Namespace
metadata: {name: ok}
---
apiVersion: v1
kind: Pod
metadata: {name: broken}
spec: {containers: [{name: c, image: i, ports: [{containerPort: "eighty"}]}]}
---
key: [unclosed
---
just a string
`);
    expect(s.namespaces.map((n) => n.name)).toEqual(["ok"]);
    const msgs = s.issues.map((i) => `${i.document}@${i.line}: ${i.message}`);
    expect(msgs).toEqual([
      expect.stringMatching(/^3@\d+: invalid YAML/),
      expect.stringMatching(/^2@8: spec\.containers\[0\]\.ports\[0\]\.containerPort: expected a number, got the string "eighty"/),
      expect.stringMatching(/^4@12: not a Kubernetes object/),
    ]);
  });

  it("warns about duplicates and keeps the later definition", () => {
    const s = build(`apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a, namespace: n, labels: {v: "1"}}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a, namespace: n, labels: {v: "2"}}\n`);
    expect(s.serviceAccounts).toHaveLength(1);
    expect(s.serviceAccounts[0].labels.v).toBe("2");
    expect(s.issues[0].message).toMatch(/duplicate object/);
  });

  it("reads Lists, including typed lists whose items lack kind", () => {
    const s = build(JSON.stringify({ apiVersion: "v1", kind: "ServiceAccountList", items: [{ metadata: { name: "x", namespace: "n" } }] }));
    expect(s.serviceAccounts.map((a) => a.name)).toEqual(["x"]);
  });
});

describe("ClusterRole aggregation", () => {
  it("computes nested aggregation to a fixed point, sorted by name, self excluded, duplicates dropped", () => {
    const s = build(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: edit, labels: {agg-admin: "true"}}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {agg-edit: "true"}}]}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: admin}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {agg-admin: "true"}}]}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: b-extra, labels: {agg-edit: "true"}}
rules: [{apiGroups: [""], resources: [pods], verbs: [create]}, {apiGroups: [""], resources: [pods], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: a-base, labels: {agg-edit: "true", agg-admin: "true"}}
rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
`);
    const edit = s.clusterRoles.find((r) => r.name === "edit")!;
    const admin = s.clusterRoles.find((r) => r.name === "admin")!;
    expect(edit.rules.map((r) => r.verbs[0])).toEqual(["get", "create"]);
    expect(edit.aggregation).toEqual({ computed: true, sources: ["a-base", "b-extra"] });
    // admin aggregates a-base (get) and edit (get, create): get is not repeated.
    expect(admin.rules.map((r) => r.verbs[0])).toEqual(["get", "create"]);
  });
});
