/**
 * Binding-level findings: R27 (a binding to everyone — anonymous, unauthenticated or every
 * authenticated user — outside the bootstrap baseline), H1 (a roleRef that does not resolve) and
 * H2 (a ServiceAccount subject that does not exist). Baseline from upstream bootstrap policy
 * (`plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-role-bindings.yaml`) and
 * kubeadm's cluster-info binding.
 */
import { findingId, type Finding, type ResourceRef } from "../findings/types";
import { riskRule } from "./catalogue";
import { describeGrant, describeRule } from "./describe";
import type { Grant, RbacIndex } from "./rbac-index";
import { ANONYMOUS, AUTHENTICATED, UNAUTHENTICATED, describeSubject, subjectId } from "./subjects";

/** Bindings that grant to everyone by design. */
const EVERYONE_BASELINE = new Set(["ClusterRoleBinding/system:public-info-viewer", "ClusterRoleBinding/system:basic-user", "ClusterRoleBinding/system:discovery", "RoleBinding/kube-public/kubeadm:bootstrap-signer-clusterinfo"]);

/** Default roles every cluster has, which file inputs often leave out. */
const BOOTSTRAP_ROLES = new Set(["cluster-admin", "admin", "edit", "view"]);

function bindingRef(g: Grant): ResourceRef {
  return { kind: g.binding.kind, ...(g.namespace ? { namespace: g.namespace } : {}), name: g.binding.name };
}

function bindingFocus(g: Grant) {
  return { view: "rbac" as const, params: { focus: `binding:${g.id}` } };
}

function grantsText(g: Grant): string {
  if (g.missing) return `${describeGrant(g)}, which grants nothing`;
  const rules = g.rules.slice(0, 4).map(describeRule).join("; ");
  return `${describeGrant(g)}: ${rules || "no rules"}${g.rules.length > 4 ? `; … (${g.rules.length} rules)` : ""}`;
}

function everyoneFindings(g: Grant): Finding[] {
  if (EVERYONE_BASELINE.has(g.id)) return [];
  const rule = riskRule("R27");
  const out: Finding[] = [];
  for (const s of g.subjects) {
    const anonymous = (s.kind === "User" && s.name === ANONYMOUS) || (s.kind === "Group" && s.name === UNAUTHENTICATED);
    const everyone = s.kind === "Group" && s.name === AUTHENTICATED;
    if (!anonymous && !everyone) continue;
    out.push({
      id: findingId("R27", [bindingRef(g)], subjectId(s)),
      rule: "R27",
      severity: anonymous ? "critical" : "high",
      category: "rbac",
      title: `${describeGrant(g)} is bound to ${describeSubject(s)}`,
      resources: [bindingRef(g), { kind: s.kind, name: s.name }],
      evidence: `${anonymous ? "anyone who can reach the API server, without credentials" : "every authenticated user and service account"} gets ${grantsText(g)}`,
      remediation: rule.remediation,
      references: [...rule.references],
      ...(g.namespace ? { namespace: g.namespace } : {}),
      scope: g.namespace ? "namespace" : "cluster",
      focus: bindingFocus(g),
      details: { reason: rule.description, subject: s },
      ...(g.isDefault ? { isDefault: true } : {}),
    });
  }
  return out;
}

function danglingRoleFinding(g: Grant, haveDefaults: boolean): Finding | null {
  if (!g.missing) return null;
  const rule = riskRule("H1");
  const absentDefault = !haveDefaults && g.roleRef.kind === "ClusterRole" && (BOOTSTRAP_ROLES.has(g.roleRef.name) || g.roleRef.name.startsWith("system:"));
  return {
    id: findingId("H1", [bindingRef(g)]),
    rule: "H1",
    severity: absentDefault ? "info" : "low",
    category: "rbac",
    title: `${describeGrant(g)} ${rule.phrase}`,
    resources: [bindingRef(g)],
    evidence: `${g.missing}${absentDefault ? " (the input holds no default roles; on a real cluster this one exists)" : ""}; the binding grants nothing`,
    remediation: rule.remediation,
    references: [],
    ...(g.namespace ? { namespace: g.namespace } : {}),
    scope: g.namespace ? "namespace" : "cluster",
    focus: bindingFocus(g),
    ...(g.isDefault ? { isDefault: true } : {}),
  };
}

function danglingSubjectFindings(index: RbacIndex, g: Grant, namespaces: Set<string>): Finding[] {
  if (!index.hasServiceAccounts) return [];
  const rule = riskRule("H2");
  const out: Finding[] = [];
  for (const s of g.subjects) {
    if (s.kind !== "ServiceAccount" || index.serviceAccounts.has(`${s.namespace}/${s.name}`)) continue;
    const nsMissing = !namespaces.has(s.namespace ?? "");
    if (s.name === "default" && !nsMissing) continue;
    const ref: ResourceRef = { kind: "ServiceAccount", namespace: s.namespace, name: s.name };
    out.push({
      id: findingId("H2", [bindingRef(g), ref]),
      rule: "H2",
      severity: "low",
      category: "rbac",
      title: `${describeSubject(s)} ${rule.phrase} (${describeGrant(g)})`,
      resources: [bindingRef(g), ref],
      evidence: `${describeGrant(g)} names ServiceAccount ${s.namespace}/${s.name}, which does not exist${nsMissing ? ` (nor does namespace ${s.namespace})` : ""}`,
      remediation: rule.remediation,
      references: [...rule.references],
      namespace: s.namespace,
      scope: g.namespace ? "namespace" : "cluster",
      focus: bindingFocus(g),
      ...(g.isDefault ? { isDefault: true } : {}),
    });
  }
  return out;
}

/**
 * H4: a live aggregated ClusterRole whose stored rules differ from what its selectors aggregate
 * (the loader computes both; lib/model/aggregation.ts). Files never drift: their rules are computed.
 */
export function aggregationDriftFindings(index: RbacIndex): Finding[] {
  const rule = riskRule("H4");
  const out: Finding[] = [];
  for (const role of index.roles.values()) {
    const drift = role.kind === "ClusterRole" ? role.aggregation?.drift : undefined;
    if (!drift) continue;
    const ref: ResourceRef = { kind: "ClusterRole", name: role.name };
    const parts = [
      drift.missing.length ? `missing ${drift.missing.length} rule(s) its sources grant: ${drift.missing.slice(0, 3).map(describeRule).join("; ")}` : "",
      drift.extra.length ? `${drift.extra.length} rule(s) no source grants: ${drift.extra.slice(0, 3).map(describeRule).join("; ")}` : "",
    ].filter(Boolean);
    out.push({
      id: findingId("H4", [ref]),
      rule: "H4",
      severity: "low",
      category: "rbac",
      title: `ClusterRole "${role.name}" ${rule.phrase}`,
      resources: [ref],
      evidence: `aggregated from ${role.aggregation!.sources.join(", ") || "no matching role"}; the stored rules are ${parts.join("; and ")}`,
      remediation: rule.remediation,
      references: [...rule.references],
      scope: "cluster",
      focus: { view: "rbac", params: { focus: `role:ClusterRole/${role.name}` } },
      ...(role.labels["kubernetes.io/bootstrapping"] === "rbac-defaults" ? { isDefault: true } : {}),
    });
  }
  return out;
}

/** R27, H1 and H2 over every binding. */
export function bindingFindings(index: RbacIndex): Finding[] {
  const haveDefaults = [...index.roles.values()].some((r) => r.labels["kubernetes.io/bootstrapping"] === "rbac-defaults");
  const namespaces = new Set(index.namespaces);
  const out: Finding[] = [];
  for (const g of index.grants) {
    out.push(...everyoneFindings(g));
    const h1 = danglingRoleFinding(g, haveDefaults);
    if (h1) out.push(h1);
    out.push(...danglingSubjectFindings(index, g, namespaces));
  }
  return out;
}
