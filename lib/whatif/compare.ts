/**
 * What a change does, as a reviewer reads it: findings new and fixed (by stable id), the score per
 * area before and after, grants gained and lost per subject (lib/rbac/diff.ts, each subject linked
 * to the RBAC findings that name it), and connections opened and closed at workload level with
 * their ports (lib/netpol/diff-reachability.ts, np-guard/netpol-analyzer's diff). `clearance diff`
 * compares two sources with it, `clearance whatif` and the dashboard a source and its draft.
 */
import { networkAnalysisOf, rbacIndexOf } from "../analysis";
import { diffFindings } from "../findings/diff";
import type { ExceptionEntry } from "../findings/exceptions";
import { scanSnapshot, type ScanReport } from "../findings/scan";
import { CATEGORIES, type Category, type Finding } from "../findings/types";
import type { ClusterSnapshot } from "../model";
import { parseConnSet } from "../netpol/connset";
import type { ReachDiffEntry } from "../netpol/diff";
import { diffReachability } from "../netpol/diff-reachability";
import type { EngineOptions } from "../netpol/model";
import { diffGrants, linkFindings, type GrantsDiff } from "../rbac/diff";

export interface CompareOptions {
  /** Accepted risks, applied to both sides. */
  exceptions?: readonly ExceptionEntry[];
  /** Also compare findings and grants about default and vendor objects. */
  includeDefaults?: boolean;
  engine?: Partial<EngineOptions>;
  /** The clock exceptions expire by (default now). */
  now?: Date;
}

export interface AreaScoreChange {
  area: Category;
  before: number | null;
  after: number | null;
}

export interface Comparison {
  findings: { added: Finding[]; removed: Finding[]; unchanged: number };
  score: { before: number | null; after: number | null; areas: AreaScoreChange[] };
  grants: GrantsDiff;
  reachability: ReachDiffEntry[];
}

/** Both sides' scans (memoized per snapshot), findings, grants and reachability compared. */
export function compareSnapshots(before: ClusterSnapshot, after: ClusterSnapshot, opts: CompareOptions = {}): Comparison {
  const scan = { ...(opts.exceptions ? { exceptions: opts.exceptions } : {}), includeDefaults: !!opts.includeDefaults, ...(opts.now ? { now: opts.now } : {}) };
  const a = scanSnapshot(before, scan);
  const b = after === before ? a : scanSnapshot(after, scan);
  const d = diffFindings(a.findings, b.findings);
  const grants = linkFindings(diffGrants(rbacIndexOf(before), rbacIndexOf(after), { includeDefaults: !!opts.includeDefaults }), d);
  const engine = opts.engine ?? {};
  const reachability = diffReachability(networkAnalysisOf(before, engine).reach, networkAnalysisOf(after, engine).reach);
  return { findings: d, score: scoreChange(a, b), grants, reachability };
}

function scoreChange(a: ScanReport, b: ScanReport): Comparison["score"] {
  return {
    before: a.score.overall,
    after: b.score.overall,
    areas: CATEGORIES.map((area) => ({ area, before: a.score.areas[area].score, after: b.score.areas[area].score })),
  };
}

/** One direction of a connection change: what opened (or closed) between two ends, with the ports. */
export interface ConnectionChange {
  src: string;
  dst: string;
  conn: string;
  /** `workload x added` when an end exists on one side only. */
  info?: string;
}

/**
 * Connections opened and closed: an added pair opens all it allows, a removed one closes all it
 * allowed, a changed one opens the ports it gained and closes those it lost.
 */
export function openedAndClosed(entries: readonly ReachDiffEntry[]): { opened: ConnectionChange[]; closed: ConnectionChange[] } {
  const opened: ConnectionChange[] = [];
  const closed: ConnectionChange[] = [];
  for (const e of entries) {
    const info = e.info ? { info: e.info } : {};
    if (e.change === "added") opened.push({ src: e.src, dst: e.dst, conn: e.after, ...info });
    else if (e.change === "removed") closed.push({ src: e.src, dst: e.dst, conn: e.before, ...info });
    else {
      const before = parseConnSet(e.before);
      const after = parseConnSet(e.after);
      const gained = after.subtract(before);
      const lost = before.subtract(after);
      if (!gained.isEmpty) opened.push({ src: e.src, dst: e.dst, conn: gained.toString() });
      if (!lost.isEmpty) closed.push({ src: e.src, dst: e.dst, conn: lost.toString() });
    }
  }
  return { opened, closed };
}
