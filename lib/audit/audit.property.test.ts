/**
 * Properties of used-versus-granted and of right-sized roles, on random clusters and random logs:
 * - the suggested roles (applied in place of the subject's own bindings) authorise every logged
 *   request that today's RBAC authorises — checked with the reference evaluator (evaluator.ts);
 * - on their own they authorise nothing the log did not use beyond the chosen generalisation
 *   (same resource; verb as seen or of its family; name as seen, or any name where a request had
 *   none, names were too many or the option says so; the namespace seen, every namespace for a
 *   request made across all of them);
 * - the suggestion's YAML, opened as a what-if draft (lib/whatif), gives the RBAC the suggestion was
 *   checked on (applySuggestion): same decisions for every identity and probe;
 * - a subject's grid cells are each used or unused, a used cell counts exactly the requests inside
 *   it, and every request RBAC allows lies in some used cell.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PolicyRule, Role, RoleBinding, Subject } from "../model";
import { authorize, type RbacObjects } from "../rbac/evaluator";
import { buildRbacIndex } from "../rbac/rbac-index";
import { resourceRequest, type AccessRequest } from "../rbac/request";
import { ruleAllows } from "../rbac/rule-allows";
import { identityOf, type SubjectRef } from "../rbac/subjects";
import type { Atom } from "./accumulate";
import { rowCells, usageGrid } from "./grid";
import { NAMES_LIMIT, verbsFor, type Generalisation } from "./rules";
import { rbacIndexOf } from "../analysis";
import { roleBindingManifest, roleManifest } from "../model/manifest";
import { snapshotFromYaml } from "../model/testing";
import { joinDocuments, manifestYaml } from "../whatif/api";
import { applyDraft } from "../whatif/apply";
import { parseDraft } from "../whatif/draft";
import { manifestsOf } from "./manifests";
import { draftText } from "./right-size";
import { applySuggestion, suggestionBasis } from "./suggest";
import { usageOf, type LineSpec } from "./testing";
import { analyseUsage, isUse } from "./usage";

const NS = ["ns1", "ns2"];
const pick = <T,>(xs: readonly T[]) => fc.constantFrom(...xs);
const subset = <T,>(xs: readonly T[], max = 3, min = 0) => fc.uniqueArray(pick(xs), { minLength: min, maxLength: max });
const VERBS = ["get", "list", "watch", "create", "patch", "delete", "deletecollection"];
const RESOURCES = ["pods", "pods/exec", "secrets", "nodes", "namespaces"];

const ruleArb: fc.Arbitrary<PolicyRule> = fc.oneof(
  fc.record({
    verbs: subset([...VERBS, "*"], 3, 1),
    apiGroups: subset(["", "apps", "*"], 2, 1),
    resources: subset([...RESOURCES, "deployments", "*", "*/exec"], 3, 1),
    resourceNames: fc.oneof(fc.constant([] as string[]), subset(["a", "b", "ns1"], 2, 1)),
    nonResourceURLs: fc.constant([] as string[]),
  }),
  fc.record({ verbs: subset(["get", "*"], 1, 1), apiGroups: fc.constant([] as string[]), resources: fc.constant([] as string[]), resourceNames: fc.constant([] as string[]), nonResourceURLs: subset(["/healthz", "/metrics", "/api*"], 2, 1) }),
);
const subjectArb: fc.Arbitrary<Subject> = fc.oneof(
  pick(["alice", "bob"]).map((name) => ({ kind: "User", name })),
  pick(["devs", "system:authenticated"]).map((name) => ({ kind: "Group", name })),
  fc.record({ kind: fc.constant("ServiceAccount"), namespace: pick(NS), name: pick(["sa1", "sa2"]) }),
);
const meta = { labels: {}, annotations: {} };
const clusterArb: fc.Arbitrary<RbacObjects> = fc
  .record({
    cr: fc.array(fc.array(ruleArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
    crbs: fc.array(fc.record({ role: fc.nat(2), subjects: fc.array(subjectArb, { minLength: 1, maxLength: 2 }) }), { maxLength: 3 }),
    rbs: fc.array(fc.record({ ns: pick(NS), role: fc.nat(2), subjects: fc.array(subjectArb, { minLength: 1, maxLength: 2 }) }), { maxLength: 4 }),
  })
  .map(({ cr, crbs, rbs }) => ({
    clusterRoles: cr.map((rules, i): Role => ({ kind: "ClusterRole", name: `cr${i}`, rules, ...meta })),
    roles: [],
    clusterRoleBindings: crbs.map((b, i): RoleBinding => ({ kind: "ClusterRoleBinding", name: `crb${i}`, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: `cr${b.role}` }, subjects: b.subjects, ...meta })),
    roleBindings: rbs.map((b, i): RoleBinding => ({ kind: "RoleBinding", namespace: b.ns, name: `rb${i}`, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: `cr${b.role}` }, subjects: b.subjects, ...meta })),
  }));

const WHO: { spec: Pick<LineSpec, "as" | "groups">; subject: SubjectRef; assume: string[] }[] = [
  { spec: { as: "alice", groups: ["devs"] }, subject: { kind: "User", name: "alice" }, assume: ["devs"] },
  { spec: { as: "bob" }, subject: { kind: "User", name: "bob" }, assume: [] },
  { spec: { as: "ns1/sa1" }, subject: { kind: "ServiceAccount", namespace: "ns1", name: "sa1" }, assume: [] },
];
const specArb: fc.Arbitrary<LineSpec> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ who: fc.nat(WHO.length - 1), verb: pick(VERBS), resource: pick(RESOURCES), ns: pick([...NS, ""]), name: pick(["a", "b", "c", "ns1", ""]), day: fc.nat(20) }).map(({ who, verb, resource, ns, name, day }): LineSpec => {
    const [res, sub] = resource.split("/");
    return { ...WHO[who].spec, verb, resource: res, ...(sub ? { subresource: sub } : {}), ...(ns ? { namespace: ns } : {}), ...(name ? { name } : {}), day };
  }) },
  { weight: 1, arbitrary: fc.record({ who: fc.nat(WHO.length - 1), path: pick(["/healthz", "/metrics", "/api/v1"]) }).map(({ who, path }): LineSpec => ({ ...WHO[who].spec, verb: "get", path })) },
);
const genArb: fc.Arbitrary<Generalisation> = fc.record({ verbs: pick(["observed", "family"] as const), names: pick(["observed", "any"] as const) });

/** Is q within what the needed atoms used, under the generalisation (see file comment)? */
function withinUse(q: AccessRequest, needed: readonly Atom[], g: Generalisation): boolean {
  if (!q.resourceRequest) return needed.some((a) => !a.request.resourceRequest && a.request.path === q.path && verbsFor(a.request.verb, g).includes(q.verb));
  const same = needed.filter((a): a is Atom & { request: typeof q } => a.request.resourceRequest && a.request.apiGroup === q.apiGroup && a.request.resource === q.resource && a.request.subresource === q.subresource && verbsFor(a.request.verb, g).includes(q.verb));
  return same.some((a) => {
    const r = a.request;
    if (r.namespace !== q.namespace && r.namespace !== "") return false;
    if (r.name === q.name) return true;
    const tuple = same.filter((b) => b.request.namespace === r.namespace);
    return g.names === "any" || tuple.some((b) => b.request.name === "" || b.folded > 0) || new Set(tuple.map((b) => b.request.name)).size > NAMES_LIMIT;
  });
}

const probeArb = fc.record({ verb: pick(VERBS), resource: pick([...RESOURCES, "deployments"]), ns: pick([...NS, "ns3", ""]), name: pick(["a", "b", "x", "ns1", ""]) }).map(({ verb, resource, ns, name }) => resourceRequest({ verb, resource, namespace: ns, name, apiGroup: resource === "deployments" ? "apps" : "" }));

describe("audit properties", () => {
  it("suggested roles authorise every logged request today's RBAC authorises, and nothing beyond the generalisation", () => {
    fc.assert(
      fc.property(clusterArb, fc.array(specArb, { minLength: 1, maxLength: 25 }), genArb, fc.array(probeArb, { minLength: 20, maxLength: 20 }), (objects, specs, g, probes) => {
        const index = buildRbacIndex(objects);
        const analysis = analyseUsage(usageOf(index, specs));
        for (const w of [...WHO, { subject: { kind: "Group", name: "devs" } as SubjectRef, assume: [] }]) {
          const basis = suggestionBasis(index, analysis, w.subject, g);
          const after = applySuggestion(index, basis);
          for (const a of basis.allowed) expect(authorize(after, a.identity, a.request).allowed, JSON.stringify(a.request)).toBe(true);
          const only: RbacObjects = { ...basis.objects };
          const identity = identityOf(w.subject, w.assume);
          for (const q of [...probes, ...basis.needed.map((a) => a.request)]) {
            if (authorize(only, identity, q).allowed) expect(withinUse(q, basis.needed, g), JSON.stringify(q)).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("the suggestion's YAML opened as a draft is the RBAC the suggestion was checked on", () => {
    fc.assert(
      fc.property(clusterArb, fc.array(specArb, { minLength: 1, maxLength: 25 }), genArb, fc.array(probeArb, { minLength: 20, maxLength: 20 }), (objects, specs, g, probes) => {
        const snapshot = snapshotFromYaml(joinDocuments([...objects.clusterRoles.map(roleManifest), ...objects.clusterRoleBindings.map(roleBindingManifest), ...objects.roleBindings.map(roleBindingManifest)].map((m) => manifestYaml(m))));
        const index = rbacIndexOf(snapshot);
        const analysis = analyseUsage(usageOf(index, specs));
        const identities = [...WHO.map((w) => identityOf(w.subject, w.assume)), identityOf({ kind: "ServiceAccount", namespace: "ns2", name: "sa2" })];
        for (const w of [...WHO, { subject: { kind: "Group", name: "devs" } as SubjectRef }]) {
          const basis = suggestionBasis(index, analysis, w.subject, g);
          const draft = parseDraft(draftText(w.subject, basis.replaced, manifestsOf(basis.objects), ["header"]));
          const applied = applyDraft(snapshot, draft);
          expect([...draft.issues, ...applied.issues]).toEqual([]);
          const viaDraft = rbacIndexOf(applied.snapshot).objects;
          const checked = applySuggestion(index, basis);
          for (const id of identities) for (const q of [...probes, ...basis.allowed.map((a) => a.request)]) expect(authorize(viaDraft, id, q).allowed, `${id.username} ${JSON.stringify(q)}`).toBe(authorize(checked, id, q).allowed);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("used and unused partition each subject's grid exactly, and every allowed request is in a used cell", () => {
    fc.assert(
      fc.property(clusterArb, fc.array(specArb, { minLength: 1, maxLength: 25 }), (objects, specs) => {
        const index = buildRbacIndex(objects);
        const analysis = analyseUsage(usageOf(index, specs));
        for (const w of WHO) {
          const grid = usageGrid(index, analysis, w.subject, { assumeGroups: w.assume });
          const atoms = analysis.usage.atoms.filter((a) => a.identity.username === identityOf(w.subject).username && isUse(a));
          const covered = new Set<Atom>();
          for (const s of grid.scopes) {
            for (const row of [...s.rows, ...s.urls]) {
              const url = s.urls.includes(row);
              const cells = rowCells(row);
              const used = cells.filter((c) => !row.unused.includes(c));
              expect(new Set([...used, ...row.unused]).size).toBe(cells.length);
              for (const verb of Object.keys(row.used)) {
                const rule: PolicyRule = url ? { verbs: [verb], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [row.resource] } : { verbs: [verb], apiGroups: [row.group], resources: [row.resource], resourceNames: row.names, nonResourceURLs: [] };
                const inside = atoms.filter((a) => a.request.verb === verb && a.request.resourceRequest !== url && (s.scope === "cluster" || (a.request.resourceRequest && a.request.namespace === s.namespace)) && ruleAllows(a.request, rule));
                expect(row.used[verb].count).toBe(inside.reduce((n, a) => n + a.count, 0));
                inside.forEach((a) => covered.add(a));
              }
            }
          }
          for (const a of atoms) if (a.rbacAllowed && !a.bypass) expect(covered.has(a), JSON.stringify(a.request)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
