/**
 * The RBAC fixer against the plain evaluator (lib/rbac/evaluator.ts authorize over object lists):
 * on random RBAC objects, for a permission a subject holds, every proposed edit — applied as the
 * draft it writes — takes the permission away from the subject's own bindings, and the stated "who
 * loses what" is exactly the evaluator's before/after difference over every subject of the cluster.
 */
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emptySnapshot, type ClusterSnapshot, type PolicyRule, type Role, type RoleBinding, type Subject } from "../model";
import { snapshotFromYaml } from "../model/testing";
import { authorize, type RbacObjects } from "../rbac/evaluator";
import { ANY } from "../rbac/risk-model";
import type { ResourceRequest } from "../rbac/request";
import { boundSubject, identityOf, keyOfSubject, subjectOfKey, type SubjectRef } from "../rbac/subjects";
import { applyDraft } from "../whatif/apply";
import { parseDraft } from "../whatif/draft";
import { fixGrant } from "./rbac";
import { canonicalLoss, requestKeyOf, requestsOfRule, scopesOf, vocabularyOf, type LostRequest } from "./rbac-loss";
import { buildRbacIndex } from "../rbac/rbac-index";
import type { RulePoint } from "./rbac-narrow";

const pick = <T,>(xs: readonly T[]) => fc.constantFrom(...xs);
const subset = <T,>(xs: readonly T[], max = 3, min = 0) => fc.uniqueArray(pick(xs), { minLength: min, maxLength: max });
const NAMESPACES = ["ns1", "ns2"];
const meta = { labels: {}, annotations: {} };

const ruleArb: fc.Arbitrary<PolicyRule> = fc.record({
  verbs: subset(["get", "list", "create", "delete", "*"], 3, 1),
  apiGroups: subset(["", "apps", "*"], 2, 1),
  resources: subset(["pods", "pods/exec", "*/exec", "*", "secrets", "nodes", "deployments"], 3, 1),
  resourceNames: fc.oneof(fc.constant([] as string[]), subset(["a", "b"], 2, 1)),
  nonResourceURLs: fc.constant([] as string[]),
});

const subjectArb: fc.Arbitrary<Subject> = fc.oneof(
  fc.record({ kind: fc.constant("User"), name: pick(["alice", "bob"]) }),
  fc.record({ kind: fc.constant("Group"), name: pick(["devs", "system:authenticated", "system:serviceaccounts"]) }),
  fc.record({ kind: fc.constant("ServiceAccount"), name: pick(["sa1", "sa2"]), namespace: pick(NAMESPACES) }),
);

const clusterArb: fc.Arbitrary<ClusterSnapshot> = fc
  .record({
    clusterRoles: fc.uniqueArray(fc.record({ name: pick(["cr1", "cr2"]), rules: fc.array(ruleArb, { minLength: 1, maxLength: 3 }) }), { selector: (r) => r.name, minLength: 1, maxLength: 2 }),
    roles: fc.uniqueArray(fc.record({ namespace: pick(NAMESPACES), name: pick(["r1", "r2"]), rules: fc.array(ruleArb, { minLength: 1, maxLength: 3 }) }), { selector: (r) => `${r.namespace}/${r.name}`, maxLength: 3 }),
    crbs: fc.array(fc.record({ role: pick(["cr1", "cr2"]), subjects: fc.array(subjectArb, { minLength: 1, maxLength: 3 }) }), { maxLength: 3 }),
    rbs: fc.array(fc.record({ namespace: pick(NAMESPACES), kind: pick(["Role", "ClusterRole"]), role: pick(["r1", "r2", "cr1", "cr2"]), subjects: fc.array(subjectArb, { minLength: 1, maxLength: 3 }) }), { maxLength: 5 }),
  })
  .map(({ clusterRoles, roles, crbs, rbs }) => ({
    ...emptySnapshot({ type: "files", id: "files:t", label: "t" }, "2026-01-01T00:00:00Z"),
    namespaces: NAMESPACES.map((name) => ({ name, labels: { "kubernetes.io/metadata.name": name }, annotations: {} })),
    clusterRoles: clusterRoles.map((r): Role => ({ kind: "ClusterRole", ...meta, ...r })),
    roles: roles.map((r): Role => ({ kind: "Role", ...meta, ...r })),
    clusterRoleBindings: crbs.map((b, i): RoleBinding => ({ kind: "ClusterRoleBinding", name: `crb${i}`, ...meta, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: b.role }, subjects: b.subjects })),
    roleBindings: rbs.map((b, i): RoleBinding => ({ kind: "RoleBinding", name: `rb${i}`, namespace: b.namespace, ...meta, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: b.kind, name: b.role }, subjects: b.subjects })),
  }));

const rbacOf = (s: ClusterSnapshot): RbacObjects => ({ roles: s.roles, clusterRoles: s.clusterRoles, roleBindings: s.roleBindings, clusterRoleBindings: s.clusterRoleBindings });

/** Only the bindings that name the subject, with only it as subject: "its own bindings". */
function ownBindings(s: ClusterSnapshot, subject: SubjectRef): RbacObjects {
  const key = keyOfSubject(subject);
  const own = (b: RoleBinding) => ({ ...b, subjects: b.subjects.filter((x) => { const r = boundSubject(x, b.namespace ?? ""); return r && keyOfSubject(r) === key; }) });
  return { ...rbacOf(s), roleBindings: s.roleBindings.map(own), clusterRoleBindings: s.clusterRoleBindings.map(own) };
}

/** The reference: every subject of either side, every request any rule of the cluster answers, in each of its scopes. */
function evaluatorLoss(before: ClusterSnapshot, after: ClusterSnapshot): Map<string, string[]> {
  const bi = buildRbacIndex(before);
  const ai = buildRbacIndex(after);
  const vocab = vocabularyOf(...[...before.roles, ...before.clusterRoles].map((r) => r.rules));
  const rules = [...before.roles, ...before.clusterRoles].flatMap((r) => r.rules);
  const out = new Map<string, string[]>();
  for (const key of new Set([...bi.clusterByKey.keys(), ...bi.namespacedByKey.keys(), ...ai.clusterByKey.keys(), ...ai.namespacedByKey.keys()])) {
    const identity = identityOf(subjectOfKey(key));
    const lost: LostRequest[] = [];
    for (const ns of scopesOf(identity, bi, ai)) {
      for (const rule of rules) {
        for (const req of requestsOfRule(rule, vocab, ns)) {
          if (authorize(rbacOf(before), identity, req).allowed && !authorize(rbacOf(after), identity, req).allowed) {
            lost.push({ namespace: ns, verb: req.verb, apiGroup: req.apiGroup, resource: req.subresource ? `${req.resource}/${req.subresource}` : req.resource, ...(req.name !== ANY ? { resourceName: req.name } : {}) });
          }
        }
      }
    }
    const keys = [...new Set(canonicalLoss(lost).map(requestKeyOf))].sort();
    if (keys.length) out.set(key, keys);
  }
  return out;
}

const pointRequest = (p: RulePoint, namespace: string, name: string): ResourceRequest => {
  const [resource, subresource = ""] = p.resource.split("/");
  return { resourceRequest: true, verb: p.verb, apiGroup: p.apiGroup, resource, subresource, name, namespace };
};

describe("fixGrant", () => {
  it("takes the permission away, and 'who loses what' is the evaluator's difference exactly (random clusters)", () => {
    const pointArb = fc.record({ verb: pick(["get", "list", "create", "delete"]), apiGroup: pick(["", "apps"]), resource: pick(["pods", "pods/exec", "secrets", "deployments"]) });
    fc.assert(
      fc.property(clusterArb, pointArb, fc.nat(20), pick(["", ...NAMESPACES]), (snapshot, point, which, namespace) => {
        const index = buildRbacIndex(snapshot);
        const holders = [...new Set([...index.clusterByKey.keys(), ...(namespace ? index.namespacedByKey.keys() : [])])]
          .map(subjectOfKey)
          .filter((s) => authorize(ownBindings(snapshot, s), identityOf(s), pointRequest(point, namespace, ANY)).allowed);
        fc.pre(holders.length > 0);
        const subject = holders[which % holders.length];
        const fix = fixGrant(snapshot, { subject, points: [point], namespace });
        expect(fix.alternatives.length).toBeGreaterThan(0);
        for (const alt of fix.alternatives) {
          const applied = applyDraft(snapshot, parseDraft(alt.yaml));
          expect(applied.issues).toEqual([]);
          const after = applied.snapshot;
          expect(alt.removesTarget).toBe(true);
          for (const name of [ANY, "a", "b"]) expect(authorize(ownBindings(after, subject), identityOf(subject), pointRequest(point, namespace, name)).allowed).toBe(false);
          const stated = new Map(alt.loses.map((l) => [keyOfSubject(l.subject), l.lost.map((r: LostRequest) => requestKeyOf(r)).sort()]));
          expect(stated).toEqual(evaluatorLoss(snapshot, after));
        }
      }),
      { numRuns: 40 },
    );
  });
});

const DEMO = new URL("../../demo/cluster/", import.meta.url);
const demo = snapshotFromYaml(readdirSync(DEMO).filter((f) => f.endsWith(".yaml")).sort().map((f) => readFileSync(new URL(f, DEMO), "utf8")).join("\n---\n"));

describe("fixGrant on the demo", () => {
  it("the on-call group's exec into payments pods: its own role first, then narrowing the shared role, then unbinding", () => {
    const fix = fixGrant(demo, { subject: { kind: "Group", name: "acme:oncall" }, points: [{ verb: "create", apiGroup: "", resource: "pods/exec" }], namespace: "payments" });
    expect(fix.paths).toEqual([expect.stringContaining("payments/oncall-pod-debugger")]);
    expect(fix.alternatives.map((a) => [a.kind, a.removesTarget])).toEqual([
      ["own-role", true],
      ["narrow-rules", true],
      ["unbind", true],
    ]);
    const [own, narrow, unbind] = fix.alternatives;
    expect(own.collateral).toBe(0);
    expect(own.loses).toEqual([{ subject: { kind: "Group", name: "acme:oncall" }, lost: [expect.objectContaining({ namespace: "payments", verb: "create", resource: "pods/exec", target: true })] }]);
    expect(own.yaml).toContain("kind: Role\n");
    expect(own.yaml).toContain("# clearance: delete RoleBinding payments/oncall-pod-debugger");
    expect(narrow.collateral).toBeGreaterThan(0); // everyone bound to pod-debugger elsewhere loses exec too
    expect(unbind.loses[0].lost.length).toBeGreaterThan(1); // and the read access that binding gave
  });
});
