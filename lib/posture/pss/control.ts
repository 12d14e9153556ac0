/** The shape of one Pod Security Standards control and a few helpers its checks share. */
import type { Severity } from "../../findings/types";
import type { PodView } from "../units";

export type PssLevel = "privileged" | "baseline" | "restricted";

export const PSS_LEVEL_RANK: Record<PssLevel, number> = { privileged: 0, baseline: 1, restricted: 2 };

export interface ControlResult {
  allowed: boolean;
  /** Which pod or container fields break the control, in the words PSA uses in its warnings. */
  detail?: string;
  /** Overrides the rule's base severity (e.g. a hostPath of `/` is worse than one of `/var/log`). */
  severity?: Severity;
  /** Which parts of the control failed, for controls narrower than this one (CIS 5.2.3 is hostPID only). */
  fields?: string[];
}

export interface PssControl {
  /** Catalogue rule id, e.g. "PSS-privileged". */
  rule: string;
  level: "baseline" | "restricted";
  /** The control's name in the Pod Security Standards table. */
  control: string;
  check(pod: PodView): ControlResult;
}

export const ALLOWED: ControlResult = { allowed: true };

/** `"a", "b"` as in PSA's messages. */
export function quote(items: readonly string[]): string {
  return items.map((i) => `"${i}"`).join(", ");
}

/** `container "a"` / `containers "a", "b"` — the way PSA names offenders. */
export function containersPhrase(names: readonly string[]): string {
  return `${names.length === 1 ? "container" : "containers"} ${quote(names)}`;
}

/** Joins "pod" and container phrases: `pod and containers "a", "b"`. */
export function setters(pod: boolean, containers: readonly string[]): string {
  const parts: string[] = [];
  if (pod) parts.push("pod");
  if (containers.length) parts.push(containersPhrase(containers));
  return parts.join(" and ");
}

/**
 * Pods in a user namespace (`hostUsers: false`) get the runAsNonRoot, runAsUser and procMount
 * relaxations of policy version 1.34+ (KEP-127; pod-security-admission helpers.go
 * `relaxPolicyForUserNamespacePod`).
 */
export function inUserNamespace(pod: PodView): boolean {
  return pod.spec.hostUsers === false;
}
