/**
 * The RBAC explorer's entry point: the snapshot's shared index (lib/analysis rbacIndexOf) and its
 * graph, both built once per snapshot, and the view models the explorer's API serves.
 */
import { memoize, rbacIndexOf } from "../analysis";
import { ClearanceError } from "../errors";
import type { ClusterSnapshot } from "../model";
import { explorerGraph, type ExplorerGraph } from "./explorer-graph";
import { buildWhoCanRequest, queryVerbs, READ_VERBS, verbList, type BuiltRequest, type WhoCanQuery } from "./explorer-query";
import { answerAsResult, filterAnswer, mergeAnswers, whoCanAnswer, type WhoCanAnswer } from "./explorer-who-can";
import { DEFAULT_HOPS } from "./explorer-url";
import { buildRbacGraph, type RbacGraph, type RbacNodeKind } from "./graph";
import { permissionGrid, type PermissionGrid } from "./permission-grid";
import { permissionsOf } from "./permissions";
import type { RbacIndex } from "./rbac-index";
import { parseSubjectId, subjectId, type SubjectRef } from "./subjects";
import { isFoldId } from "./node-ids";
import { drawFolds, foldAnswer } from "./who-can-fold";

export interface RbacExplorer {
  index: RbacIndex;
  graph: RbacGraph;
}

/** The index and the whole graph of a snapshot, memoized with it. */
export function rbacExplorerOf(snapshot: ClusterSnapshot): RbacExplorer {
  const index = rbacIndexOf(snapshot);
  return { index, graph: memoize(snapshot, "rbac:graph", () => buildRbacGraph(index)) };
}

export type WhoCanReply = BuiltRequest & WhoCanAnswer & { verbs: string[] };

/**
 * A who-can question answered: the request as the authorizer sees it, and every subject with its
 * paths. Several verbs (`get,list,watch`, what "read" means) ask once per verb; a subject with any of
 * them is listed, each path and subject saying which verbs it grants, and the notes say so.
 */
export function askWhoCan(index: RbacIndex, q: WhoCanQuery): WhoCanReply {
  const verbs = queryVerbs(q);
  if (verbs.length <= 1) {
    const built = buildWhoCanRequest(q, index);
    return { ...built, ...whoCanAnswer(index, built.request), verbs };
  }
  const asked = verbs.map((verb) => ({ verb, built: buildWhoCanRequest({ ...q, verb }, index) }));
  const first = asked[0].built;
  const read = verbs.join(",") === READ_VERBS.join(",");
  const note = `asked as ${verbList(verbs)}${read ? " (what “read” means: list and watch return whole objects, contents included)" : ""}: a subject with any of them is listed, with the verbs it has`;
  return {
    request: first.request,
    description: `${verbList(verbs)}${first.description.slice(asked[0].verb.length)}`,
    notes: [note, ...new Set(asked.flatMap((a) => a.built.notes))],
    ...mergeAnswers(asked.map((a) => ({ verb: a.verb, answer: whoCanAnswer(index, a.built.request) }))),
    verbs,
  };
}

export interface GraphQuery {
  /** A node to centre on; without it the graph draws the answer to `question`. */
  focus?: string;
  question?: WhoCanQuery;
  /** Graph filter when centred on a node (a who-can question carries its own namespace). */
  namespace?: string;
  kinds?: readonly RbacNodeKind[];
  hideDefaults?: boolean;
  hops?: number;
  expand?: readonly string[];
  rule?: string;
}

export interface GraphReply extends ExplorerGraph {
  /** Who-can graphs: subjects and paths the filters left out. */
  answerHidden?: { subjects: number; paths: number };
  description?: string;
  /** A broad who-can answer: `drawn` of its `total` subjects drawn with their paths, the others folded by role. */
  folded?: { drawn: number; total: number };
}

/** The explorer graph for a node focus or a who-can question, filters applied the same way as the table. */
export function graphFor({ index, graph }: RbacExplorer, q: GraphQuery): GraphReply {
  const common = { ...(q.kinds?.length ? { kinds: q.kinds } : {}), ...(q.hops ? { hops: q.hops } : {}), ...(q.expand?.length ? { expand: q.expand } : {}) };
  if (q.focus) {
    // from a finding, until the reviewer asks for hops or expands a node: the evidence alone
    const evidenceOnly = !!q.rule && q.hops === undefined && !q.expand?.length;
    return explorerGraph(index, graph, { focus: { node: q.focus }, ...common, hops: q.hops ?? DEFAULT_HOPS, ...(q.namespace ? { namespace: q.namespace } : {}), ...(q.hideDefaults ? { hideDefaults: true } : {}), ...(q.rule ? { rule: q.rule, evidenceOnly } : {}) });
  }
  if (!q.question) throw new ClearanceError("bad_request", "give a focus node or a who-can question");
  const reply = askWhoCan(index, q.question);
  const shown = filterAnswer(reply, { ...(q.kinds?.length ? { kinds: q.kinds } : {}), ...(q.hideDefaults ? { hideDefaults: true } : {}) });
  // a broad answer is folded by role (who-can-fold.ts); opened folds arrive among the expansions
  const folded = foldAnswer(answerAsResult(shown), q.expand);
  const expand = q.expand?.filter((id) => !isFoldId(id));
  const drawn = explorerGraph(index, graph, { focus: { whoCan: folded.drawn }, ...common, ...(expand ? { expand } : {}) });
  return {
    ...drawn,
    graph: drawFolds(graph, drawn.graph, folded.folds),
    answerHidden: shown.hidden,
    description: reply.description,
    ...(folded.folds.length ? { folded: { drawn: folded.drawn.subjects.length, total: folded.total } } : {}),
  };
}

export interface SubjectPermissions {
  subject: SubjectRef & { id: string };
  /** Groups the request would carry: implicit ones, then the assumed ones. */
  groups: string[];
  assumedGroups: string[];
  grid: PermissionGrid;
}

/**
 * A subject's effective permissions by namespace (permissions.ts) as a grid; `assumeGroups` states
 * IdP group membership RBAC objects cannot show. A user needs no binding of their own to be asked about.
 */
export function subjectPermissions(index: RbacIndex, id: string, opts: { namespace?: string; assumeGroups?: readonly string[] } = {}): SubjectPermissions {
  const subject = parseSubjectId(id);
  if (!subject) throw new ClearanceError("bad_request", `"${id}" is not a subject: write User/NAME, Group/NAME or ServiceAccount/NAMESPACE/NAME`);
  const assumeGroups = subject.kind === "Group" ? [] : [...(opts.assumeGroups ?? [])];
  const p = permissionsOf(index, subject, { ...(opts.namespace ? { namespace: opts.namespace } : {}), assumeGroups });
  return { subject: { ...subject, id: subjectId(subject) }, groups: [...p.identity.groups], assumedGroups: assumeGroups, grid: permissionGrid(p) };
}

export { completions, searchNodes, KNOWN_VERBS, MATRIX_COLUMNS, type Completions, type NodeHit, type NodeSearch, type ResourceOption } from "./explorer-catalog";
export { nodeDetail, type NodeDetail, type NodeRef, type BindingLine, type RuleLine, type DetailOptions } from "./explorer-detail";
export { explorerGraph, evidencePaths, subjectNode, type ExplorerGraph, type ExplorerGraphRequest, type GraphFilters } from "./explorer-graph";
export { buildWhoCanRequest, formatQuestion, parseQuestion, type BuiltRequest, type ParsedQuestion, type WhoCanQuery } from "./explorer-query";
export { answerAsResult, filterAnswer, whoCanAnswer, type AnswerFilters, type FilteredAnswer, type PathView, type SubjectAnswer, type WhoCanAnswer } from "./explorer-who-can";
export { permissionGrid, GRID_VERBS, type GridRow, type GridScope, type PermissionGrid } from "./permission-grid";
