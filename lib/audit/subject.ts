/**
 * What the dashboard shows about one subject's use (its panel and its permissions grid): the grid
 * with used and unused cells, the risky permissions it holds and did not use, each binding that
 * names it with its use, and what the log says beyond RBAC — all over the window the log covers.
 */
import type { Severity } from "../findings/types";
import { describeGrant } from "../rbac/describe";
import { bindingNodeId } from "../rbac/graph";
import type { RbacIndex } from "../rbac/rbac-index";
import { assessOptions, scopeText, type RiskOptions } from "../rbac/sa-risk";
import { isImplicitGroup, parseSubjectId, subjectId, type SubjectRef } from "../rbac/subjects";
import { ClearanceError } from "../errors";
import { unusedRisksOf } from "./findings";
import { usageGrid, type UsageGrid } from "./grid";
import { grantsNaming } from "./suggest";
import { grantUse, groupsSeen, isUse, subjectAtoms, totalUse, usernameOf, type AuditAnalysis, type Use } from "./usage";
import type { AuditWindow } from "./window";

export interface UnusedRiskView {
  rule: string;
  title: string;
  severity: Severity;
  /** `is cluster-admin equivalent cluster-wide`. */
  text: string;
  findingId: string;
}

export interface SubjectUsage {
  subject: SubjectRef & { id: string };
  window: AuditWindow | null;
  windowText: string;
  /** Allowed requests, and refused attempts. */
  used: Use;
  refused: number;
  /** For users: the groups the log showed them in, beyond the implicit ones (what the IdP says). */
  groupsSeen: string[];
  grid: UsageGrid;
  unusedRisks: UnusedRiskView[];
  bindings: { node: string; text: string; used: Use }[];
  /** Allowed requests RBAC on the snapshot would not authorise (another authorizer, or a different snapshot). */
  notRbac: number;
}

/** The usage view of subject `id` (`User/NAME`, `Group/NAME`, `ServiceAccount/NS/NAME`). */
export function subjectUsage(index: RbacIndex, analysis: AuditAnalysis, id: string, opts: RiskOptions & { namespace?: string; assumeGroups?: readonly string[] } = {}): SubjectUsage {
  const subject = parseSubjectId(id);
  if (!subject) throw new ClearanceError("bad_request", `"${id}" is not a subject: write User/NAME, Group/NAME or ServiceAccount/NAMESPACE/NAME`);
  const atoms = subjectAtoms(analysis, subject);
  const grid = usageGrid(index, analysis, subject, { ...(opts.namespace ? { namespace: opts.namespace } : {}), assumeGroups: subject.kind === "Group" ? [] : (opts.assumeGroups ?? []) });
  const risks = unusedRisksOf(index, analysis, subject, assessOptions(index, opts)).risks;
  const user = usernameOf(subject);
  return {
    subject: { ...subject, id: subjectId(subject) },
    window: analysis.window,
    windowText: grid.windowText,
    used: totalUse(atoms),
    refused: atoms.filter((a) => !isUse(a)).reduce((n, a) => n + a.count, 0),
    groupsSeen: user === undefined ? [] : groupsSeen(analysis, user).filter((g) => !isImplicitGroup(g)),
    grid,
    unusedRisks: risks.map((r) => ({ rule: r.hit.rule.rule, title: r.hit.rule.title, severity: r.hit.severity, text: `${r.hit.rule.phrase} ${scopeText(r.hit.scope, r.hit.namespace)}`, findingId: r.finding.id })),
    bindings: grantsNaming(index, subject).map((g) => ({ node: bindingNodeId(g.id), text: describeGrant(g), used: grantUse(analysis, g) })),
    notRbac: atoms.filter((a) => isUse(a) && !a.rbacAllowed).reduce((n, a) => n + a.count, 0),
  };
}
