/**
 * A draft's scan reuses the source's work object by object: posture per workload (lib/posture
 * workloads.ts, kept per pod record), hidden names and namespaced objects per collection array, RBAC
 * findings per subject, and the source's findings order (lib/findings/run.ts `dedupeAndSort`).
 * Property (fixed seed): for random drafts over the demo — workloads patched (Pod Security fields,
 * images, replicas, tokens), added and deleted, ServiceAccounts changed, objects relabelled and
 * deleted — the draft's whole scan (findings with their evidence, score, compliance, posture rows,
 * evaluated counts) equals the scan of a copy that shares nothing with the source.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { trackable } from "../analysis/memo";
import { scanSnapshot } from "../findings/scan";
import type { ClusterSnapshot } from "../model";
import { toManifest, WRITABLE_KINDS } from "../model/manifest";
import { snapshotFromYaml } from "../model/testing";
import { joinDocuments, manifestYaml } from "./api";
import { applyDraft } from "./apply";
import { deleteDirective, parseDraft } from "./draft";
import { demoText } from "../../testing/demo-text";

/** Everything a page shows of a scan. */
function scan(s: ClusterSnapshot): string {
  const r = scanSnapshot(s);
  return JSON.stringify({ findings: r.findings, score: r.score, compliance: r.compliance, posture: r.run.posture, evaluated: r.run.evaluated });
}

/** A plain copy: no tracking, no history, no shared records, so everything is computed afresh. */
const fresh = (s: ClusterSnapshot) => JSON.parse(JSON.stringify(s)) as ClusterSnapshot;

/** Strategic merge patches of a workload's pod template, one per variant. */
const PATCHES: ((container: string) => unknown)[] = [
  () => ({ securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } } }),
  (c) => ({ containers: [{ name: c, image: "registry.example/app:latest" }] }),
  (c) => ({ containers: [{ name: c, securityContext: { privileged: true, readOnlyRootFilesystem: true } }] }),
  () => ({ automountServiceAccountToken: false }),
  () => ({ hostNetwork: true }),
  (c) => ({ containers: [{ name: c, resources: { limits: { cpu: "1", memory: "1Gi" } } }] }),
];

const op = fc.oneof(
  fc.record({ op: fc.constant("patch" as const), i: fc.nat(), v: fc.nat(PATCHES.length - 1) }),
  fc.record({ op: fc.constant("replicas" as const), i: fc.nat(), n: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ op: fc.constant("add" as const), i: fc.nat(), ns: fc.constantFrom("default", "payments", "whatif-new"), sa: fc.constantFrom("default", "app", "new-sa"), v: fc.nat(PATCHES.length) }),
  fc.record({ op: fc.constant("account" as const), i: fc.nat(), automount: fc.boolean() }),
  fc.record({ op: fc.constant("relabel" as const), i: fc.nat() }),
  fc.record({ op: fc.constant("delete" as const), i: fc.nat() }),
);

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

describe("a draft's scan, reused object by object", () => {
  const base = snapshotFromYaml(demoText);
  const workloads = base.workloads.filter((w) => WRITABLE_KINDS.has(w.kind) && !w.ownerReferences.some((o) => o.controller));
  const accounts = base.serviceAccounts;
  const of = (kind: string, list: readonly { name: string; namespace?: string }[]) => list.map((r) => ({ kind, r }));
  const objects = [
    ...of("Role", base.roles),
    ...of("RoleBinding", base.roleBindings),
    ...of("ClusterRoleBinding", base.clusterRoleBindings),
    ...of("NetworkPolicy", base.networkPolicies),
    ...of("Service", base.services),
    ...workloads.map((r) => ({ kind: r.kind, r })),
  ].filter((o) => WRITABLE_KINDS.has(o.kind));

  function draftText(ops: readonly Op[]): string {
    const docs: string[] = [];
    for (const o of ops as readonly { op: string; i: number; v?: number; n?: number; ns?: string; sa?: string; automount?: boolean }[]) {
      if (o.op === "patch" || o.op === "replicas") {
        const w = workloads[o.i % workloads.length];
        const container = w.template?.spec.containers[0]?.name ?? "app";
        const spec = o.op === "patch" ? { template: { spec: PATCHES[o.v!](container) } } : { replicas: o.n };
        docs.push(manifestYaml({ apiVersion: "apps/v1", kind: w.kind, metadata: { name: w.name, namespace: w.namespace }, spec }, { patch: true }));
      } else if (o.op === "add") {
        const name = `added-${o.i % 3}`;
        const extra = o.v! < PATCHES.length ? (PATCHES[o.v!]("app") as object) : {};
        const containers = "containers" in extra ? [{ name: "app", image: "nginx:1.27", ...(extra.containers as object[])[0] }] : [{ name: "app", image: "nginx:1.27" }];
        const rest = Object.fromEntries(Object.entries(extra).filter(([k]) => k !== "containers"));
        docs.push(manifestYaml({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace: o.ns }, spec: { replicas: 2, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { serviceAccountName: o.sa, containers, ...rest } } } }));
      } else if (o.op === "account") {
        const a = accounts[o.i % accounts.length];
        docs.push(manifestYaml({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: a.name, namespace: a.namespace }, automountServiceAccountToken: o.automount }));
      } else {
        const { kind, r } = objects[o.i % objects.length];
        if (o.op === "delete") docs.push(deleteDirective({ kind, ...(r.namespace ? { namespace: r.namespace } : {}), name: r.name }));
        else {
          const m = toManifest(kind, r)! as { metadata: { labels?: Record<string, string> } };
          m.metadata.labels = { ...m.metadata.labels, "whatif-test": "yes" };
          docs.push(manifestYaml(m));
        }
      }
    }
    return joinDocuments(docs);
  }

  it("property: equals a scan of an unshared copy, the source tracked or not", () => {
    const tracked = trackable(snapshotFromYaml(demoText));
    scanSnapshot(tracked);
    scanSnapshot(base);
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 6 }), fc.boolean(), (ops, track) => {
        const source = track ? tracked : base;
        const applied = applyDraft(source, parseDraft(draftText(ops)));
        // (the same object deleted twice is a warning, not an error)
        expect(applied.issues.filter((i) => i.severity === "error")).toEqual([]);
        expect(scan(applied.snapshot)).toBe(scan(fresh(applied.snapshot)));
      }),
      { numRuns: 16, seed: 1305 },
    );
  }, 90_000);
});
