/**
 * The shapes of compliance: framework controls, the Kubescape controls they correspond to, the
 * checks (catalogue rules) implementing them, and a framework's per-control report. The data is in
 * kubescape-*.ts and frameworks.ts; the evaluation in report.ts; the reasoning per control in
 * docs/compliance.md.
 */
import type { Finding, ResourceRef } from "../findings/types";

export const FRAMEWORKS = ["CIS", "NSA", "PSS"] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/** `cis`, `NSA`, ... as a framework, or undefined. */
export function frameworkOf(name: string): Framework | undefined {
  return FRAMEWORKS.find((f) => f === name.toUpperCase());
}

/**
 * What a control is checked on — the resources its score counts. `subjects`: every User, Group and
 * ServiceAccount some binding names; `namespaced-objects`: workloads plus every other namespaced
 * object of the snapshot (lib/posture/default-namespace.ts); `cluster`: the cluster as one resource.
 */
export type ResourceScope = "workloads" | "namespaces" | "subjects" | "bindings" | "namespaced-objects" | "cluster";

/**
 * A check implementing a control: a catalogue rule id, optionally narrowed to the findings a filter
 * of CHECK_FILTERS accepts — `"PSS-host-namespaces:hostPID"` counts only workloads using hostPID.
 */
export type CheckSpec = string;

/** A Kubescape control (kubescape/regolibrary controls/C-xxxx-*.json) as Clearance checks it. */
export interface KubescapeControl {
  id: string;
  /** The control's name in Kubescape. */
  name: string;
  /** Its rules (kubescape/regolibrary rules/<name>), whose test inputs our table tests transcribe. */
  rules: readonly string[];
  scope: readonly ResourceScope[];
  /** Our checks; empty when the control cannot be checked from read-only API objects. */
  checks: readonly CheckSpec[];
  /** Why there is no check (control-plane flags, client certificates, secret values, ...). */
  notChecked?: string;
  /** Where our verdicts differ from the Kubescape rule's, and why (each names its upstream source). */
  differences: readonly string[];
}

/** One control of a framework, as the per-framework page and `scan --framework` show it. */
export interface ControlDef {
  framework: Framework;
  /** "5.1.1" (CIS), "C-0002" (NSA, Kubescape's ids), "baseline: Privileged containers" (PSS). */
  id: string;
  title: string;
  /** What the control asks, in the framework's words. */
  definition: string;
  /** Where the definition comes from. */
  source: string;
  /** The Kubescape control that implements it in Kubescape's framework, if any. */
  kubescape?: string;
  scope: readonly ResourceScope[];
  checks: readonly CheckSpec[];
  notChecked?: string;
  differences: readonly string[];
}

/** A resource a control was checked on, with the findings that fail it (none: it passes). */
export interface ControlResource {
  resource: ResourceRef;
  findings: { id: string; rule: string; title: string }[];
}

export interface ControlResult {
  id: string;
  title: string;
  definition: string;
  source: string;
  kubescape?: string;
  /** The implementing checks: rule id, its title, and the filter narrowing it. */
  checks: { rule: string; title: string; filter?: string }[];
  notChecked?: string;
  differences: readonly string[];
  /** Resources checked, failed and passed; score = 100 × passed / checked, null when nothing was checked. */
  checked: number;
  failed: number;
  passed: number;
  score: number | null;
  /** Points of the framework score this control costs: (100 − score) / scored controls. */
  cost: number;
  failing: ControlResource[];
  /** The first passing resources (at most `passingShown`), for the page; `passed` counts all. */
  passing: ResourceRef[];
}

export interface FrameworkReport {
  framework: Framework;
  title: string;
  /** Mean of the scored controls' scores, rounded; null when none could be scored. */
  score: number | null;
  controls: ControlResult[];
  formula: string;
}

/** A filter narrowing a rule's findings to those that fail a narrower control. */
export interface CheckFilter {
  label: string;
  test(f: Finding): boolean;
}
