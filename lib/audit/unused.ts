/**
 * What went unused over the audit window, worst first: risky permissions (U01), bindings no allowed
 * request went through, roles no binding of theirs was used for, rules of used roles never
 * exercised, service accounts no request came from. Each item carries the severity of what it grants
 * (the catalogue run on it alone), so the list reads by risk. Beside it: requests the log shows as
 * allowed that RBAC on the snapshot would not authorise (the Node authorizer, a webhook, or a
 * snapshot that differs from the cluster), and refused requests the snapshot would allow.
 */
import { SEVERITY_RANK, type Severity } from "../findings/types";
import { assessGrants } from "../rbac/assess";
import { describeGrant, describeRule } from "../rbac/describe";
import { bindingNodeId, roleNodeId, subjectNodeId } from "../rbac/graph";
import type { Grant, RbacIndex } from "../rbac/rbac-index";
import { assessOptions, serviceAccountRisk, type RiskOptions } from "../rbac/sa-risk";
import { SYSTEM_MASTERS, subjectId, type SubjectRef } from "../rbac/subjects";
import type { Atom } from "./accumulate";
import { unusedRisks } from "./findings";
import { atomView, type AtomView } from "./right-size";
import { isUse, silentServiceAccounts, type AuditAnalysis } from "./usage";
import { windowText, type AuditWindow } from "./window";

export type UnusedKind = "permission" | "binding" | "serviceAccount" | "role" | "rule";

export interface UnusedItem {
  kind: UnusedKind;
  /** Highest severity of what it grants; null when nothing in the catalogue applies. */
  severity: Severity | null;
  title: string;
  detail: string;
  /** A graph node to open (subject, binding or role). */
  node: string;
  /** For permissions: the subject, so its suggestion can be opened. */
  subject?: string;
  isDefault: boolean;
}

export interface UnexplainedRequest extends AtomView {
  username: string;
  groups: readonly string[];
  /** Why RBAC on the snapshot disagrees with the log. */
  why: string;
}

export interface UnusedReport {
  window: AuditWindow | null;
  windowText: string;
  items: UnusedItem[];
  counts: Record<UnusedKind, number>;
  /** Allowed per the log, not by RBAC on the snapshot. */
  notRbac: UnexplainedRequest[];
  /** Refused per the log though RBAC on the snapshot allows them. */
  refusedButGranted: UnexplainedRequest[];
}

const KIND_ORDER: Record<UnusedKind, number> = { permission: 0, binding: 1, serviceAccount: 2, role: 3, rule: 4 };
const rank = (s: Severity | null) => (s ? SEVERITY_RANK[s] : -1);

function worst(severities: (Severity | null)[]): Severity | null {
  return severities.reduce<Severity | null>((w, s) => (rank(s) > rank(w) ? s : w), null);
}

function grantSeverity(g: Grant, index: RbacIndex, opts: RiskOptions): Severity | null {
  return worst(assessGrants([g], assessOptions(index, opts), index.cache).map((h) => h.severity));
}

function whyNotRbac(a: Atom): string {
  if (a.identity.username.startsWith("system:node:") || a.identity.groups.includes("system:nodes")) return "a kubelet: the Node authorizer decides its requests";
  return "another authorizer (a webhook) allowed it, or the snapshot differs from the cluster the log came from";
}

function unexplained(a: Atom, why: string): UnexplainedRequest {
  return { ...atomView(a), username: a.identity.username, groups: a.identity.groups, why };
}

const subjectNode = (s: SubjectRef) => subjectNodeId(s);

/** The report (see file comment). `limit` caps the items listed per kind (defaults and all shown, most severe first). */
export function unusedReport(index: RbacIndex, analysis: AuditAnalysis, opts: RiskOptions & { limit?: number } = {}): UnusedReport {
  const limit = opts.limit ?? 2000;
  const items: UnusedItem[] = [];
  for (const r of unusedRisks(index, analysis, opts).risks) {
    const detail = `${r.activity[0].toUpperCase()}${r.activity.slice(1)}. Granted by ${r.hit.paths.map((p) => describeGrant(p.grant)).join("; ")}.`;
    items.push({ kind: "permission", severity: r.hit.severity, title: r.finding.title, detail, node: subjectNode(r.subject), subject: subjectId(r.subject), isDefault: !!r.finding.isDefault });
  }
  const severityOf = new Map<string, Severity | null>();
  for (const g of index.grants) {
    severityOf.set(g.id, grantSeverity(g, index, opts));
    if (analysis.grants.has(g.id) || g.missing) continue;
    const subjects = g.subjects.map((s) => subjectId(s)).join(", ") || "no subject";
    items.push({ kind: "binding", severity: severityOf.get(g.id)!, title: `${describeGrant(g)} was not used`, detail: `No allowed request of ${subjects} went through it.`, node: bindingNodeId(g.id), isDefault: g.isDefault });
  }
  for (const [roleId, role] of index.roles) {
    const grants = index.grantsByRole.get(roleId) ?? [];
    const use = analysis.roles.get(roleId);
    const isDefault = grants.length ? grants.every((g) => g.isDefault) : role.labels["kubernetes.io/bootstrapping"] === "rbac-defaults" || role.name.startsWith("system:");
    const node = roleNodeId(roleId);
    if (!use) {
      if (!grants.length) continue; // unbound roles grant nothing: not a least-privilege question
      items.push({ kind: "role", severity: worst(grants.map((g) => severityOf.get(g.id) ?? null)), title: `${role.kind} ${role.namespace ? `${role.namespace}/` : ""}${role.name}: no request went through it`, detail: `Bound by ${grants.length} binding${grants.length === 1 ? "" : "s"}, none used.`, node, isDefault });
      continue;
    }
    role.rules.forEach((rule, i) => {
      if (use.rules.has(i)) return;
      const sev = worst(grants.map((g) => grantSeverity({ ...g, id: `${g.id}#${i}`, rules: [rule] }, index, opts)));
      items.push({ kind: "rule", severity: sev, title: `${role.kind} ${role.namespace ? `${role.namespace}/` : ""}${role.name} rule ${i} never exercised`, detail: describeRule(rule), node, isDefault });
    });
  }
  for (const key of silentServiceAccounts(analysis, index)) {
    const [namespace, name] = key.split("/");
    const risk = serviceAccountRisk(index, namespace, name, opts);
    items.push({ kind: "serviceAccount", severity: risk.severity, title: `ServiceAccount ${key}: no request came from it`, detail: risk.severity ? `Its token is worth: ${risk.summary}.` : "It holds nothing risky; if no workload needs the API, set automountServiceAccountToken: false.", node: subjectNode({ kind: "ServiceAccount", namespace, name }), isDefault: false });
  }
  items.sort((a, b) => rank(b.severity) - rank(a.severity) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.title.localeCompare(b.title));
  const counts = { permission: 0, binding: 0, serviceAccount: 0, role: 0, rule: 0 };
  for (const i of items) counts[i.kind]++;
  const atoms = analysis.usage.atoms;
  const notRbac = atoms.filter((a) => isUse(a) && !a.rbacAllowed).map((a) => unexplained(a, whyNotRbac(a)));
  const masters = atoms.filter((a) => isUse(a) && a.bypass).map((a) => unexplained(a, `allowed before RBAC: member of ${SYSTEM_MASTERS}`));
  const refused = atoms.filter((a) => !isUse(a) && a.rbacAllowed).map((a) => unexplained(a, "refused in the cluster, yet RBAC on the snapshot allows it: the snapshot differs from the cluster, or another check refused it"));
  const byCount = (x: AtomView, y: AtomView) => y.count - x.count;
  return {
    window: analysis.window,
    windowText: windowText(analysis.window),
    items: items.slice(0, limit),
    counts,
    notRbac: [...masters, ...notRbac].sort(byCount).slice(0, limit),
    refusedButGranted: refused.sort(byCount).slice(0, limit),
  };
}
