/**
 * The RBAC graph the explorer draws from: subjects (User, Group, ServiceAccount, the implicit groups
 * included) → bindings → roles → rules, with the scope on every roleRef edge (cluster-wide for a
 * ClusterRoleBinding, the namespace for a RoleBinding), aggregation edges from an aggregated
 * ClusterRole to the roles it collects, membership edges from users and service accounts to the
 * implicit groups they belong to, and ghost nodes for roleRefs that do not resolve. Built from the
 * index (the same resolution the evaluator uses), never by joining names on its own.
 */
import type { PolicyRule } from "../model";
import { isDefaultObject, isDefaultSubject } from "./defaults";
import { describeRule } from "./describe";
import type { RbacIndex } from "./rbac-index";
import { ALL_SERVICE_ACCOUNTS, ANONYMOUS, AUTHENTICATED, UNAUTHENTICATED, describeSubject, isImplicitGroup, type SubjectRef } from "./subjects";

export type RbacNodeKind = "User" | "Group" | "ServiceAccount" | "RoleBinding" | "ClusterRoleBinding" | "Role" | "ClusterRole" | "Rule";

export interface RbacNode {
  /** `subject:User/alice`, `binding:RoleBinding/ns/name`, `role:ClusterRole/name`, `rule:Role/ns/name#2`. */
  id: string;
  kind: RbacNodeKind;
  name: string;
  namespace?: string;
  label: string;
  /** A group the authenticators add on their own. */
  implicit?: boolean;
  /** A roleRef target that does not exist. */
  ghost?: boolean;
  isDefault?: boolean;
  /** Rule nodes: the rule and its index in the role. */
  rule?: PolicyRule;
  ruleIndex?: number;
}

export type RbacEdgeKind = "subject" | "roleRef" | "rule" | "aggregates" | "member";

export interface RbacEdge {
  id: string;
  source: string;
  target: string;
  kind: RbacEdgeKind;
  /** roleRef edges: "cluster" or the RoleBinding's namespace. */
  scope?: string;
}

export interface RbacGraph {
  nodes: Map<string, RbacNode>;
  edges: Map<string, RbacEdge>;
  out: Map<string, RbacEdge[]>;
  in: Map<string, RbacEdge[]>;
}

export { bindingNodeId, roleNodeId, ruleNodeId, subjectNodeId } from "./node-ids";
import { subjectNodeId, bindingNodeId, roleNodeId, ruleNodeId } from "./node-ids";

function addNode(g: RbacGraph, n: RbacNode): void {
  if (!g.nodes.has(n.id)) g.nodes.set(n.id, n);
}

function addEdge(g: RbacGraph, e: Omit<RbacEdge, "id">): void {
  const id = `${e.kind}:${e.source}>${e.target}`;
  if (g.edges.has(id)) return;
  const edge = { id, ...e };
  g.edges.set(id, edge);
  const list = g.out.get(e.source);
  if (list) list.push(edge);
  else g.out.set(e.source, [edge]);
  const into = g.in.get(e.target);
  if (into) into.push(edge);
  else g.in.set(e.target, [edge]);
}

function subjectNode(ref: SubjectRef): RbacNode {
  const implicit = ref.kind === "Group" && isImplicitGroup(ref.name);
  return {
    id: subjectNodeId(ref),
    kind: ref.kind,
    name: ref.name,
    ...(ref.namespace ? { namespace: ref.namespace } : {}),
    label: ref.kind === "ServiceAccount" ? `${ref.namespace}/${ref.name}` : ref.name,
    ...(implicit ? { implicit } : {}),
    ...(isDefaultSubject(ref) ? { isDefault: true } : {}),
  };
}

/** The implicit groups a user or service account is in. */
function implicitGroupsOf(ref: SubjectRef): string[] {
  if (ref.kind === "ServiceAccount") return [ALL_SERVICE_ACCOUNTS, `${ALL_SERVICE_ACCOUNTS}:${ref.namespace}`, AUTHENTICATED];
  if (ref.kind === "User") return [ref.name === ANONYMOUS ? UNAUTHENTICATED : AUTHENTICATED];
  return [];
}

/** Builds the whole graph once per index; views take hop-limited neighbourhoods of it (graph-focus.ts). */
export function buildRbacGraph(index: RbacIndex): RbacGraph {
  const g: RbacGraph = { nodes: new Map(), edges: new Map(), out: new Map(), in: new Map() };
  const addRole = (roleId: string, kind: string, name: string, namespace: string | undefined) => {
    const role = index.roles.get(roleId);
    const node: RbacNode = {
      id: roleNodeId(roleId),
      kind: kind === "Role" ? "Role" : "ClusterRole",
      name,
      ...(namespace ? { namespace } : {}),
      label: role ? name : `${name} (missing)`,
      ...(role ? {} : { ghost: true }),
      ...(role && isDefaultObject(role) ? { isDefault: true } : {}),
    };
    if (g.nodes.has(node.id)) return;
    addNode(g, node);
    role?.rules.forEach((rule, i) => {
      addNode(g, { id: ruleNodeId(roleId, i), kind: "Rule", name: `${name}#${i}`, ...(namespace ? { namespace } : {}), label: describeRule(rule), rule, ruleIndex: i, ...(node.isDefault ? { isDefault: true } : {}) });
      addEdge(g, { source: node.id, target: ruleNodeId(roleId, i), kind: "rule" });
    });
  };
  for (const r of index.roles.values()) addRole(r.kind === "Role" ? `Role/${r.namespace}/${r.name}` : `ClusterRole/${r.name}`, r.kind, r.name, r.namespace);
  for (const r of index.roles.values()) {
    for (const src of r.aggregation?.sources ?? []) {
      addRole(`ClusterRole/${src}`, "ClusterRole", src, undefined);
      addEdge(g, { source: roleNodeId(`ClusterRole/${r.name}`), target: roleNodeId(`ClusterRole/${src}`), kind: "aggregates" });
    }
  }
  const members = new Map<string, SubjectRef>();
  for (const grant of index.grants) {
    const b = grant.binding;
    const bid = bindingNodeId(grant.id);
    addNode(g, { id: bid, kind: b.kind, name: b.name, ...(grant.namespace ? { namespace: grant.namespace } : {}), label: grant.namespace ? `${grant.namespace}/${b.name}` : b.name, ...(grant.isDefault ? { isDefault: true } : {}) });
    addRole(grant.roleId, grant.roleRef.kind, grant.roleRef.name, grant.roleRef.kind === "Role" ? grant.namespace : undefined);
    addEdge(g, { source: bid, target: roleNodeId(grant.roleId), kind: "roleRef", scope: grant.namespace || "cluster" });
    for (const s of grant.subjects) {
      addNode(g, subjectNode(s));
      addEdge(g, { source: subjectNodeId(s), target: bid, kind: "subject" });
      if (s.kind !== "Group") members.set(subjectNodeId(s), s);
    }
  }
  for (const sa of index.serviceAccounts.values()) {
    const ref: SubjectRef = { kind: "ServiceAccount", namespace: sa.namespace, name: sa.name };
    addNode(g, subjectNode(ref));
    members.set(subjectNodeId(ref), ref);
  }
  for (const [id, ref] of members) {
    for (const grp of implicitGroupsOf(ref)) {
      const gid = subjectNodeId({ kind: "Group", name: grp });
      if (g.nodes.has(gid)) addEdge(g, { source: id, target: gid, kind: "member" });
    }
  }
  return g;
}

/** A one-line description for the side panel. */
export function describeNode(n: RbacNode): string {
  if (n.kind === "User" || n.kind === "Group" || n.kind === "ServiceAccount") return `${describeSubject({ kind: n.kind, name: n.name, ...(n.namespace ? { namespace: n.namespace } : {}) })}${n.implicit ? " (implicit group)" : ""}`;
  if (n.kind === "Rule") return n.label;
  return `${n.kind} "${n.namespace ? `${n.namespace}/` : ""}${n.name}"${n.ghost ? " — does not exist" : ""}`;
}
