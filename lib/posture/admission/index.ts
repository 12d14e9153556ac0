/** Admission control: Pod Security Admission labels, webhooks, ValidatingAdmissionPolicies and Gatekeeper. */
import type { Finding } from "../../findings/types";
import type { ClusterSnapshot } from "../../model";
import { postureFinding } from "../finding";
import type { PssResult } from "../pss/evaluate";
import { describesCluster, type WorkloadUnit } from "../units";
import { gatekeeperChecks, gatekeeperEnforces, vapChecks } from "./policies";
import { psaChecks, readPsa } from "./psa";
import { webhookChecks, webhookInventory, type WebhookRow } from "./webhooks";

export { gatekeeperInventory } from "./policies";
export { intendedLevel, readPsa, type NamespacePsa } from "./psa";
export { webhookInventory, type WebhookRow } from "./webhooks";

/**
 * CIS 5.2.1 "at least one active policy control mechanism": true when some namespace enforces
 * baseline or restricted, a Gatekeeper constraint denies, a ValidatingAdmissionPolicy is bound
 * with Deny, or a security webhook fails closed with a reachable service.
 */
export function hasActivePolicyControl(snapshot: ClusterSnapshot, webhooks: readonly WebhookRow[]): boolean {
  if (snapshot.namespaces.some((ns) => !ns.implicit && (readPsa(ns.labels).enforce?.level ?? "privileged") !== "privileged")) return true;
  if (snapshot.constraints.some(gatekeeperEnforces)) return true;
  const policies = new Set(snapshot.validatingAdmissionPolicies.map((p) => p.name));
  if (snapshot.validatingAdmissionPolicyBindings.some((b) => policies.has(b.policyName) && b.validationActions.includes("Deny"))) return true;
  return webhooks.some((w) => w.security && w.kind === "ValidatingWebhookConfiguration" && w.failurePolicy === "Fail" && w.endpoints !== "none");
}

/** Every admission-control check: PSA labels and would-be rejections, webhooks, ValidatingAdmissionPolicies, Gatekeeper, CIS 5.2.1. */
export function admissionChecks(snapshot: ClusterSnapshot, units: readonly WorkloadUnit[], pss: ReadonlyMap<WorkloadUnit, PssResult>) {
  const webhooks = webhookInventory(snapshot);
  const psa = psaChecks(snapshot, units, pss);
  const parts = [psa, webhookChecks(snapshot, webhooks), vapChecks(snapshot), gatekeeperChecks(snapshot)];
  const findings: Finding[] = parts.flatMap((p) => p.findings);
  const evaluated: Record<string, number> = Object.assign({}, ...parts.map((p) => p.evaluated));
  const assessable = describesCluster(snapshot);
  evaluated["ADM-no-policy-enforcement"] = assessable ? 1 : 0;
  if (assessable && !hasActivePolicyControl(snapshot, webhooks)) {
    findings.push(
      postureFinding("ADM-no-policy-enforcement", [], {
        scope: "cluster",
        discriminator: "cluster",
        focus: { view: "findings", params: { category: "admission" } },
        evidence: "no namespace enforces a Pod Security level above privileged, no Gatekeeper constraint denies, no ValidatingAdmissionPolicy is bound with Deny and no policy webhook fails closed",
      }),
    );
  }
  return { findings, evaluated, webhooks, namespaces: psa.namespaces };
}
