/**
 * The store: what Clearance keeps between requests and across replicas — scan history, accepted
 * risks (with an audit trail of every edit) and what-if drafts. One interface, two backends:
 * SQLite in the data directory (the embedded default) and PostgreSQL when CLEARANCE_DATABASE_URL
 * is set, so several replicas behind one Service share one history and one set of accepted risks.
 * Every call is async (PostgreSQL is), and every write is one transaction.
 */
import type { ExceptionEntry } from "../../lib/findings/exceptions";
import type { PostureScore } from "../../lib/findings/score";
import type { Category, Finding, Severity } from "../../lib/findings/types";

export type StoreState =
  | { enabled: true; backend: "sqlite"; location: string }
  | { enabled: true; backend: "postgres"; location: string }
  | { enabled: false; reason: string };

export interface ScanSummary {
  scanId: number;
  sourceId: string;
  /** When the snapshot was taken. */
  takenAt: string;
  /** When the scan was recorded. */
  recordedAt: string;
  score: number | null;
  grade: string | null;
  areas: Record<Category, number | null>;
  /** Open (not excepted) findings by severity. */
  bySeverity: Record<Severity, number>;
  findings: number;
  excepted: number;
}

export interface ScanRecord {
  takenAt: string;
  score: PostureScore;
  findings: readonly Finding[];
}

export type Recorded = { recorded: true; summary: ScanSummary } | { recorded: false; reason: string };

export interface ScanDiff {
  latest: ScanSummary;
  previous: ScanSummary;
  /** Ids in the latest scan and not in the previous one. */
  new: string[];
  /** Ids in the previous scan and no longer in the latest. */
  fixed: string[];
}

export interface HistoryStore {
  /** Never throws: a failed write is reported as `{recorded: false, reason}`. */
  record(sourceId: string, scan: ScanRecord): Promise<Recorded>;
  /** The last `n` scans of a source, oldest first (for a trend line). */
  trend(sourceId: string, n: number): Promise<ScanSummary[]>;
  /** The latest scan of each source that has one. */
  latest(sourceIds: readonly string[]): Promise<Map<string, ScanSummary>>;
  /** The latest scan against the one before it; undefined with fewer than two scans. */
  diff(sourceId: string): Promise<ScanDiff | undefined>;
  /** The findings stored with a scan. */
  findings(scanId: number): Promise<Finding[]>;
}

export type { AcceptedRisk, RiskAuditEntry, RiskChange, RiskLedger } from "../../lib/findings/accepted-risks";
import type { AcceptedRisk, RiskAuditEntry, RiskChange } from "../../lib/findings/accepted-risks";

export interface RiskStore {
  /** Risks in force or revoked, oldest first; with `sourceId`, those that apply to it (its own and global ones). */
  list(opts?: { sourceId?: string; includeRevoked?: boolean }): Promise<AcceptedRisk[]>;
  get(riskId: number): Promise<AcceptedRisk | undefined>;
  /** Records an accepted risk; `entry.by` is the actor. Audited as "accept". */
  accept(entry: ExceptionEntry & { sourceId?: string }): Promise<AcceptedRisk>;
  /** Changes reason or expiry; fails with `conflict` when `version` is not the stored one. Audited as "edit". */
  edit(riskId: number, version: number, change: RiskChange, actor: string): Promise<AcceptedRisk>;
  /** Stops a risk from applying (kept for the record). Audited as "revoke". */
  revoke(riskId: number, version: number, actor: string): Promise<AcceptedRisk>;
  /** Every change, newest first; with `riskId`, that risk's. */
  audit(opts?: { riskId?: number; limit?: number }): Promise<RiskAuditEntry[]>;
}

/** A what-if draft: YAML kept server-side for its owner, shareable by its (unguessable) id, for a bounded time. */
export interface Draft {
  id: string;
  owner: string;
  sourceId: string;
  title: string;
  yaml: string;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
}

export interface DraftInput {
  owner: string;
  sourceId: string;
  title?: string;
  yaml: string;
  /** Lifetime from now (default DRAFT_DEFAULT_TTL_MS, at most DRAFT_MAX_TTL_MS). */
  ttlMs?: number;
}

export interface DraftStore {
  /** Fails with `bad_request` above DRAFT_MAX_BYTES; the owner's oldest draft goes when they hold DRAFTS_PER_OWNER. */
  create(input: DraftInput): Promise<Draft>;
  /** Anyone with the id may read a draft until it expires (that is how it is shared). */
  get(id: string): Promise<Draft | undefined>;
  /** Only the owner may change or delete a draft (`forbidden` otherwise, `not_found` when gone). */
  update(id: string, owner: string, change: { yaml?: string; title?: string }): Promise<Draft>;
  delete(id: string, owner: string): Promise<void>;
  /** The owner's drafts that have not expired, newest first. */
  list(owner: string): Promise<Draft[]>;
  /** Removes expired drafts; returns how many. */
  purgeExpired(): Promise<number>;
}

export interface Store {
  state: StoreState;
  history: HistoryStore;
  risks: RiskStore;
  drafts: DraftStore;
  close(): Promise<void>;
}

/** Scans kept per source; older ones are pruned when a new one is recorded. */
export const KEEP_SCANS = 200;
/** A draft's YAML is at most this many bytes (UTF-8). */
export const DRAFT_MAX_BYTES = 1024 * 1024;
export const DRAFTS_PER_OWNER = 50;
export const DRAFT_DEFAULT_TTL_MS = 7 * 86_400_000;
export const DRAFT_MAX_TTL_MS = 30 * 86_400_000;
