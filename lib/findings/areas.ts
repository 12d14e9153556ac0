/**
 * The finding producers and rule catalogues of the areas other than posture. lib/rbac and
 * lib/netpol register here — one import and one entry each — and every scan (CLI, API, history)
 * picks them up through `scanSnapshot`. Posture runs directly inside `runAllFindings`.
 */
import { rbacIndexOf, serviceAccountHasOwnPermissions } from "../analysis";
import type { ClusterSnapshot } from "../model";
import { NETWORK_RULES } from "../netpol/findings-catalogue";
import { networkProducer } from "../netpol/producer";
import type { PostureOptions } from "../posture";
import { RBAC_RULES, rbacProducer } from "../rbac/producer";
import type { FindingProducer } from "./run";
import type { RuleInfo } from "./types";

/** `(snapshot) => Finding[] | { findings, evaluated?, rules? }` per area (RBAC risk rules, network exposure). */
export const AREA_PRODUCERS: FindingProducer[] = [rbacProducer, networkProducer];

/** The areas' RuleInfo lists, so their rules are in the catalogue (and SARIF) even when nothing fires. */
export const AREA_RULES: (readonly RuleInfo[])[] = [RBAC_RULES, NETWORK_RULES];

/** What posture checks learn from the other areas: whether a service account's token is used for anything. */
export function postureContext(snapshot: ClusterSnapshot): PostureOptions {
  return { serviceAccountHasPermissions: (ns, name) => serviceAccountHasOwnPermissions(rbacIndexOf(snapshot), ns, name) };
}
