import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { networkAnalysisOf, rbacIndexOf } from ".";
import { scanSnapshot } from "../findings/scan";
import type { ClusterSnapshot } from "../model";
import { snapshotFromYaml } from "../model/testing";
import { derive, memoize, previousResult, trackable } from "./memo";

const BASE = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {serviceAccountName: web, containers: [{name: c, image: nginx:1.27, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: shop, labels: {app: db}}
spec: {containers: [{name: c, image: postgres:17, securityContext: {privileged: true}}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec: {podSelector: {matchLabels: {app: db}}, ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: shop}
rules: [{apiGroups: [""], resources: [pods], verbs: [get, list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: web-reader, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects: [{kind: ServiceAccount, name: web, namespace: shop}]
`;

const extra = {
  adminBinding: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: web-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: everything}
subjects: [{kind: ServiceAccount, name: web, namespace: shop}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: everything}
rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]`,
  openPolicy: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: open, namespace: shop}
spec: {podSelector: {}, ingress: [{}]}`,
  exposed: `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80, targetPort: 80}]}`,
  pod: `apiVersion: v1
kind: Pod
metadata: {name: cache, namespace: shop, labels: {app: cache}}
spec: {hostNetwork: true, containers: [{name: c, image: redis}]}`,
};
type Extra = keyof typeof extra;

/** The snapshot of BASE plus `parts`, sharing with `prev` every collection that is the same. */
function step(prev: ClusterSnapshot | undefined, parts: Extra[], n: number): ClusterSnapshot {
  const built = snapshotFromYaml([BASE, ...parts.map((p) => extra[p])].join("\n---\n"), "test.yaml", `2026-11-01T00:00:${String(n).padStart(2, "0")}.000Z`);
  const next = prev ? ({ ...built } as ClusterSnapshot) : built;
  if (prev) {
    for (const k of Object.keys(next) as (keyof ClusterSnapshot)[]) {
      if (k !== "takenAt" && JSON.stringify(prev[k]) === JSON.stringify(next[k])) (next as unknown as Record<string, unknown>)[k] = prev[k];
    }
  }
  trackable(next);
  derive(prev, next);
  return next;
}

/** A plain copy: no tracking, no history, so everything is computed from scratch. */
const fresh = (s: ClusterSnapshot) => JSON.parse(JSON.stringify(s)) as ClusterSnapshot;
const scan = (s: ClusterSnapshot) => {
  const r = scanSnapshot(s);
  return JSON.stringify({ findings: r.findings, compliance: r.compliance, score: r.score, posture: r.run.posture });
};

describe("memoize over snapshots that follow one another", () => {
  it("reuses what reads only unchanged collections, recomputes the rest", () => {
    const a = step(undefined, [], 0);
    const netA = networkAnalysisOf(a);
    const rbacA = rbacIndexOf(a);
    const b = step(a, ["adminBinding"], 1); // RBAC changed, the network did not
    expect(networkAnalysisOf(b)).toBe(netA);
    expect(rbacIndexOf(b)).not.toBe(rbacA);
    const c = step(b, ["adminBinding", "openPolicy"], 2); // the network changed, RBAC did not
    expect(networkAnalysisOf(c)).not.toBe(netA);
    expect(rbacIndexOf(c)).toBe(rbacIndexOf(b));
    // a new pod: the index carries the new pods, its grants (and rule-match cache) are kept
    const d = step(c, ["adminBinding", "openPolicy", "pod"], 3);
    expect(rbacIndexOf(d)).not.toBe(rbacIndexOf(c));
    expect(rbacIndexOf(d).pods).toBe(d.pods);
    expect(rbacIndexOf(d).grants).toBe(rbacIndexOf(c).grants);
    expect(rbacIndexOf(d).cache).toBe(rbacIndexOf(c).cache);
  });

  it("a nested computation's reads count for the one that called it", () => {
    const a = step(undefined, [], 0);
    let outer = 0;
    const run = (s: ClusterSnapshot) => memoize(s, "test:outer", () => (outer++, rbacIndexOf(s)));
    run(a);
    run(step(a, ["openPolicy"], 1)); // reads RBAC only (through the index): reused
    expect(outer).toBe(1);
    const b = step(a, ["adminBinding"], 2);
    run(b);
    expect(outer).toBe(2);
  });

  it("property: after any sequence of changes the scan equals a scan computed from scratch", () => {
    fc.assert(
      fc.property(fc.array(fc.subarray(Object.keys(extra) as Extra[]), { minLength: 1, maxLength: 6 }), (states) => {
        let s: ClusterSnapshot | undefined;
        states.forEach((parts, i) => {
          s = step(s, parts, i);
          expect(scan(s)).toBe(scan(fresh(s)));
        });
      }),
      { numRuns: 20 },
    );
  });
});

describe("a value memoized before its snapshot was tracked", () => {
  it("makes the computation that reads it not reusable: its reads are unknown (a draft's scan once reused its source's findings)", () => {
    const base = { items: [1, 2] } as { items: number[] };
    // memoized while `base` is not tracked: no record of what it read
    memoize(base, "inner", () => base.items.length);
    trackable(base);
    const outer = () => memoize(base, "outer", () => memoize(base, "inner", () => base.items.length) * 10);
    expect(outer()).toBe(20);
    const next = trackable({ items: [1, 2, 3] });
    derive(base, next);
    expect(memoize(next, "outer", () => memoize(next, "inner", () => next.items.length) * 10)).toBe(30);
  });

  it("hands a computation the result its snapshot's predecessor had, whether or not it was tracked", () => {
    const base = { items: [1] };
    const next = trackable({ items: [1, 2] });
    memoize(base, "k", () => "base's");
    expect(previousResult(next, "k")).toBeUndefined();
    derive(trackable(base), next);
    expect(previousResult(next, "k")).toBe("base's");
    expect(previousResult(next, "other")).toBeUndefined();
    expect(previousResult(base, "k")).toBeUndefined();
  });
});
