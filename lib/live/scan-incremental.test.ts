/**
 * A watched cluster end to end, as server/sources/live-watch.ts runs it: snapshots assembled in
 * proportion to the change (assemble.ts), linked for the dependency-tracking memo (memo.ts), and
 * scanned; every area's findings reused where their inputs did not change (per area, per posture
 * check, per RBAC subject, attack paths apart). After any sequence of changes the scan equals a scan
 * of a plain copy computed from scratch.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { derive, trackable } from "../analysis/memo";
import { scanSnapshot } from "../findings/scan";
import type { ClusterSnapshot } from "../model";
import { LiveAssembler, type LivePart } from "./assemble";

const SOURCE = { type: "live" as const, id: "live:test", label: "test", context: "test", server: "https://test" };
const RBAC = "rbac.authorization.k8s.io";
const NS = ["shop", "web"];
const RULES = [
  [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }],
  [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] }],
  [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }],
  [{ apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] }],
];

/** Each watched resource and how it makes an object from a small choice (`v`). */
const RESOURCES: Record<string, (name: string, ns: string, v: number) => unknown> = {
  namespaces: (_n, ns, v) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: v ? { "pod-security.kubernetes.io/enforce": "baseline" } : {} } }),
  pods: (name, ns, v) => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: ns, labels: { app: name } },
    spec: { serviceAccountName: v % 2 ? "app" : "default", hostNetwork: v === 3, containers: [{ name: "c", image: "nginx:1.27", ports: [{ containerPort: 80 }], securityContext: { privileged: v === 2 } }] },
  }),
  serviceaccounts: (_n, ns, v) => ({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "app", namespace: ns }, ...(v ? { automountServiceAccountToken: false } : {}) }),
  services: (name, ns, v) => ({ apiVersion: "v1", kind: "Service", metadata: { name, namespace: ns }, spec: { type: v ? "LoadBalancer" : "ClusterIP", selector: { app: name }, ports: [{ port: 80, targetPort: 80 }] } }),
  networkpolicies: (name, ns, v) => ({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace: ns }, spec: { podSelector: v % 2 ? {} : { matchLabels: { app: name } }, ingress: v > 1 ? [{}] : [], policyTypes: ["Ingress", ...(v === 4 ? ["Egress"] : [])] } }),
  clusterroles: (name, _ns, v) => ({ apiVersion: `${RBAC}/v1`, kind: "ClusterRole", metadata: { name: `role-${name}` }, rules: RULES[v % RULES.length] }),
  roles: (name, ns, v) => ({ apiVersion: `${RBAC}/v1`, kind: "Role", metadata: { name: `role-${name}`, namespace: ns }, rules: RULES[v % RULES.length] }),
  clusterrolebindings: (name, ns, v) => ({
    apiVersion: `${RBAC}/v1`,
    kind: "ClusterRoleBinding",
    metadata: { name },
    roleRef: { apiGroup: RBAC, kind: "ClusterRole", name: v === 4 ? "cluster-admin" : `role-${v % 2 ? "x" : "y"}` },
    subjects: [{ kind: "ServiceAccount", name: v > 2 ? "app" : "default", namespace: ns }],
  }),
  rolebindings: (name, ns, v) => ({
    apiVersion: `${RBAC}/v1`,
    kind: "RoleBinding",
    metadata: { name, namespace: ns },
    roleRef: { apiGroup: RBAC, kind: v % 2 ? "Role" : "ClusterRole", name: `role-${v > 2 ? "x" : "y"}` },
    subjects: [v === 4 ? { kind: "User", name: "alice", apiGroup: RBAC } : { kind: "ServiceAccount", name: "app", namespace: ns }],
  }),
};
const KEYS = Object.keys(RESOURCES);

class Cluster {
  readonly objects = new Map(KEYS.map((k) => [k, new Map<string, unknown>()]));
  readonly generation = new Map(KEYS.map((k) => [k, 0]));

  apply(resource: string, name: string, ns: string, v: number | null): void {
    const o = RESOURCES[resource](name, ns, v ?? 0) as { metadata: { name: string; namespace?: string } };
    const m = this.objects.get(resource)!;
    const key = `${o.metadata.namespace ?? ""}/${o.metadata.name}`;
    if (v === null) m.delete(key);
    else m.set(key, o);
    this.generation.set(resource, this.generation.get(resource)! + 1);
  }

  parts(): LivePart[] {
    return KEYS.map((k) => ({ resource: k, generation: this.generation.get(k)!, objects: () => this.objects.get(k)!.values(), origin: { source: `/api/${k}` }, status: { state: "ok" } }));
  }
}

const change = fc.record({
  resource: fc.constantFrom(...KEYS),
  name: fc.constantFrom("x", "y"),
  ns: fc.constantFrom(...NS),
  v: fc.option(fc.integer({ min: 0, max: 4 }), { freq: 5 }),
});

/** Everything a page shows of a scan. */
function scan(s: ClusterSnapshot): string {
  const r = scanSnapshot(s);
  return JSON.stringify({ findings: r.findings, score: r.score, compliance: r.compliance, posture: r.run.posture, evaluated: r.run.evaluated });
}

/** A plain copy: no tracking, no history, no shared records, so everything is computed afresh. */
const fresh = (s: ClusterSnapshot) => JSON.parse(JSON.stringify(s)) as ClusterSnapshot;

describe("a watched cluster's scans", () => {
  it("property: after any sequence of changes the incremental scan equals a scan from scratch", () => {
    fc.assert(
      fc.property(fc.array(change, { minLength: 4, maxLength: 10 }), fc.array(fc.array(change, { maxLength: 2 }), { minLength: 1, maxLength: 6 }), (setup, steps) => {
        const cluster = new Cluster();
        for (const c of setup) cluster.apply(c.resource, c.name, c.ns, c.v ?? 1);
        const asm = new LiveAssembler(SOURCE);
        let prev: ClusterSnapshot | undefined;
        for (const batch of [[], ...steps]) {
          for (const c of batch) cluster.apply(c.resource, c.name, c.ns, c.v);
          const next = trackable(asm.build(cluster.parts(), "2026-11-01T00:00:00.000Z")!.snapshot);
          derive(prev, next);
          expect(scan(next)).toBe(scan(fresh(next)));
          prev = next;
        }
      }),
      { numRuns: 25 },
    );
  });
});
