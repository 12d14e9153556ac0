/**
 * The RBAC explorer's entry point: the snapshot's shared index (lib/analysis rbacIndexOf) and its
 * graph, both built once per snapshot, and the view models the explorer's API serves.
 */
import { memoize, rbacIndexOf } from "../analysis";
import type { ClusterSnapshot } from "../model";
import { buildRbacGraph, type RbacGraph } from "./graph";
import type { RbacIndex } from "./rbac-index";

export interface RbacExplorer {
  index: RbacIndex;
  graph: RbacGraph;
}

/** The index and the whole graph of a snapshot, memoized with it. */
export function rbacExplorerOf(snapshot: ClusterSnapshot): RbacExplorer {
  const index = rbacIndexOf(snapshot);
  return { index, graph: memoize(snapshot, "rbac:graph", () => buildRbacGraph(index)) };
}

export { completions, searchNodes, KNOWN_VERBS, type Completions, type NodeHit, type NodeSearch, type ResourceOption } from "./explorer-catalog";
export { nodeDetail, type NodeDetail, type NodeRef, type BindingLine, type RuleLine, type DetailOptions } from "./explorer-detail";
export { explorerGraph, evidencePaths, subjectNode, type ExplorerGraph, type ExplorerGraphRequest, type GraphFilters } from "./explorer-graph";
export { buildWhoCanRequest, formatQuestion, parseQuestion, type BuiltRequest, type ParsedQuestion, type WhoCanQuery } from "./explorer-query";
export { answerAsResult, filterAnswer, whoCanAnswer, type AnswerFilters, type FilteredAnswer, type PathView, type SubjectAnswer, type WhoCanAnswer } from "./explorer-who-can";
export { permissionGrid, GRID_VERBS, type GridRow, type GridScope, type PermissionGrid } from "./permission-grid";
