/**
 * What the dashboard's API answers, one type per route: the route handler `satisfies` it and the
 * component that fetches the route reads it, so the type checker catches a route and its client
 * drifting apart. Types only: nothing here runs, in the browser or the server.
 */
import type { FindingsPage } from "./findings/query";
import type { PostureScore } from "./findings/score";
import type { Category, Finding, RuleInfo, Severity } from "./findings/types";
import type { RbacFix } from "./fix/rbac";
import type { ObjectRow } from "./model";
import type { ExplorerGraph } from "./netpol/explorer-graph";
import type { ExposureView } from "./netpol/exposure-view";
import type { NetworkMeta } from "./netpol/gaps";
import type { NamespaceMatrix } from "./netpol/matrix";
import type { PolicyRow } from "./netpol/policy-view";
import type { TraceView } from "./netpol/trace-view";
import type { WorkloadDetail, WorkloadRow } from "./views/workloads";

/** GET /api/sources */
export interface SourceInfo {
  id: string;
  type: "demo" | "files" | "live";
  label: string;
  detail?: string;
  current?: boolean;
}
export interface SourcesResponse {
  sources: SourceInfo[];
  default: string;
}

/** A live source's read so far: kinds done of total, and the one being read. */
export interface LiveProgress {
  /** Kinds finished (read or given up on). */
  done: number;
  /** Kinds to read; grows when ConstraintTemplates reveal constraint kinds. */
  total: number;
  resource?: string;
  /** Objects of `resource` read so far, while its pages arrive. */
  items?: number;
}

/** A watched live source (server/sources/live-watch.ts): how fresh its snapshot is. */
export interface LiveWatchStatus {
  /** Snapshots built so far (1 after the first read). */
  version: number;
  /** When the current snapshot was built from the watched collections. */
  updatedAt: string;
  /** When the last change arrived from the cluster. */
  lastEventAt?: string;
  events: number;
  relists: number;
  /** Kinds whose watch is failing now (retried with backoff). */
  failing: string[];
  /** The last rebuild: collections that changed and how long it took. */
  lastBuild?: { changed: string[]; ms: number };
}

export type LoadState = "loading" | "ready" | "error";

/** GET /api/c/:source/status (and POST …/refresh) */
export interface SourceStatus {
  state: LoadState;
  startedAt: string;
  loadedAt?: string;
  progress?: LiveProgress;
  error?: { code: string; message: string };
  /** The snapshot's version in this process (see server/cache.ts subscribe). */
  version?: number;
  /** For a watched live source: it follows the cluster, and how fresh it is. */
  live?: LiveWatchStatus;
}

/** GET /api/c/:source/posture */
export interface PostureResponse {
  takenAt: string;
  score: PostureScore;
  byArea: Partial<Record<Category, Record<Severity, number>>>;
  top: Finding[];
  history: { enabled: boolean; reason?: string; trend: { takenAt: string; score: number | null; grade: string | null }[] };
  changes?: { since: string; new: Finding[]; fixed: number };
}

/** GET /api/c/:source/findings: one page of the filtered findings (lib/findings/query.ts), the rule catalogue and the score */
export interface FindingsResponse extends FindingsPage {
  rules: RuleInfo[];
  score: PostureScore;
}

/** GET /api/c/:source/rbac/findings */
export interface RbacFindingsResponse {
  findings: Finding[];
}

/** GET /api/c/:source/objects */
export interface ObjectsResponse {
  total: number;
  rows: ObjectRow[];
}

/** GET /api/c/:source/workloads: the rows, or with kind, namespace and name one workload's detail. */
export type WorkloadsResponse = { rows: WorkloadRow[] } | { detail: WorkloadDetail };

/** GET /api/c/:source/network/{graph,matrix,exposure,trace,policies}: each answer with the semantics in force. */
export type GraphResponse = ExplorerGraph & { meta: NetworkMeta };
export type MatrixResponse = NamespaceMatrix & { meta: NetworkMeta };
export type ExposureResponse = ExposureView & { meta: NetworkMeta };
export type TraceResponse = TraceView & { meta: NetworkMeta };
export interface PoliciesResponse {
  policies: PolicyRow[];
  meta: NetworkMeta;
}

/** GET /api/c/:source/rbac/fix: the edits that take a subject's permission away, narrowest first, each with who loses what. */
export type GrantFixResponse = RbacFix;
