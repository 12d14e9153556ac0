/**
 * What the explorer's side panel shows for the selected node, read from the index and the graph
 * (never by joining names again): a subject's effective permissions by namespace, the bindings that
 * name it and the workloads that run as it; a role's rules, what it aggregates and who is bound to
 * it; a binding's subjects (ServiceAccounts that do not exist marked) and its roleRef, which may
 * dangle (upstream logs and skips such a binding: it grants nothing).
 */
import { describeRule } from "./describe";
import { bindingNodeId, roleNodeId, ruleNodeId, subjectNodeId, type RbacGraph, type RbacNode, type RbacNodeKind } from "./graph";
import { permissionGrid, type PermissionGrid } from "./permission-grid";
import { permissionsOf } from "./permissions";
import type { Grant, RbacIndex } from "./rbac-index";
import { subjectId, type SubjectRef } from "./subjects";
import { tokenMount } from "./workload-identity";

export interface NodeRef {
  id: string;
  kind: RbacNodeKind;
  label: string;
  ghost?: boolean;
  isDefault?: boolean;
}

export interface BindingLine {
  binding: NodeRef;
  role: NodeRef;
  /** "cluster-wide" or "in <namespace>". */
  scope: string;
  subjects: NodeRef[];
  missing?: string;
}

export interface RuleLine {
  id: string;
  index: number;
  text: string;
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

export type NodeDetail =
  | { type: "subject"; node: NodeRef; subject: SubjectRef & { id: string }; implicit: boolean; memberOf: NodeRef[]; bindings: BindingLine[]; permissions: PermissionGrid; assumedGroups: string[]; workloads: { kind: string; namespace: string; name: string; pods: number; tokenMounted: boolean }[]; exists: boolean | null }
  | { type: "role"; node: NodeRef; rules: RuleLine[]; aggregates: NodeRef[]; aggregatedInto: NodeRef[]; boundBy: BindingLine[] }
  | { type: "binding"; node: NodeRef; line: BindingLine; subjectsMissing: string[]; rules: RuleLine[] }
  | { type: "rule"; node: NodeRef; role: NodeRef; rule: RuleLine; boundBy: BindingLine[] };

function ref(n: RbacNode): NodeRef {
  return { id: n.id, kind: n.kind, label: n.label, ...(n.ghost ? { ghost: true } : {}), ...(n.isDefault ? { isDefault: true } : {}) };
}

function refOf(g: RbacGraph, id: string): NodeRef {
  const n = g.nodes.get(id);
  return n ? ref(n) : { id, kind: "Role", label: id, ghost: true };
}

function bindingLine(g: RbacGraph, grant: Grant): BindingLine {
  return {
    binding: refOf(g, bindingNodeId(grant.id)),
    role: refOf(g, roleNodeId(grant.roleId)),
    scope: grant.namespace ? `in ${grant.namespace}` : "cluster-wide",
    subjects: grant.subjects.map((s) => refOf(g, subjectNodeId(s))),
    ...(grant.missing ? { missing: grant.missing } : {}),
  };
}

function ruleLines(roleId: string, rules: Grant["rules"]): RuleLine[] {
  return rules.map((r, i) => ({ id: ruleNodeId(roleId, i), index: i, text: describeRule(r), verbs: r.verbs, apiGroups: r.apiGroups, resources: r.resources, resourceNames: r.resourceNames, nonResourceURLs: r.nonResourceURLs }));
}

/** The grant a binding node stands for. */
function grantOf(index: RbacIndex, nodeId: string): Grant | undefined {
  const id = nodeId.slice("binding:".length);
  return index.grants.find((x) => x.id === id);
}

function subjectDetail(index: RbacIndex, g: RbacGraph, n: RbacNode, opts: DetailOptions): NodeDetail {
  const subject: SubjectRef = { kind: n.kind as SubjectRef["kind"], name: n.name, ...(n.namespace ? { namespace: n.namespace } : {}) };
  const assumeGroups = subject.kind === "Group" ? [] : (opts.assumeGroups ?? []);
  const perms = permissionsOf(index, subject, { ...(opts.namespace ? { namespace: opts.namespace } : {}), assumeGroups });
  const direct = new Set((g.out.get(n.id) ?? []).filter((e) => e.kind === "subject").map((e) => e.target.slice("binding:".length)));
  const bindings = index.grants.filter((x) => direct.has(x.id)).map((x) => bindingLine(g, x));
  const memberOf = (g.out.get(n.id) ?? []).filter((e) => e.kind === "member").map((e) => refOf(g, e.target));
  const workloads = new Map<string, { kind: string; namespace: string; name: string; pods: number; tokenMounted: boolean }>();
  if (subject.kind === "ServiceAccount") {
    const sa = index.serviceAccounts.get(`${subject.namespace}/${subject.name}`);
    for (const p of index.pods) {
      if (p.namespace !== subject.namespace || (p.spec.serviceAccountName || "default") !== subject.name) continue;
      const key = `${p.owner.kind}/${p.owner.name}`;
      const w = workloads.get(key) ?? { kind: p.owner.kind, namespace: p.namespace, name: p.owner.name, pods: 0, tokenMounted: false };
      w.pods++;
      w.tokenMounted ||= tokenMount(p, sa?.automountServiceAccountToken).mounted;
      workloads.set(key, w);
    }
  }
  const exists = subject.kind !== "ServiceAccount" ? null : index.serviceAccounts.has(`${subject.namespace}/${subject.name}`) || subject.name === "default" ? true : index.hasServiceAccounts ? false : null;
  return { type: "subject", node: ref(n), subject: { ...subject, id: subjectId(subject) }, implicit: !!n.implicit, memberOf, bindings, permissions: permissionGrid(perms), assumedGroups: [...assumeGroups], workloads: [...workloads.values()], exists };
}

export interface DetailOptions {
  /** Permissions: only cluster-wide rules and this namespace's. */
  namespace?: string;
  /** Permissions of a user or service account assuming these groups too. */
  assumeGroups?: readonly string[];
}

/** The side-panel detail of a graph node; null when the id is not in the graph. */
export function nodeDetail(index: RbacIndex, g: RbacGraph, id: string, opts: DetailOptions = {}): NodeDetail | null {
  const n = g.nodes.get(id);
  if (!n) return null;
  switch (n.kind) {
    case "User":
    case "Group":
    case "ServiceAccount":
      return subjectDetail(index, g, n, opts);
    case "RoleBinding":
    case "ClusterRoleBinding": {
      const grant = grantOf(index, id);
      if (!grant) return null;
      const line = bindingLine(g, grant);
      const subjectsMissing = index.hasServiceAccounts ? grant.subjects.filter((s) => s.kind === "ServiceAccount" && s.name !== "default" && !index.serviceAccounts.has(`${s.namespace}/${s.name}`)).map((s) => subjectId(s)) : [];
      return { type: "binding", node: ref(n), line, subjectsMissing, rules: ruleLines(grant.roleId, grant.rules) };
    }
    case "Role":
    case "ClusterRole": {
      const roleId = id.slice("role:".length);
      const role = index.roles.get(roleId);
      const out = g.out.get(id) ?? [];
      return {
        type: "role",
        node: ref(n),
        rules: role ? ruleLines(roleId, role.rules) : [],
        aggregates: out.filter((e) => e.kind === "aggregates").map((e) => refOf(g, e.target)),
        aggregatedInto: (g.in.get(id) ?? []).filter((e) => e.kind === "aggregates").map((e) => refOf(g, e.source)),
        boundBy: (index.grantsByRole.get(roleId) ?? []).map((x) => bindingLine(g, x)),
      };
    }
    case "Rule": {
      const roleNode = (g.in.get(id) ?? []).find((e) => e.kind === "rule")?.source ?? "";
      const roleId = roleNode.slice("role:".length);
      const role = index.roles.get(roleId);
      const rule = role && n.ruleIndex !== undefined ? ruleLines(roleId, role.rules)[n.ruleIndex] : undefined;
      if (!rule) return null;
      return { type: "rule", node: ref(n), role: refOf(g, roleNode), rule, boundBy: (index.grantsByRole.get(roleId) ?? []).map((x) => bindingLine(g, x)) };
    }
  }
}
