import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { rbacIndexOf } from "../analysis";
import { roleBindingManifest, roleManifest } from "../model/manifest";
import { snapshotFromYaml } from "../model/testing";
import { authorizeIndexed } from "../rbac/rbac-index";
import { clusterRoleBinding, sa } from "../rbac/test-objects";
import { joinDocuments, manifestYaml } from "../whatif/api";
import { applyDraft } from "../whatif/apply";
import { formatObjectKey, parseDraft } from "../whatif/draft";
import { whatifSummary } from "../whatif/summary";
import { auditFixture } from "./fixture";
import { rightSize } from "./right-size";
import { allowedAtoms } from "./suggest";
import { usageOf } from "./testing";
import { analyseUsage } from "./usage";

const index = auditFixture();
const deploys = ["shop", "payments"].flatMap((namespace) => [
  { as: "ci/deployer", verb: "get", resource: "deployments", apiGroup: "apps", namespace, name: "web", day: 2 },
  { as: "ci/deployer", verb: "patch", resource: "deployments", apiGroup: "apps", namespace, name: "web", day: 9 },
  { as: "ci/deployer", verb: "list", resource: "pods", namespace, day: 9 },
]);
const analysis = analyseUsage(
  usageOf(index, [
    ...deploys,
    { as: "ci/deployer", verb: "create", resource: "pods", namespace: "ci", day: 3 },
    { as: "ci/deployer", verb: "get", path: "/version", day: 3 },
    { as: "data/reports", verb: "get", resource: "secrets", namespace: "data", name: "db", day: 1 },
    { as: "dana", groups: ["oncall"], verb: "create", resource: "pods", subresource: "exec", namespace: "shop", name: "api-0", day: 4 },
  ]),
);

describe("rightSize", () => {
  it("replaces a CI account's cluster-admin with what it used, checked by the evaluator", () => {
    const r = rightSize(index, analysis, { kind: "ServiceAccount", namespace: "ci", name: "deployer" });
    expect(r.windowText).toBe("the 8 days covered by the audit log (2026-10-02 → 2026-10-10)");
    // list pods and get /version are also allowed by all-view, a non-default binding to
    // system:authenticated: a suggestion does not lean on it (it is a finding of its own).
    expect(r.needed).toEqual({ atoms: 8, requests: 8 });
    expect(r.verification).toMatchObject({ ok: true, missing: [] });
    expect(r.manifests.map((m) => `${m.kind} ${m.metadata.namespace ?? ""}/${m.metadata.name}`)).toEqual([
      "ClusterRole /ci-deployer-used-cluster",
      "ClusterRole /ci-deployer-used-in-namespaces",
      "ClusterRoleBinding /ci-deployer-used-cluster",
      "Role ci/ci-deployer-used",
      "RoleBinding ci/ci-deployer-used",
      "RoleBinding payments/ci-deployer-used",
      "RoleBinding shop/ci-deployer-used",
    ]);
    expect(r.manifests[0].rules).toEqual([{ nonResourceURLs: ["/version"], verbs: ["get"] }]);
    expect(r.manifests[1].rules).toEqual([
      { apiGroups: [""], resources: ["pods"], verbs: ["list"] },
      { apiGroups: ["apps"], resources: ["deployments"], resourceNames: ["web"], verbs: ["get", "patch"] },
    ]);
    expect(r.risk.before.map((x) => x.rule)).toEqual(["R01"]);
    expect(r.risk.removed.map((x) => `${x.rule} ${x.text}`)).toEqual(["R01 is cluster-admin equivalent cluster-wide"]);
    expect(r.risk.after.map((x) => `${x.rule} ${x.namespace}: ${x.because.map((b) => b.text).join("; ")}`)).toEqual([
      "R08 ci: create pods in namespace ci",
      "R09 payments: patch deployments.apps named \"web\" in namespace payments",
      "R09 shop: patch deployments.apps named \"web\" in namespace shop",
    ]);
    const [change] = r.changes;
    expect(change).toMatchObject({ text: 'ClusterRoleBinding "ci-admin" of ClusterRole "cluster-admin"', action: "delete", otherSubjects: 0 });
    expect(change.rules.map((x) => [x.text, x.lost, x.used.count])).toEqual([
      ["* * (*)", "rest", 7],
      ["* *", "rest", 1],
    ]);
    expect(change.lostRisks.map((x) => x.rule)).toEqual(["R01"]);
    const docs = YAML.parseAllDocuments(r.yaml).map((d) => d.toJS());
    expect(docs.map((d) => d.kind)).toEqual(["ClusterRole", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "RoleBinding", "RoleBinding"]);
    expect(r.yaml.split("\n")[0]).toBe('# Suggested by Clearance for ServiceAccount "ci/deployer" from what it used in the 8 days covered by the audit log (2026-10-02 → 2026-10-10).');
  });

  it("narrows a cluster-wide secret reader to the one Secret it read", () => {
    const r = rightSize(index, analysis, { kind: "ServiceAccount", namespace: "data", name: "reports" });
    expect(r.manifests.map((m) => [m.kind, m.metadata.namespace, m.rules ?? m.roleRef])).toEqual([
      ["Role", "data", [{ apiGroups: [""], resources: ["secrets"], resourceNames: ["db"], verbs: ["get"] }]],
      ["RoleBinding", "data", { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "data-reports-used" }],
    ]);
    expect(r.risk.removed.map((x) => `${x.rule} ${x.severity} ${x.scope}`)).toEqual(["R06 critical cluster"]);
    expect(r.changes[0].rules[0].lost).toBe("rest");
  });

  it("right-sizes a group from its members' requests, and says a binding shared with others loses only the subject", () => {
    const r = rightSize(index, analysis, { kind: "Group", name: "oncall" });
    expect(r.manifests.filter((m) => m.kind === "Role").map((m) => [m.metadata.namespace, m.rules])).toEqual([["shop", [{ apiGroups: [""], resources: ["pods/exec"], resourceNames: ["api-0"], verbs: ["create"] }]]]);
    expect(r.changes.map((c) => [c.binding.namespace, c.action, c.used.count, c.rules.map((x) => x.lost).join(",")])).toEqual([
      ["payments", "delete", 0, "all,all"],
      ["shop", "delete", 1, "rest,all"],
    ]);
    expect(r.risk.removed.map((x) => `${x.rule} ${x.namespace}`)).toEqual(["R10 payments"]);
  });
});

describe("the suggestion as a what-if draft", () => {
  // The fixture as a snapshot (plus a binding data/reports shares with data/exporter), so the
  // what-if engine can apply the suggestion's YAML to it.
  const shared = clusterRoleBinding("reports-and-exporter", "basic-view", [sa("data", "reports"), sa("data", "exporter")]);
  const o = auditFixture().objects;
  const yaml = joinDocuments([...o.clusterRoles, ...o.roles].map((r) => manifestYaml(roleManifest(r))).concat([...o.clusterRoleBindings, shared, ...o.roleBindings].map((b) => manifestYaml(roleBindingManifest(b)))));
  const snapshot = snapshotFromYaml(yaml);
  const idx = rbacIndexOf(snapshot);
  const used = analyseUsage(usageOf(idx, [...deploys, { as: "ci/deployer", verb: "create", resource: "pods", namespace: "ci", day: 3 }, { as: "data/reports", verb: "get", resource: "secrets", namespace: "data", name: "db", day: 1 }]));

  it("deletes a binding the subject was alone in, keeps every used request allowed, and the summary names the grants lost", () => {
    const r = rightSize(idx, used, { kind: "ServiceAccount", namespace: "ci", name: "deployer" });
    const draft = parseDraft(r.yaml);
    expect(draft.issues).toEqual([]);
    expect(draft.entries.filter((e) => e.op === "delete").map(formatObjectKey)).toEqual(["ClusterRoleBinding ci-admin"]);
    expect(r.yaml.trimEnd().split("\n").at(-1)).toBe("# clearance: delete ClusterRoleBinding ci-admin");
    const applied = applyDraft(snapshot, draft);
    expect(applied.issues).toEqual([]);
    const after = rbacIndexOf(applied.snapshot);
    for (const a of allowedAtoms(used, r.subject)) expect(authorizeIndexed(after, a.identity, a.request, after.cache).allowed, a.request.verb).toBe(true);
    const lost = whatifSummary(snapshot, applied).grants.lost.find((c) => c.kind === "ServiceAccount" && c.name === "deployer");
    expect(lost?.permissions.map((p) => `${p.verbs.join(",")} ${p.resource ?? p.nonResourceURL}`)).toEqual(["* *", "* *"]);
    const summary = whatifSummary(snapshot, applied, { audit: used });
    expect(summary.used).toMatchObject({ checked: { atoms: 8, requests: 8 }, lost: { atoms: 0, requests: 0 }, examples: [] });
    expect(summary.used?.windowText).toMatch(/^the \d+ days covered by the audit log/);
  });

  it("a draft that takes away something used says what, for whom", () => {
    const applied = applyDraft(snapshot, parseDraft("# clearance: delete ClusterRoleBinding ci-admin\n"));
    const summary = whatifSummary(snapshot, applied, { audit: used });
    expect(summary.used?.lost).toEqual({ atoms: 5, requests: 5 });
    expect(summary.used?.examples[0]).toMatchObject({ username: "system:serviceaccount:ci:deployer", count: 1 });
  });

  it("rewrites a binding shared with other subjects without the subject", () => {
    const r = rightSize(idx, used, { kind: "ServiceAccount", namespace: "data", name: "reports" });
    const draft = parseDraft(r.yaml);
    expect(draft.issues).toEqual([]);
    expect(draft.entries.map((e) => `${e.op} ${formatObjectKey(e)}`)).toEqual([
      "apply Role data/data-reports-used",
      "apply RoleBinding data/data-reports-used",
      "apply ClusterRoleBinding reports-and-exporter",
      "delete ClusterRoleBinding reports-secrets",
    ]);
    const rewritten = draft.entries.find((e) => e.op === "apply" && e.name === "reports-and-exporter");
    expect(rewritten && "manifest" in rewritten ? (rewritten.manifest as { subjects: unknown[] }).subjects : []).toEqual([{ kind: "ServiceAccount", name: "exporter", namespace: "data" }]);
  });
});
