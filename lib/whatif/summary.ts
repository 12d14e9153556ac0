/**
 * The what-if summary of a draft over a source: what the draft does to objects, then what that does
 * to the cluster (compare.ts) in a reviewer's words — connections opened and closed, grants gained
 * and lost per subject, findings new and fixed, the score per area before and after. One shape for
 * `clearance whatif --output json` and the dashboard's summary panel.
 */
import { rbacIndexOf } from "../analysis";
import { atomView } from "../audit/right-size";
import { usedCheck, type UsedCheck } from "../audit/used-check";
import type { AuditAnalysis } from "../audit/usage";
import type { Finding } from "../findings/types";
import type { ClusterSnapshot, LoadIssue } from "../model";
import type { ReachDiffEntry } from "../netpol/diff";
import { opensConnections } from "../netpol/diff";
import type { SubjectChange } from "../rbac/diff";
import type { AppliedDraft, ChangeRow } from "./apply";
import { compareSnapshots, openedAndClosed, type AreaScoreChange, type CompareOptions, type ConnectionChange } from "./compare";

export interface WhatifSummary {
  /** The source the draft is applied to. */
  source: string;
  draft: { changes: ChangeRow[]; cascaded: string[]; issues: LoadIssue[] };
  connections: { opened: ConnectionChange[]; closed: ConnectionChange[] };
  grants: { gained: SubjectChange[]; lost: SubjectChange[] };
  findings: { new: Finding[]; fixed: Finding[]; unchanged: number };
  score: { before: number | null; after: number | null; areas: AreaScoreChange[] };
  /** The pair-level reachability diff the connections come from (netpol-analyzer's diff entries). */
  reachability: ReachDiffEntry[];
  /** With the source's audit log: the requests it shows as used, checked against the draft's RBAC. */
  used?: UsedCheck;
  /** The source has an audit log that is still being read (ask again for `used`). */
  usedPending?: true;
}

export interface SummaryOptions extends CompareOptions {
  /** The source's audit log, read against the source (not the draft). */
  audit?: AuditAnalysis;
}

export function whatifSummary(base: ClusterSnapshot, applied: AppliedDraft, opts: SummaryOptions = {}): WhatifSummary {
  const c = compareSnapshots(base, applied.snapshot, opts);
  return {
    source: base.source.label,
    draft: { changes: applied.changes, cascaded: applied.cascaded, issues: applied.issues },
    connections: openedAndClosed(c.reachability),
    grants: { gained: c.grants.added, lost: c.grants.removed },
    findings: { new: c.findings.added, fixed: c.findings.removed, unchanged: c.findings.unchanged },
    score: c.score,
    reachability: c.reachability,
    ...(opts.audit ? { used: usedCheck(opts.audit, rbacIndexOf(applied.snapshot), (a) => atomView(a).text) } : {}),
  };
}

/** Does the draft open a connection that was closed (for --fail-on-new-reachability)? */
export function opensReachability(s: WhatifSummary): boolean {
  return s.reachability.some(opensConnections);
}
