import { describe, expect, it } from "vitest";
import { snapshotFromYaml } from "../model/testing";
import { applyDraft, manifestOf } from "./apply";
import { parseDraft } from "./draft";

const BASE = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: "web:1", securityContext: {privileged: true}}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: shop}
rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: readers, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects: [{kind: User, name: alice}]
`;

describe("parseDraft", () => {
  it("reads documents, patches and delete lines in the order written, naming lines", () => {
    const d = parseDraft(`# clearance: delete RoleBinding shop/readers
apiVersion: v1
kind: ServiceAccount
metadata: {name: bot, namespace: shop}
---
# clearance: patch
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec: {replicas: 2}
---
# clearance: delete ClusterRole view
`);
    expect(d.issues).toEqual([]);
    expect(d.entries.map((e) => [e.op, e.kind, e.namespace, e.name, e.line])).toEqual([
      ["delete", "RoleBinding", "shop", "readers", 1],
      ["apply", "ServiceAccount", "shop", "bot", 2],
      ["patch", "Deployment", "shop", "web", 7],
      ["delete", "ClusterRole", undefined, "view", 12],
    ]);
  });

  it("names what it cannot read and reads the rest", () => {
    const d = parseDraft(`# clearance: remove Role shop/x
# clearance: delete Role x
---
kind: Role
metadata: {namespace: shop}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: ok}
`, "pr.yaml");
    expect(d.issues.map((i) => [i.source, i.line, i.message.split(":")[0]])).toEqual([
      ["pr.yaml", 1, 'unknown directive "# clearance'],
      ["pr.yaml", 2, "delete Role x"],
      ["pr.yaml", 4, "not a Kubernetes object"],
    ]);
    expect(d.entries.map((e) => e.name)).toEqual(["ok"]);
  });
});

describe("applyDraft", () => {
  const base = snapshotFromYaml(BASE);

  it("creates, replaces, patches and deletes; the base stays as it was", () => {
    const draft = parseDraft(`apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: shop}
rules: [{apiGroups: [""], resources: [pods, secrets], verbs: [get]}]
---
# clearance: patch
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec: {template: {spec: {containers: [{name: app, securityContext: {privileged: null, runAsNonRoot: true}}]}}}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: bot, namespace: shop}
# clearance: delete RoleBinding shop/readers
`);
    const r = applyDraft(base, draft);
    expect(r.issues).toEqual([]);
    expect(r.changes.map((c) => `${c.op} ${c.kind} ${c.name}`)).toEqual(["replace Role reader", "patch Deployment web", "create ServiceAccount bot", "delete RoleBinding readers"]);
    const s = r.snapshot;
    expect(s.roles[0].rules[0].resources).toEqual(["pods", "secrets"]);
    expect(s.roleBindings).toEqual([]);
    expect(s.workloads[0].template.spec.containers[0].securityContext).toEqual({ runAsNonRoot: true });
    // the representative pod follows the patched template
    expect(s.pods.map((p) => [p.name, p.spec.containers[0].securityContext])).toEqual([["web", { runAsNonRoot: true }]]);
    expect(base.workloads[0].template.spec.containers[0].securityContext).toEqual({ privileged: true });
    expect(base.roleBindings).toHaveLength(1);
  });

  it("reports what it cannot apply, with the line, and applies the rest", () => {
    const r = applyDraft(base, parseDraft(`# clearance: patch
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec: {replicas: 2}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: bad, namespace: shop}
spec: {podSelector: {}, ingress: [{ports: [{port: 70000}]}]}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
# clearance: delete Role shop/nope
`, "pr.yaml"));
    expect(r.issues.map((i) => [i.severity, i.line, i.message])).toEqual([
      ["error", 2, "nothing to patch: Deployment shop/api is not in the cluster"],
      ["error", 7, expect.stringContaining("70000")],
      ["warning", 12, "ConfigMap is not analysed by Clearance; it changes nothing here"],
      ["warning", 15, "nothing to delete: Role shop/nope is not in the cluster"],
    ]);
    expect(r.changes).toEqual([]);
    expect(r.snapshot.issues.slice(-4)).toEqual(r.issues);
  });

  it("gives an existing object's manifest for editing, and says when a kind cannot be edited", () => {
    expect(manifestOf(base, { kind: "Role", namespace: "shop", name: "reader" })).toMatchObject({ lossy: false, manifest: { kind: "Role", rules: [{ resources: ["pods"], verbs: ["get"] }] } });
    expect(manifestOf(base, { kind: "Deployment", namespace: "shop", name: "web" })).toMatchObject({ lossy: true });
    expect(manifestOf(base, { kind: "Role", namespace: "shop", name: "x" })).toEqual({ error: "Role shop/x is not in the cluster" });
  });
});
