/**
 * Fixing a grant: the smallest edits that take a permission (a verb on a resource, in one scope)
 * away from one subject, each written as a draft (YAML) and checked by applying it:
 * - narrow the rules that grant it, in place (everyone bound to those roles loses it);
 * - when a role is shared, a role of the subject's own without it — a new role and a new binding
 *   for the subject, and the subject taken out of the old binding (roleRef cannot change in place:
 *   Kubernetes rejects it, so the binding is replaced);
 * - take the subject out of the bindings (with everything else those bindings gave it).
 * For each, "who loses what" is the authorizer's before/after difference (rbac-loss.ts), the
 * target's own loss marked; the narrowest alternative (least else lost, then fewest objects) first.
 * The subject is judged on the bindings that name it, as the findings are; what it also gets
 * through a group is said in `alsoThrough`.
 */
import { rbacIndexOf } from "../analysis";
import type { ClusterSnapshot, PolicyRule, Role, RoleBinding } from "../model";
import { roleBindingManifest, roleManifest } from "../model/manifest";
import { grantApplies, type Grant, type RbacIndex } from "../rbac/rbac-index";
import { describeGrant } from "../rbac/describe";
import { ANY } from "../rbac/risk-model";
import { keyOfSubject, subjectOfKey, describeSubject, identityOf, identityKeys, isImplicitGroup, type SubjectRef } from "../rbac/subjects";
import { joinDocuments, manifestYaml } from "../whatif/api";
import { applyDraft } from "../whatif/apply";
import { deleteDirective, parseDraft } from "../whatif/draft";
import { lossOf, type Loss, type LostRequest } from "./rbac-loss";
import { narrowRules, ruleMatchesPoint, type Narrowing, type RulePoint } from "./rbac-narrow";

export interface GrantTarget {
  subject: SubjectRef;
  /** Every point to take away (all of them). */
  points: RulePoint[];
  /** "" cluster-wide (ClusterRoleBindings), else a namespace (its RoleBindings and the ClusterRoleBindings). */
  namespace: string;
}

export type RbacFixKind = "narrow-rules" | "own-role" | "unbind";

export interface RbacFixAlternative {
  kind: RbacFixKind;
  title: string;
  /** What changes, object by object. */
  steps: string[];
  /** The draft: apply it, or open it in the dashboard. */
  yaml: string;
  /** Checked on the edited cluster: the subject's own bindings no longer grant any target point. */
  removesTarget: boolean;
  /** Every subject's loss; `target` marks the subject's loss of the target points. */
  loses: (Loss & { lost: (LostRequest & { target?: true })[] })[];
  /** Lost requests other than the target's. */
  collateral: number;
  /** How much the rules had to be cut (narrow-rules and own-role). */
  narrowing?: Narrowing;
  /** The caller's check on the edited cluster (e.g. "the finding is gone"), when given. */
  fixesFinding?: boolean;
}

export interface RbacFix {
  target: GrantTarget;
  /** The grants naming the subject that give a target point, as `RoleBinding "ns/x" of ClusterRole "y"`. */
  paths: string[];
  /** Bindings to groups the subject is in that also give it (edit those separately). */
  alsoThrough: string[];
  alternatives: RbacFixAlternative[];
}

const pointText = (p: RulePoint) => `${p.verb} ${p.resource}${p.apiGroup ? `.${p.apiGroup}` : ""}`;

/** A DNS-1123 piece of a subject's name, for the names of its own role and binding. */
export function subjectSlug(s: SubjectRef): string {
  const slug = `${s.kind === "ServiceAccount" ? `${s.namespace}-` : ""}${s.name}`.toLowerCase().replace(/[^a-z0-9.-]+/g, "-").replace(/^[-.]+|[-.]+$/g, "");
  return (slug || "subject").slice(0, 60);
}

/** The grants naming `key` that apply in the target's scope and have a rule matching a point. */
function pathsOf(index: RbacIndex, key: string, t: GrantTarget): Grant[] {
  const grants = [...(index.clusterByKey.get(key) ?? []), ...(t.namespace ? (index.namespacedByKey.get(key) ?? []) : [])];
  return grants.filter((g) => grantApplies(g, t.namespace) && g.rules.some((r) => t.points.some((p) => ruleMatchesPoint(r, p))));
}

/** The roles to edit for a grant: an aggregated ClusterRole's rules come from its sources, so those are edited. */
function rolesToNarrow(index: RbacIndex, g: Grant, points: readonly RulePoint[]): Role[] {
  const role = g.role;
  if (!role) return [];
  if (!role.aggregationRule) return [role];
  return (role.aggregation?.sources ?? []).map((n) => index.roles.get(`ClusterRole/${n}`)).filter((r): r is Role => !!r && r.rules.some((x) => points.some((p) => ruleMatchesPoint(x, p))));
}

function withoutSubject(b: RoleBinding, s: SubjectRef): RoleBinding | null {
  const key = keyOfSubject(s);
  const subjects = b.subjects.filter((x) => {
    const k = x.kind === "ServiceAccount" ? keyOfSubject({ kind: "ServiceAccount", namespace: x.namespace || b.namespace, name: x.name }) : keyOfSubject({ kind: x.kind as SubjectRef["kind"], name: x.name });
    return k !== key;
  });
  return subjects.length ? { ...b, subjects } : null;
}

/** An edit as draft text: documents to apply, `# clearance: delete` lines, and the steps in words. */
export interface FixDraft {
  docs: string[];
  deletes: string[];
  steps: string[];
  narrowing?: Narrowing;
}

const widest = (a: Narrowing | undefined, b: Narrowing): Narrowing => (["exact", "verb", "resource", "rule"].indexOf(b) > ["exact", "verb", "resource", "rule"].indexOf(a ?? "exact") ? b : (a ?? b));

function narrowDraft(index: RbacIndex, paths: readonly Grant[], points: readonly RulePoint[]): FixDraft | null {
  const d: FixDraft = { docs: [], deletes: [], steps: [] };
  const done = new Set<Role>();
  for (const g of paths) {
    for (const role of rolesToNarrow(index, g, points)) {
      if (done.has(role)) continue;
      done.add(role);
      const n = narrowRules(role.rules, points);
      d.narrowing = widest(d.narrowing, n.how);
      d.docs.push(manifestYaml(roleManifest({ ...role, rules: n.rules })));
      d.steps.push(`${role.kind} ${role.namespace ? `${role.namespace}/` : ""}${role.name}: ${n.how === "exact" ? "take out" : n.how === "verb" ? "take the verb out of the whole rule for" : n.how === "resource" ? "take the resource out of the whole rule for" : "delete the rule granting"} ${points.map(pointText).join(", ")}`);
    }
  }
  return d.docs.length ? d : null;
}

function ownRoleDraft(index: RbacIndex, subject: SubjectRef, paths: readonly Grant[], points: readonly RulePoint[]): FixDraft | null {
  const shared = paths.some((g) => g.subjects.length > 1 || (index.grantsByRole.get(g.roleId)?.length ?? 0) > 1);
  if (!shared) return null;
  const d: FixDraft = { docs: [], deletes: [], steps: [] };
  const slug = subjectSlug(subject);
  for (const g of paths) {
    const n = narrowRules(g.rules, points);
    d.narrowing = widest(d.narrowing, n.how);
    const kind = g.namespace ? "Role" : "ClusterRole";
    const roleName = `${g.roleRef.name}-${slug}`.slice(0, 253);
    const role: Role = { kind, name: roleName, ...(g.namespace ? { namespace: g.namespace } : {}), labels: {}, annotations: { "clearance.dev/narrowed-from": `${g.roleRef.kind}/${g.roleRef.name}` }, rules: n.rules as PolicyRule[] };
    const b = g.binding;
    const own: RoleBinding = { kind: b.kind, name: `${b.name}-${slug}`.slice(0, 253), ...(b.namespace ? { namespace: b.namespace } : {}), labels: {}, annotations: {}, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind, name: roleName }, subjects: [{ kind: subject.kind, name: subject.name, ...(subject.kind === "ServiceAccount" ? { namespace: subject.namespace } : {}), ...(subject.kind !== "ServiceAccount" ? { apiGroup: "rbac.authorization.k8s.io" } : {}) }] };
    d.docs.push(manifestYaml(roleManifest(role)), manifestYaml(roleBindingManifest(own)));
    const rest = withoutSubject(b, subject);
    if (rest) d.docs.push(manifestYaml(roleBindingManifest(rest)));
    else d.deletes.push(deleteDirective(b));
    d.steps.push(`new ${kind} ${g.namespace ? `${g.namespace}/` : ""}${roleName}: ${g.roleRef.kind} ${g.roleRef.name} without ${points.map(pointText).join(", ")}${n.how === "exact" ? "" : ` (${n.how} narrowed)`}`, `new ${b.kind} ${b.namespace ? `${b.namespace}/` : ""}${own.name} binding it to ${describeSubject(subject)}`, rest ? `${b.kind} ${b.namespace ? `${b.namespace}/` : ""}${b.name}: ${describeSubject(subject)} taken out` : `${b.kind} ${b.namespace ? `${b.namespace}/` : ""}${b.name}: deleted (${describeSubject(subject)} was its only subject)`);
  }
  return d;
}

/** Takes the subject out of the bindings of `paths`: a binding it was the only subject of is deleted. */
export function unbindDraft(subject: SubjectRef, paths: readonly Grant[]): FixDraft {
  const d: FixDraft = { docs: [], deletes: [], steps: [] };
  for (const b of new Set(paths.map((g) => g.binding))) {
    const rest = withoutSubject(b, subject);
    const id = `${b.kind} ${b.namespace ? `${b.namespace}/` : ""}${b.name}`;
    if (rest) {
      d.docs.push(manifestYaml(roleBindingManifest(rest)));
      d.steps.push(`${id}: ${describeSubject(subject)} taken out`);
    } else {
      d.deletes.push(deleteDirective(b));
      d.steps.push(`${id}: deleted (${describeSubject(subject)} was its only subject)`);
    }
  }
  return d;
}

/** Subjects an edit can change: those of changed grants, and everyone in an implicit group a changed grant names. */
function reachable(before: RbacIndex, after: RbacIndex): SubjectRef[] {
  const sig = (g: Grant) => `${g.roleId}\u0000${JSON.stringify(g.rules)}\u0000${g.keys.join(",")}`;
  const a = new Map(after.grants.map((g) => [g.id, g]));
  const b = new Map(before.grants.map((g) => [g.id, g]));
  const keys = new Set<string>();
  for (const [id, g] of b) if (!a.has(id) || sig(a.get(id)!) !== sig(g)) g.keys.forEach((k) => keys.add(k));
  for (const [id, g] of a) if (!b.has(id) || sig(b.get(id)!) !== sig(g)) g.keys.forEach((k) => keys.add(k));
  const all = new Set([...before.clusterByKey.keys(), ...before.namespacedByKey.keys()]);
  const implicit = [...keys].filter((k) => k.startsWith("g:") && isImplicitGroup(k.slice(2)));
  if (implicit.length) for (const k of all) if (identityKeys(identityOf(subjectOfKey(k))).some((x) => implicit.includes(x))) keys.add(k);
  return [...keys].map(subjectOfKey);
}

/**
 * The alternatives that take the target away (see file comment), narrowest first. `check`, when
 * given, is asked of each edited cluster (its answer in `fixesFinding`, and alternatives that pass
 * it come first).
 */
export function fixGrant(snapshot: ClusterSnapshot, target: GrantTarget, check?: (after: ClusterSnapshot) => boolean): RbacFix {
  const before = rbacIndexOf(snapshot);
  const key = keyOfSubject(target.subject);
  const paths = pathsOf(before, key, target);
  const groups = identityKeys(identityOf(target.subject)).filter((k) => k !== key);
  const alsoThrough = groups.flatMap((k) => pathsOf(before, k, target)).map(describeGrant);
  const drafts: [RbacFixKind, string, FixDraft | null][] = paths.length
    ? [
        ["narrow-rules", "Narrow the rules that grant it", narrowDraft(before, paths, target.points)],
        ["own-role", `Give ${describeSubject(target.subject)} a role of its own without it`, ownRoleDraft(before, target.subject, paths, target.points)],
        ["unbind", `Take ${describeSubject(target.subject)} out of the bindings`, unbindDraft(target.subject, paths)],
      ]
    : [];
  const alternatives: RbacFixAlternative[] = [];
  for (const [kind, title, d] of drafts) {
    if (!d) continue;
    const yaml = joinDocuments([...d.docs, ...d.deletes]);
    const edited = applyDraft(snapshot, parseDraft(yaml)).snapshot;
    const after = rbacIndexOf(edited);
    const removesTarget = pathsOf(after, key, target).length === 0;
    const is = (p: string, v: string) => p === ANY || p === v;
    // losing it elsewhere than the target's scope is collateral; a cluster-wide target covers every namespace
    const isTarget = (s: SubjectRef, r: LostRequest) => keyOfSubject(s) === key && (target.namespace === "" || r.namespace === target.namespace) && target.points.some((p) => is(p.verb, r.verb) && is(p.apiGroup, r.apiGroup) && is(p.resource, r.resource));
    const loses = lossOf(before, after, reachable(before, after)).map((l) => ({ ...l, lost: l.lost.map((r) => (isTarget(l.subject, r) ? { ...r, target: true as const } : r)) }));
    const collateral = loses.reduce((n, l) => n + l.lost.filter((r) => !("target" in r)).length, 0);
    alternatives.push({ kind, title, steps: d.steps, yaml, removesTarget, loses, collateral, ...(d.narrowing ? { narrowing: d.narrowing } : {}), ...(check ? { fixesFinding: check(edited) } : {}) });
  }
  const size = (a: RbacFixAlternative) => a.yaml.length;
  alternatives.sort((a, b) => Number(b.fixesFinding ?? true) - Number(a.fixesFinding ?? true) || Number(b.removesTarget) - Number(a.removesTarget) || a.collateral - b.collateral || size(a) - size(b));
  return { target, paths: paths.map(describeGrant), alsoThrough, alternatives };
}
