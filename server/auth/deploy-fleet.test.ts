/**
 * deploy/fleet/: two replicas sharing PostgreSQL, and one Clearance reading several clusters through
 * a mounted kubeconfig. Each, applied over the base set, passes Clearance's own scan with nothing
 * above low, and keeps the hardening of the base.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { DEPLOY, effectiveSet, scanAboveLow } from "../../testing/deploy";
import { dashboardClusterRoleRules } from "./cluster-role";

type Obj = { kind: string; metadata: { name: string; namespace?: string }; spec?: any; data?: Record<string, string>; rules?: unknown }; // eslint-disable-line @typescript-eslint/no-explicit-any

const objects = (files: string[]): Obj[] => files.flatMap((f) => parseAllDocuments(readFileSync(f, "utf8")).map((d) => d.toJS() as Obj));
const find = (objs: Obj[], kind: string, name: string) => {
  const found = objs.filter((o) => o.kind === kind && o.metadata.name === name);
  expect(found, `${kind} ${name}`).toHaveLength(1);
  return found[0];
};
const EXAMPLES = readdirSync(path.join(DEPLOY, "fleet"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe("deploy/fleet examples", () => {
  it("are the two the README describes", () => {
    expect(EXAMPLES.sort()).toEqual(["ha-postgres", "multi-cluster"]);
  });

  it.each(EXAMPLES)("%s over the base: Clearance's own scan finds nothing above low, and no Secret is committed", async (example) => {
    const files = effectiveSet(example);
    const r = await scanAboveLow(files);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.aboveLow).toEqual([]);
    expect(objects(files).filter((o) => o.kind === "Secret")).toEqual([]);
  });

  it("ha-postgres: two spread replicas, a disruption budget, the database URL from a Secret, no local data", () => {
    const objs = objects(effectiveSet("ha-postgres"));
    const dep = find(objs, "Deployment", "clearance").spec;
    expect(dep.replicas).toBe(2);
    expect(dep.template.spec.topologySpreadConstraints[0]).toMatchObject({ topologyKey: "kubernetes.io/hostname" });
    const c = dep.template.spec.containers[0];
    expect(c.env.find((e: { name: string }) => e.name === "CLEARANCE_DATABASE_URL").valueFrom).toEqual({ secretKeyRef: { name: "clearance-db", key: "url" } });
    expect(c.volumeMounts.map((m: { mountPath: string }) => m.mountPath)).not.toContain("/data");
    expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
    expect(find(objs, "PodDisruptionBudget", "clearance").spec.minAvailable).toBe(1);
  });

  it("ha-postgres: the database runs non-root on a read-only root, digest-pinned, reachable only from the dashboard on 5432", () => {
    const objs = objects(effectiveSet("ha-postgres"));
    const db = find(objs, "StatefulSet", "clearance-db").spec.template.spec;
    expect(db.automountServiceAccountToken).toBe(false);
    const c = db.containers[0];
    expect(c.image).toMatch(/@sha256:[0-9a-f]{64}$/);
    expect(c.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
    expect(c.env.find((e: { name: string }) => e.name === "POSTGRES_PASSWORD").valueFrom.secretKeyRef.name).toBe("clearance-db");
    const ingress = objs.filter((o) => o.kind === "NetworkPolicy" && o.spec.podSelector.matchLabels?.["app.kubernetes.io/component"] === "database").flatMap((p) => p.spec.ingress ?? []);
    expect(ingress).toEqual([{ from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "clearance", "app.kubernetes.io/component": "dashboard" } } }], ports: [{ protocol: "TCP", port: 5432 }] }]);
  });

  it("multi-cluster: reads the mounted kubeconfig read-only, not its own service account", () => {
    const objs = objects(effectiveSet("multi-cluster"));
    expect(find(objs, "ConfigMap", "clearance-config").data!.KUBECONFIG).toBe("/etc/clearance/kubeconfig/config");
    const pod = find(objs, "Deployment", "clearance").spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.volumes.find((v: { name: string }) => v.name === "kubeconfig").secret).toMatchObject({ secretName: "clearance-kubeconfig", defaultMode: 0o400 });
    expect(pod.containers[0].volumeMounts.find((m: { name: string }) => m.name === "kubeconfig")).toMatchObject({ mountPath: "/etc/clearance/kubeconfig", readOnly: true });
  });

  it("multi-cluster reader (applied on each read cluster): the same read-only ClusterRole, an account no pod runs as; scan clean", async () => {
    const file = path.join(DEPLOY, "fleet", "multi-cluster", "reader", "reader.yaml");
    const objs = objects([file]);
    expect(find(objs, "ClusterRole", "clearance-read").rules).toEqual(dashboardClusterRoleRules());
    expect((find(objs, "ServiceAccount", "clearance-reader") as Obj & { automountServiceAccountToken?: boolean }).automountServiceAccountToken).toBe(false);
    expect(find(objs, "ClusterRoleBinding", "clearance-reader").spec).toBeUndefined();
    const r = await scanAboveLow([file]);
    expect(r.aboveLow).toEqual([]);
    expect(r.code).toBe(0);
  });
});
