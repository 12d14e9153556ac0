/** Test support: audit log lines built from short descriptions, fed through the real reader. */
import type { RbacIndex } from "../rbac/rbac-index";
import { serviceAccountGroups, serviceAccountUsername } from "../rbac/subjects";
import { auditEvent, type SynthRequest } from "../synth/audit/event";
import { Rng } from "../synth/random";
import { UsageAccumulator, type AccumulateOptions, type AuditUsage } from "./accumulate";

export const T0 = Date.parse("2026-10-01T00:00:00Z");
export const DAY = 86_400_000;

export interface LineSpec extends SynthRequest {
  /** `ns/name` of a service account, or a user name. */
  as: string;
  groups?: string[];
  /** Days after T0. */
  day?: number;
  decision?: "allow" | "forbid";
}

/** One JSON line for a request by a service account (`as: "ns/name"`) or user. */
export function line(spec: LineSpec, rng = Rng.for(1, "line")): string {
  const [ns, name] = spec.as.includes("/") ? spec.as.split("/") : [];
  const user = name
    ? { username: serviceAccountUsername(ns, name), groups: [...serviceAccountGroups(ns), ...(spec.groups ?? [])], userAgent: "test", sourceIP: "10.0.0.1" }
    : { username: spec.as, groups: [...(spec.groups ?? []), "system:authenticated"], userAgent: "kubectl", sourceIP: "10.0.0.2" };
  return JSON.stringify(auditEvent(rng, user, spec, T0 + (spec.day ?? 0) * DAY, { decision: spec.decision }));
}

/** The usage of a log given as line specs (one file, `audit.log`). */
export function usageOf(index: RbacIndex, specs: readonly (LineSpec | string)[], opts: AccumulateOptions = {}): AuditUsage {
  const acc = new UsageAccumulator(index, opts);
  acc.beginFile("audit.log");
  const rng = Rng.for(1, "usageOf");
  for (const s of specs) acc.addLine(typeof s === "string" ? s : line(s, rng));
  return acc.result();
}
