/**
 * A draft's summary reuses what it can of the source's analyses (shared records, lib/analysis/memo
 * derive, remembered RBAC assessments and pod facts). Property: on random drafts over the demo
 * cluster, it equals the comparison of two snapshots that share nothing (deep copies).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toManifest, WRITABLE_KINDS } from "../model/manifest";
import { snapshotFromYaml } from "../model/testing";
import type { ClusterSnapshot } from "../model";
import { joinDocuments, manifestYaml } from "./api";
import { applyDraft } from "./apply";
import { compareSnapshots } from "./compare";
import { deleteDirective, parseDraft } from "./draft";
import { whatifMarkdown } from "./markdown";
import { whatifSummary } from "./summary";
import { demoText } from "../../testing/demo-text";

const copy = (s: ClusterSnapshot): ClusterSnapshot => JSON.parse(JSON.stringify(s));

describe("whatifSummary", () => {
  const base = snapshotFromYaml(demoText);
  const objects = [...base.roles, ...base.clusterRoles, ...base.roleBindings, ...base.clusterRoleBindings, ...base.networkPolicies, ...base.workloads].map((r) => ({
    kind: (r as { kind?: string }).kind ?? "NetworkPolicy",
    r,
  })).filter((o) => WRITABLE_KINDS.has(o.kind));

  it("equals comparing two snapshots that share nothing (random drafts over the demo)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(objects.length - 1), { maxLength: 4 }), fc.uniqueArray(fc.nat(objects.length - 1), { maxLength: 4 }), (deleted, relabelled) => {
        const docs = relabelled.map((i) => {
          const { kind, r } = objects[i];
          const m = toManifest(kind, r)! as { metadata: { labels?: Record<string, string> } };
          m.metadata.labels = { ...m.metadata.labels, "whatif-test": "yes" };
          return manifestYaml(m);
        });
        const text = joinDocuments([...docs, ...deleted.filter((i) => !relabelled.includes(i)).map((i) => deleteDirective({ kind: objects[i].kind, ...(objects[i].r.namespace ? { namespace: objects[i].r.namespace } : {}), name: objects[i].r.name }))]);
        const applied = applyDraft(base, parseDraft(text));
        const fast = whatifSummary(base, applied);
        const slow = compareSnapshots(copy(base), copy(applied.snapshot));
        expect(fast.findings.new.map((f) => f.id)).toEqual(slow.findings.added.map((f) => f.id));
        expect(fast.findings.fixed.map((f) => f.id)).toEqual(slow.findings.removed.map((f) => f.id));
        expect(fast.score).toEqual(slow.score);
        expect({ gained: fast.grants.gained, lost: fast.grants.lost }).toEqual({ gained: slow.grants.added, lost: slow.grants.removed });
        expect(fast.reachability).toEqual(slow.reachability);
      }),
      { numRuns: 8 },
    );
  });

  it("reads as a pull-request comment", () => {
    const applied = applyDraft(base, parseDraft("# clearance: delete RoleBinding payments/oncall-pod-debugger\n"));
    const md = whatifMarkdown(whatifSummary(base, applied));
    expect(md).toContain("**1 change** · 0 connections opened, 0 closed · grants gained by 0 subjects, lost by 1 · 0 new findings, 1 fixed");
    expect(md).toContain("- delete RoleBinding payments/oncall-pod-debugger");
    expect(md).toContain("| high | `R10` | Group acme:oncall | Group \"acme:oncall\" can exec into pods in payments |");
  });
});
