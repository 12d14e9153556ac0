import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { SnapshotBuilder, type ClusterSnapshot } from "../model";
import { clusterList, countKinds, generateCluster } from "./cluster";
import { serializeList } from "./json";
import { planCluster } from "./plan";
import { SIZES } from "./shapes";
import type { JsonObject, KubeObject } from "./types";

const digest = (size: "S", seed: number) => {
  const h = createHash("sha256");
  for (const chunk of serializeList(generateCluster(size, seed))) h.update(chunk);
  return h.digest("hex");
};

describe("generateCluster determinism", () => {
  let first: string;
  it("gives byte-identical output for the same size and seed", () => {
    first = digest("S", 7);
    expect(digest("S", 7)).toBe(first);
  });
  it("gives a different cluster for another seed", () => {
    expect(digest("S", 8)).not.toBe(first);
  });
});

describe("cluster shape", () => {
  it("S has exactly the shape's counts", () => {
    const c = countKinds(generateCluster("S", 1));
    const s = SIZES.S;
    expect(c.Namespace).toBe(s.namespaces);
    expect(c.Node).toBe(s.nodes);
    expect(c.Pod).toBe(s.pods);
    expect(c.NetworkPolicy).toBe(s.networkPolicies);
    expect(c.Role).toBe(s.roles);
    expect(c.RoleBinding).toBe(s.roleBindings);
    expect(c.ClusterRole).toBe(s.clusterRoles);
    expect(c.ClusterRoleBinding).toBe(s.clusterRoleBindings);
    expect(c.ServiceAccount).toBeGreaterThanOrEqual(s.serviceAccounts);
    expect(c.ServiceAccount).toBeLessThanOrEqual(s.serviceAccounts + 3);
  });
  it("L plans the published large-cluster figures", () => {
    const plan = planCluster(SIZES.L, 1);
    const nss = plan.namespaces;
    const sum = (f: (n: (typeof nss)[number]) => number) => nss.reduce((a, n) => a + f(n), 0);
    const pods = sum((n) => n.apps.reduce((a, app) => a + app.pods.length + app.jobs.length + app.revisions.reduce((b, r) => b + r.pods.length, 0), 0));
    expect(nss).toHaveLength(1000);
    expect(pods).toBe(10_000);
    expect(plan.nodes).toHaveLength(50);
    expect(sum((n) => n.policies.length)).toBe(2_500);
    expect(sum((n) => n.roles.length)).toBe(1_400);
    expect(sum((n) => n.roleBindings.length)).toBe(4_500);
    expect(plan.clusterRoles).toHaveLength(720);
    expect(plan.clusterRoleBindings).toHaveLength(700);
    expect(sum((n) => n.serviceAccounts.length)).toBeGreaterThanOrEqual(5_000);
    // Pods come from Deployments mostly.
    const deploymentPods = sum((n) => n.apps.filter((a) => a.kind === "Deployment").reduce((a, app) => a + app.replicas, 0));
    expect(deploymentPods / pods).toBeGreaterThan(0.9);
  });
  it("lists each kind sorted by namespace and name, kinds in a fixed order", () => {
    const items = clusterList("S", 2).items;
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [items[i - 1], items[i]];
      if (a.kind !== b.kind) continue;
      const key = (o: KubeObject) => `${(o.metadata.namespace as string) ?? ""}\u0000${o.metadata.name as string}`;
      expect(key(a) < key(b)).toBe(true);
    }
  });
});

describe("objects look like a live cluster's", () => {
  let items: KubeObject[];
  let snapshot: ClusterSnapshot;
  beforeAll(() => {
    items = clusterList("S", 3).items;
    const b = new SnapshotBuilder({ type: "files", id: "synth", label: "synth" });
    items.forEach((o, i) => b.add(o, { source: "synth", item: i + 1 }));
    snapshot = b.build({ synthesizePods: true, aggregation: "check" });
  });
  const ofKind = (kind: string) => items.filter((o) => o.kind === kind);
  const meta = (o: KubeObject) => o.metadata as { name: string; namespace?: string; uid: string; labels?: Record<string, string>; ownerReferences?: { kind: string; name: string; uid: string }[] };

  it("loads into a snapshot without errors or warnings, and aggregated roles show no drift", () => {
    expect(snapshot.issues.filter((i) => i.severity !== "info")).toEqual([]);
    const admin = snapshot.clusterRoles.find((r) => r.name === "admin")!;
    expect(admin.aggregation?.drift).toBeUndefined();
    expect(admin.rules.length).toBeGreaterThan(20);
  });
  it("has unique uids, and every ownerReference points at an existing owner by name and uid", () => {
    const uids = new Map(items.map((o) => [meta(o).uid, o]));
    expect(uids.size).toBe(items.length);
    for (const o of items) {
      for (const ref of meta(o).ownerReferences ?? []) {
        const owner = uids.get(ref.uid);
        expect(owner, `${o.kind} ${meta(o).name} → ${ref.kind} ${ref.name}`).toBeDefined();
        expect([owner!.kind, meta(owner!).name]).toEqual([ref.kind, ref.name]);
      }
    }
  });
  it("resolves Deployment pods through their ReplicaSet, whose name ends in the pod-template-hash", () => {
    for (const p of ofKind("Pod")) {
      const hash = meta(p).labels?.["pod-template-hash"];
      if (!hash) continue;
      expect(meta(p).ownerReferences![0].name.endsWith(`-${hash}`)).toBe(true);
    }
    const owners = countKinds(snapshot.pods.filter((p) => !p.synthesized).map((p) => ({ kind: p.owner.kind }) as KubeObject));
    expect(owners.Deployment).toBeGreaterThan(150);
    expect(owners.ReplicaSet).toBeUndefined();
  });
  it("gives scheduled pods unique addresses inside their node's pod CIDR (host-network pods use the node's)", () => {
    const nodes = new Map(ofKind("Node").map((n) => [meta(n).name, n]));
    const seen = new Set<string>();
    for (const p of ofKind("Pod")) {
      const spec = p.spec as JsonObject;
      const ip = (p.status as JsonObject).podIP as string | undefined;
      if (!spec.nodeName) {
        expect(ip).toBeUndefined();
        continue;
      }
      const node = nodes.get(spec.nodeName as string)!;
      if (spec.hostNetwork) {
        expect(ip).toBe(((node.status as JsonObject).addresses as JsonObject[])[0].address);
        continue;
      }
      const [a, b, c] = ((node.spec as JsonObject).podCIDR as string).split(".").map(Number);
      const [x, y, z] = ip!.split(".").map(Number);
      expect([x, y]).toEqual([a, b]);
      expect(z - c).toBeGreaterThanOrEqual(0);
      expect(z - c).toBeLessThan(4);
      expect(seen.has(ip!)).toBe(false);
      seen.add(ip!);
    }
  });
  it("carries the deliberate mistakes: cluster-admin bindings, wildcards, secret readers, privileged pods, latest images", () => {
    const crbs = ofKind("ClusterRoleBinding").filter((b) => (b.roleRef as JsonObject).name === "cluster-admin");
    expect(crbs.length).toBeGreaterThan(3);
    const wildcard = snapshot.clusterRoles.filter((r) => r.rules.some((x) => x.verbs.includes("*") && x.resources.includes("*")));
    expect(wildcard.map((r) => r.name)).toContain("legacy-admin");
    expect(snapshot.clusterRoles.find((r) => r.name === "secrets-reader")).toBeDefined();
    expect(snapshot.pods.some((p) => p.spec.containers.some((c) => c.securityContext?.privileged))).toBe(true);
    expect(snapshot.pods.some((p) => p.spec.containers.some((c) => c.image.endsWith(":latest")))).toBe(true);
    expect(snapshot.services.some((s) => s.type === "LoadBalancer")).toBe(true);
    expect(snapshot.networkPolicies.some((n) => n.ingress.some((r) => r.ports.some((p) => typeof p.port === "string")))).toBe(true);
    expect(snapshot.networkPolicies.some((n) => n.egress.some((r) => r.to.some((p) => p.ipBlock)))).toBe(true);
  });
});
