/**
 * A broad who-can answer folded for the graph. "Who can get pods" on a cluster of a thousand
 * namespaces names hundreds of subjects through hundreds of bindings; drawn whole, the layered
 * layout becomes a sliver thousands of pixels tall. Above FOLD_ABOVE subjects the graph draws the
 * table's first subjects with their paths (the table lists the most privileged first), then folds
 * the others by the role that grants them: one "+N subjects" node per role for the roles that grant
 * the most of them, and one node for the rest. A fold opens (the graph's `x` expansions) into the
 * next OPEN_STEP subjects it stands for, a smaller fold staying for the others; the "rest" fold
 * draws the table's next subjects. Nothing is left out of
 * the answer: the table lists every subject, and every folded subject is counted in a fold.
 */
import type { GraphDTO } from "../graph/types";
import type { RbacGraph } from "./graph";
import { toGraphDTO, type Neighbourhood } from "./graph-focus";
import { FOLD_PREFIX, roleNodeId, ruleNodeId } from "./node-ids";
import type { Via, WhoCanResult, WhoCanSubject } from "./who-can";

/** Answers up to this many subjects are drawn whole (the demo's broadest answer has 17). */
export const FOLD_ABOVE = 24;
/** Subjects drawn with their paths when folding, and how many more the "rest" fold draws each time. */
export const DRAW_FIRST = 12;
/** Subjects an opened role fold draws each time it is opened. */
export const OPEN_STEP = 24;
/** Roles that get a fold node of their own; the others share the "rest" fold. */
export const ROLE_FOLDS = 6;

const REST_PREFIX = `${FOLD_PREFIX}first:`;
const ROLE_PREFIX = FOLD_PREFIX;

export interface Fold {
  /** `fold:24:role:ClusterRole/view` for a role's fold (opened, draws 24 of its subjects), `fold:first:24` for the rest (draws the table's first 24). */
  id: string;
  /** The role node the fold hangs on (role folds only), and the role's rules that match the question. */
  role?: { node: string; roleId: string; rules: number[] };
  subjects: number;
  /** Folded subjects by kind (User, Group, ServiceAccount). */
  kinds: Record<string, number>;
  /** Bindings the folded subjects are granted through (role folds) or roles (the rest). */
  through: number;
}

export interface FoldedAnswer {
  /** The subjects drawn with their paths, in the answer's order. */
  drawn: WhoCanResult;
  folds: Fold[];
  /** Subjects in the answer; `drawn.subjects.length` of them drawn. */
  total: number;
}

const roleIdOf = (v: Via) => (v.role!.kind === "Role" ? `Role/${v.role!.namespace}/${v.role!.name}` : `${v.role!.kind}/${v.role!.name}`);
const bindingKey = (v: Via) => `${v.binding!.kind}/${v.binding!.namespace ?? ""}/${v.binding!.name}`;
const paths = (s: WhoCanSubject) => s.via.filter((v) => v.binding && v.role);

/** The subjects the `x` expansions ask to draw: the table's first N, and the first N of each opened role's. */
function openedBy(expand: readonly string[]): { first: number; roles: Map<string, number> } {
  let first = DRAW_FIRST;
  const roles = new Map<string, number>();
  for (const id of expand) {
    if (id.startsWith(REST_PREFIX)) {
      const n = Number(id.slice(REST_PREFIX.length));
      if (Number.isInteger(n) && n > first) first = n;
      continue;
    }
    const m = /^(\d+):(role:.+)$/.exec(id.slice(ROLE_PREFIX.length));
    if (m && Number(m[1]) > (roles.get(m[2]) ?? 0)) roles.set(m[2], Number(m[1]));
  }
  return { first, roles };
}

/** The answer as the graph draws it (see the file comment); `expand` holds the opened folds' ids. */
export function foldAnswer(res: WhoCanResult, expand: readonly string[] = []): FoldedAnswer {
  const total = res.subjects.length;
  if (total <= FOLD_ABOVE) return { drawn: res, folds: [], total };
  const open = openedBy(expand);
  const taken = new Map<string, number>();
  const drawn: WhoCanSubject[] = [];
  const rest: WhoCanSubject[] = [];
  res.subjects.forEach((s, i) => {
    let draw = i < open.first;
    for (const v of paths(s)) {
      if (draw) break;
      const node = roleNodeId(roleIdOf(v));
      const n = taken.get(node) ?? 0;
      if (n < (open.roles.get(node) ?? 0)) {
        draw = true;
        taken.set(node, n + 1);
      }
    }
    (draw ? drawn : rest).push(s);
  });

  // Group the folded subjects by granting role; the roles granting the most (two or more) get a fold of their own.
  const byRole = new Map<string, { roleId: string; subjects: WhoCanSubject[]; bindings: Set<string>; rules: Set<number> }>();
  for (const s of rest) {
    for (const v of paths(s)) {
      const roleId = roleIdOf(v);
      const node = roleNodeId(roleId);
      let g = byRole.get(node);
      if (!g) byRole.set(node, (g = { roleId, subjects: [], bindings: new Set(), rules: new Set() }));
      if (g.subjects[g.subjects.length - 1] !== s) g.subjects.push(s);
      g.bindings.add(bindingKey(v));
      for (const r of v.rules ?? []) g.rules.add(r);
    }
  }
  const ranked = [...byRole].sort(([a, x], [b, y]) => y.subjects.length - x.subjects.length || (a < b ? -1 : a > b ? 1 : 0));
  const folds: Fold[] = [];
  const inRoleFold = new Set<WhoCanSubject>();
  for (const [node, g] of ranked.filter(([, x]) => x.subjects.length > 1).slice(0, ROLE_FOLDS)) {
    for (const s of g.subjects) inRoleFold.add(s);
    folds.push({ id: `${ROLE_PREFIX}${(open.roles.get(node) ?? 0) + OPEN_STEP}:${node}`, role: { node, roleId: g.roleId, rules: [...g.rules].sort((a, b) => a - b) }, subjects: g.subjects.length, kinds: countKinds(g.subjects), through: g.bindings.size });
  }
  const others = rest.filter((s) => !inRoleFold.has(s));
  if (others.length) {
    const roles = new Set(others.flatMap((s) => paths(s).map(roleIdOf)));
    folds.push({ id: `${REST_PREFIX}${open.first + DRAW_FIRST}`, subjects: others.length, kinds: countKinds(others), through: roles.size });
  }
  return { drawn: { subjects: drawn, missingRoles: res.missingRoles }, folds, total };
}

function countKinds(subjects: readonly WhoCanSubject[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of subjects) out[s.kind] = (out[s.kind] ?? 0) + 1;
  return out;
}

/** "119 ServiceAccounts, 40 Users and 26 Groups". */
export function describeKinds(kinds: Record<string, number>): string {
  const parts = Object.entries(kinds)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([k, n]) => `${n} ${k}${n === 1 ? "" : "s"}`);
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}


/**
 * The folds drawn into a who-can graph: each role fold as a "+N subjects" node with an edge to its
 * role (the role and its matching rules drawn when no drawn subject brought them), the rest as a
 * node of its own. Fold nodes sit in the subjects' column and carry the `fold` class.
 */
export function drawFolds(g: RbacGraph, dto: GraphDTO, folds: readonly Fold[]): GraphDTO {
  if (!folds.length) return dto;
  const nodes = [...dto.nodes];
  const edges = [...dto.edges];
  const have = new Set(nodes.map((n) => n.id));
  const haveEdge = new Set(edges.map((e) => e.id));
  for (const f of folds) {
    const who = describeKinds(f.kinds);
    if (f.role) {
      const extra: Neighbourhood = { focus: [], nodes: [], edges: [], hidden: { nodes: 0, edges: 0 }, truncated: false };
      const role = g.nodes.get(f.role.node);
      if (role && !have.has(role.id)) extra.nodes.push({ ...role, hidden: 0, highlight: true });
      for (const i of f.role.rules) {
        const rid = ruleNodeId(f.role.roleId, i);
        const rule = g.nodes.get(rid);
        const edge = g.edges.get(`rule:${f.role.node}>${rid}`);
        if (rule && !have.has(rid)) extra.nodes.push({ ...rule, hidden: 0, highlight: true });
        if (edge && !haveEdge.has(edge.id)) extra.edges.push({ ...edge, highlight: true });
      }
      const part = toGraphDTO(extra);
      for (const n of part.nodes) {
        if (have.has(n.id)) continue;
        have.add(n.id);
        nodes.push(n);
      }
      for (const e of part.edges) {
        if (haveEdge.has(e.id)) continue;
        haveEdge.add(e.id);
        edges.push(e);
      }
      const label = role?.label ?? f.role.roleId;
      nodes.push({ id: f.id, label: `+${f.subjects} subject${f.subjects === 1 ? "" : "s"}`, type: "Fold", column: 0, classes: ["fold"], detail: `${who} granted through ${f.through} binding${f.through === 1 ? "" : "s"} of ${label}; open to draw them` });
      if (have.has(f.role.node)) edges.push({ id: `${f.id}>${f.role.node}`, source: f.id, target: f.role.node, classes: ["fold"] });
    } else {
      nodes.push({ id: f.id, label: `+${f.subjects} more`, type: "Fold", column: 0, classes: ["fold"], detail: `${who} granted through ${f.through} other role${f.through === 1 ? "" : "s"}; open to draw the table's next ${DRAW_FIRST}` });
    }
  }
  return { ...dto, nodes, edges };
}
