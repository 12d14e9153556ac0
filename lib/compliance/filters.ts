/**
 * Filters that narrow a rule's findings to a narrower control (`RULE:filter` in a check), and the
 * parsing of checks. A finding also counts for every rule it `implies` (an R01 cluster-admin
 * finding stands for the exec, impersonation, wildcard, ... findings it replaces; lib/rbac/assess.ts).
 */
import type { Finding } from "../findings/types";
import type { CheckFilter, CheckSpec } from "./types";

const fields = (f: Finding): readonly unknown[] => (Array.isArray(f.details?.fields) ? f.details.fields : []);
const risks = (f: Finding): string[] => (Array.isArray(f.details?.risks) ? (f.details.risks as { rule?: unknown }[]).map((r) => String(r.rule)) : []);

export const CHECK_FILTERS: Readonly<Record<string, CheckFilter>> = {
  hostPID: { label: "hostPID only", test: (f) => fields(f).includes("hostPID") },
  hostIPC: { label: "hostIPC only", test: (f) => fields(f).includes("hostIPC") },
  hostNetwork: { label: "hostNetwork only", test: (f) => fields(f).includes("hostNetwork") },
  writable: { label: "mounted without readOnly", test: (f) => fields(f).includes("writable") },
  cpu: { label: "CPU limit missing", test: (f) => Array.isArray(f.details?.missing) && f.details.missing.includes("cpu") },
  memory: { label: "memory limit missing", test: (f) => Array.isArray(f.details?.missing) && f.details.missing.includes("memory") },
  "no-network-policy": { label: "namespace without any NetworkPolicy", test: (f) => f.details?.networkPolicies === 0 },
  "pull-policy": {
    label: "imagePullPolicy IfNotPresent or Never",
    test: (f) => Array.isArray(f.details?.images) && (f.details.images as { pullPolicy?: string }[]).some((i) => i.pullPolicy === "IfNotPresent" || i.pullPolicy === "Never"),
  },
  "admin-token": { label: "token is cluster-admin equivalent", test: (f) => risks(f).includes("R01") },
  "takeover-token": { label: "token can create pods or workloads, or read Secrets", test: (f) => risks(f).some((r) => ["R01", "R06", "R08", "R09", "R14"].includes(r)) },
};

export interface ParsedCheck {
  rule: string;
  filter?: string;
}

export function parseCheck(spec: CheckSpec): ParsedCheck {
  const i = spec.indexOf(":");
  if (i < 0) return { rule: spec };
  const filter = spec.slice(i + 1);
  if (!CHECK_FILTERS[filter]) throw new Error(`unknown check filter ${filter} in ${spec}`);
  return { rule: spec.slice(0, i), filter };
}

/** The rules a finding counts for: its own and those it implies. */
export function findingRules(f: Finding): string[] {
  const implies = Array.isArray(f.details?.implies) ? (f.details.implies as string[]) : [];
  return implies.length ? [f.rule, ...implies] : [f.rule];
}

/** Whether a finding fails a check. */
export function failsCheck(f: Finding, check: ParsedCheck): boolean {
  if (!findingRules(f).includes(check.rule)) return false;
  return !check.filter || CHECK_FILTERS[check.filter].test(f);
}
