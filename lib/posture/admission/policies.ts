/**
 * In-cluster admission policies: ValidatingAdmissionPolicies with their bindings, and OPA
 * Gatekeeper constraint templates and constraints with their enforcement action and the
 * violations Gatekeeper's audit reported.
 */
import type { Finding } from "../../findings/types";
import type { ClusterSnapshot, Constraint } from "../../model";
import { postureFinding } from "../finding";

const focus = (rule: string) => ({ view: "findings" as const, params: { category: "admission", rule } });

/**
 * A binding enforces when its validationActions include Deny (admissionregistration.k8s.io/v1:
 * Warn and Audit only report). A policy without a binding is never evaluated.
 */
export function vapChecks(snapshot: ClusterSnapshot): { findings: Finding[]; evaluated: Record<string, number> } {
  const findings: Finding[] = [];
  const policies = new Set(snapshot.validatingAdmissionPolicies.map((p) => p.name));
  const bound = new Set(snapshot.validatingAdmissionPolicyBindings.map((b) => b.policyName));
  for (const p of snapshot.validatingAdmissionPolicies) {
    if (bound.has(p.name)) continue;
    findings.push(
      postureFinding("ADM-vap-unbound", [{ kind: "ValidatingAdmissionPolicy", name: p.name }], {
        scope: "cluster",
        focus: focus("ADM-vap-unbound"),
        evidence: `no ValidatingAdmissionPolicyBinding names policy ${p.name}; its ${p.validationCount} validation(s) are never evaluated`,
      }),
    );
  }
  for (const b of snapshot.validatingAdmissionPolicyBindings) {
    const ref = [{ kind: "ValidatingAdmissionPolicyBinding", name: b.name }];
    if (!policies.has(b.policyName)) {
      findings.push(postureFinding("ADM-vap-missing-policy", ref, { scope: "cluster", focus: focus("ADM-vap-missing-policy"), evidence: `spec.policyName ${b.policyName || "(empty)"} names no ValidatingAdmissionPolicy` }));
    } else if (!b.validationActions.includes("Deny")) {
      findings.push(
        postureFinding("ADM-vap-not-enforcing", ref, {
          scope: "cluster",
          focus: focus("ADM-vap-not-enforcing"),
          evidence: `validationActions [${b.validationActions.join(", ")}] for policy ${b.policyName}: violations are admitted`,
        }),
      );
    }
  }
  return {
    findings,
    evaluated: {
      "ADM-vap-unbound": snapshot.validatingAdmissionPolicies.length,
      "ADM-vap-missing-policy": snapshot.validatingAdmissionPolicyBindings.length,
      "ADM-vap-not-enforcing": snapshot.validatingAdmissionPolicyBindings.filter((b) => policies.has(b.policyName)).length,
    },
  };
}

/** Gatekeeper enforcementAction: `deny` (and `scoped`, per-enforcement-point actions) block; `dryrun` and `warn` admit. */
export function gatekeeperEnforces(c: Constraint): boolean {
  const a = c.enforcementAction.toLowerCase();
  return a === "deny" || a === "scoped";
}

export interface GatekeeperRow {
  template: string;
  kind: string;
  constraints: { name: string; enforcementAction: string; enforcing: boolean; violations: number; matchKinds: string[] }[];
}

/** Templates with the constraints instantiating them; constraints whose template is missing are listed under an empty template name. */
export function gatekeeperInventory(snapshot: ClusterSnapshot): GatekeeperRow[] {
  const rows = new Map<string, GatekeeperRow>();
  for (const t of snapshot.constraintTemplates) rows.set(t.constraintKind, { template: t.name, kind: t.constraintKind, constraints: [] });
  for (const c of snapshot.constraints) {
    const row = rows.get(c.kind) ?? { template: "", kind: c.kind, constraints: [] };
    rows.set(c.kind, row);
    row.constraints.push({
      name: c.name,
      enforcementAction: c.enforcementAction,
      enforcing: gatekeeperEnforces(c),
      violations: c.totalViolations ?? c.violations.length,
      matchKinds: c.matchKinds,
    });
  }
  return [...rows.values()];
}

/** Constraints that do not deny (dryrun, warn) and constraints whose audit reports violations. */
export function gatekeeperChecks(snapshot: ClusterSnapshot): { findings: Finding[]; evaluated: Record<string, number> } {
  const findings: Finding[] = [];
  for (const c of snapshot.constraints) {
    const ref = [{ kind: c.kind, name: c.name }];
    const violations = c.totalViolations ?? c.violations.length;
    if (!gatekeeperEnforces(c)) {
      findings.push(
        postureFinding("ADM-gatekeeper-not-enforcing", ref, {
          scope: "cluster",
          focus: focus("ADM-gatekeeper-not-enforcing"),
          evidence: `${c.kind} ${c.name} has enforcementAction: ${c.enforcementAction}${c.matchKinds.length ? ` (matches ${c.matchKinds.join(", ")})` : ""}: violating objects are admitted`,
          details: { enforcementAction: c.enforcementAction, violations },
        }),
      );
    }
    if (violations > 0) {
      const shown = c.violations.slice(0, 5).map((v) => `${v.kind ?? "?"} ${v.namespace ? `${v.namespace}/` : ""}${v.name ?? "?"}${v.message ? `: ${v.message}` : ""}`);
      findings.push(
        postureFinding("ADM-gatekeeper-violations", ref, {
          scope: "cluster",
          focus: focus("ADM-gatekeeper-violations"),
          evidence: `Gatekeeper's audit reports ${violations} violation(s) of ${c.kind} ${c.name}${shown.length ? `: ${shown.join("; ")}${violations > shown.length ? "; …" : ""}` : ""}`,
          details: { violations: c.violations, total: violations },
        }),
      );
    }
  }
  const n = snapshot.constraints.length;
  return { findings, evaluated: { "ADM-gatekeeper-not-enforcing": n, "ADM-gatekeeper-violations": n } };
}
