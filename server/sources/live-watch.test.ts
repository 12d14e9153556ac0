/**
 * A watched live source against the stand-in API server: the first snapshot equals a one-off read;
 * a change on the server becomes a new snapshot within the batch delay; collections that did not
 * change keep their arrays (analyses memoized on them are reused); forbidden and missing kinds are
 * reported as in a one-off read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClusterSnapshot } from "../../lib/model";
import { fakeCluster, FIXTURES_DIR, loadFixtureDir, type FakeCluster } from "../../testing/fake-apiserver";
import { apiClientFor } from "./kubeconfig";
import { loadLive } from "./live";
import { LiveWatch } from "./live-watch";

const binding = {
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "ClusterRoleBinding",
  metadata: { name: "mallory-admin" },
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
  subjects: [{ kind: "User", name: "mallory", apiGroup: "rbac.authorization.k8s.io" }],
};

function next(w: LiveWatch): Promise<ClusterSnapshot> {
  return new Promise((resolve) => {
    const off = w.subscribe((s) => {
      off();
      resolve(s);
    });
  });
}

describe("LiveWatch", () => {
  let c: FakeCluster;
  let w: LiveWatch;
  let first: ClusterSnapshot;
  beforeAll(async () => {
    c = await fakeCluster({ objects: loadFixtureDir(FIXTURES_DIR), token: "t", forbid: ["nodes"] });
    w = new LiveWatch(apiClientFor("fake", c.env), { env: c.env, batchMs: 10 });
    first = await w.start();
  });
  afterAll(async () => {
    await w.stop();
    await c.close();
  });

  it("starts with the snapshot a one-off read gives", async () => {
    const once = await loadLive("fake", { env: c.env });
    for (const k of ["pods", "roleBindings", "clusterRoleBindings", "networkPolicies", "workloads", "constraints", "namespaces"] as const) {
      expect(first[k].map((r) => `${r.namespace ?? ""}/${r.name}`), k).toEqual(once[k].map((r) => `${r.namespace ?? ""}/${r.name}`));
    }
    // the whole snapshot, issues included (each Kubernetes NetworkPolicy was once added twice, as Antrea's
    // networkpolicies too, and warned about as a duplicate); `kinds` but for the Calico CRD fallbacks a
    // one-off read also reports
    const plain = (x: ClusterSnapshot) => JSON.parse(JSON.stringify({ ...x, takenAt: "", kinds: Object.fromEntries(Object.entries(x.kinds).filter(([k]) => !k.endsWith(".crd.projectcalico.org"))) })) as unknown;
    expect(first.issues.filter((i) => i.message.startsWith("duplicate"))).toEqual([]);
    expect(plain(first)).toEqual(plain(once));
    expect(first.kinds.nodes).toMatchObject({ state: "forbidden" });
    expect(first.kinds.pods).toEqual({ state: "ok" });
    expect(w.status()).toMatchObject({ version: 1, events: 0 });
  });

  it("a ClusterRoleBinding created on the server is in the next snapshot; the other collections are the same arrays", async () => {
    const coming = next(w);
    c.server.apply(binding);
    const s = await coming;
    expect(s.clusterRoleBindings.map((b) => b.name)).toContain("mallory-admin");
    expect(s.pods).toBe(first.pods);
    expect(s.networkPolicies).toBe(first.networkPolicies);
    expect(s.clusterRoleBindings).not.toBe(first.clusterRoleBindings);
    expect(w.status()).toMatchObject({ version: 2, events: 1, lastBuild: { changed: ["clusterRoleBindings"] } });
  });

  it("a deleted object leaves; a burst of changes is one rebuild", async () => {
    const coming = next(w);
    c.server.delete("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "", "mallory-admin");
    for (let i = 0; i < 5; i++) c.server.apply({ ...binding, metadata: { name: `burst-${i}` } });
    const s = await coming;
    await new Promise((r) => setTimeout(r, 100));
    const names = w.snapshot!.clusterRoleBindings.map((b) => b.name);
    expect(names).not.toContain("mallory-admin");
    expect(names).toEqual(expect.arrayContaining(["burst-0", "burst-4"]));
    expect(s.clusterRoleBindings.length).toBeGreaterThan(0);
    expect(w.status().version).toBeLessThanOrEqual(5);
  });

  it("fails like a one-off read when the server cannot be reached", async () => {
    const dead = await fakeCluster({ objects: [], token: "t" });
    const client = apiClientFor("fake", dead.env);
    await dead.close();
    await expect(new LiveWatch(client, { env: { ...dead.env, CLEARANCE_LIVE_TIMEOUT_SECONDS: "2" } }).start()).rejects.toMatchObject({ code: "cluster_unreachable" });
  });
});
