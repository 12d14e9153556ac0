/**
 * Pod Security Admission as configured by namespace labels
 * (`pod-security.kubernetes.io/{enforce,audit,warn}` and `-version`), and the workloads each
 * namespace's level would reject.
 */
import type { Finding } from "../../findings/types";
import type { ClusterSnapshot, Labels } from "../../model";
import { postureFinding, workloadFinding } from "../finding";
import { PSS_LEVEL_RANK, type PssLevel } from "../pss/control";
import { failuresAgainst, meetsLevel, type PssResult } from "../pss/evaluate";
import { SYSTEM_NAMESPACES, type WorkloadUnit } from "../units";

export const PSA_LABEL_PREFIX = "pod-security.kubernetes.io/";
export type PsaMode = "enforce" | "audit" | "warn";
const MODES: readonly PsaMode[] = ["enforce", "audit", "warn"];
const LEVELS = new Set<string>(["privileged", "baseline", "restricted"]);

export interface PsaSetting {
  level: PssLevel;
  version: string;
}

export interface NamespacePsa {
  enforce?: PsaSetting;
  audit?: PsaSetting;
  warn?: PsaSetting;
  /** Labels PSA cannot parse, as `key=value`. */
  invalid: string[];
}

/**
 * Reads a namespace's PSA labels. A level or version PSA cannot parse makes it fall back to
 * restricted/latest for that mode (pod-security-admission api/helpers.go `PolicyToEvaluate`).
 */
export function readPsa(labels: Labels): NamespacePsa {
  const out: NamespacePsa = { invalid: [] };
  for (const mode of MODES) {
    const level = labels[`${PSA_LABEL_PREFIX}${mode}`];
    if (level === undefined) continue;
    const version = labels[`${PSA_LABEL_PREFIX}${mode}-version`] ?? "latest";
    const levelOk = LEVELS.has(level);
    const versionOk = version === "latest" || /^v1\.(0|[1-9][0-9]*)$/.test(version);
    if (!levelOk) out.invalid.push(`${PSA_LABEL_PREFIX}${mode}=${level}`);
    if (!versionOk) out.invalid.push(`${PSA_LABEL_PREFIX}${mode}-version=${version}`);
    out[mode] = levelOk && versionOk ? { level: level as PssLevel, version } : { level: "restricted", version: "latest" };
  }
  return out;
}

/**
 * The level a namespace asks for: its enforce level, or — when it only audits or warns — the
 * highest of those (what it is "working towards").
 */
export function intendedLevel(psa: NamespacePsa): { level: PssLevel; mode: PsaMode; version: string } | undefined {
  if (psa.enforce) return { ...psa.enforce, mode: "enforce" };
  const candidates = (["audit", "warn"] as const).filter((m) => psa[m]).map((m) => ({ ...psa[m]!, mode: m }));
  if (!candidates.length) return undefined;
  return candidates.reduce((a, b) => (PSS_LEVEL_RANK[b.level] > PSS_LEVEL_RANK[a.level] ? b : a));
}

export interface PsaCheckResult {
  findings: Finding[];
  evaluated: Record<string, number>;
  /** Per declared namespace, its parsed labels (for the admission view). */
  namespaces: { namespace: string; psa: NamespacePsa }[];
}

type Intended = NonNullable<ReturnType<typeof intendedLevel>>;
type Namespace = ClusterSnapshot["namespaces"][number];

/**
 * A namespace's part, kept per namespace record (a watched source keeps the records of unchanged
 * objects): its labels read, its findings and its intended level are a function of the record alone.
 */
const perNamespace = new WeakMap<Namespace, { psa: NamespacePsa; findings: Finding[]; want?: Intended }>();

function namespacePart(ns: Namespace): { psa: NamespacePsa; findings: Finding[]; want?: Intended } {
  let part = perNamespace.get(ns);
  if (part) return part;
  const psa = readPsa(ns.labels);
  const findings: Finding[] = [];
  const ref = [{ kind: "Namespace", name: ns.name }];
  const common = {
    namespace: ns.name,
    scope: SYSTEM_NAMESPACES.has(ns.name) ? ("privileged-namespace" as const) : ("namespace" as const),
    isDefault: SYSTEM_NAMESPACES.has(ns.name),
    focus: { view: "findings" as const, params: { namespace: ns.name, category: "admission" } },
  };
  if (psa.invalid.length) {
    findings.push(postureFinding("ADM-psa-invalid-label", ref, { ...common, evidence: `${psa.invalid.join(", ")}; Pod Security Admission evaluates such a mode as restricted/latest` }));
  }
  if (!psa.enforce) {
    const others = (["audit", "warn"] as const).filter((m) => psa[m]).map((m) => `${m}=${psa[m]!.level}`);
    findings.push(
      postureFinding("ADM-psa-no-enforce", ref, {
        ...common,
        evidence: `no ${PSA_LABEL_PREFIX}enforce label${others.length ? ` (only ${others.join(", ")})` : ""}: any pod is admitted unless the cluster's AdmissionConfiguration sets a default level`,
        details: { psa },
      }),
    );
  }
  const want = intendedLevel(psa);
  perNamespace.set(ns, (part = { psa, findings, ...(want && want.level !== "privileged" ? { want } : {}) }));
  return part;
}

/**
 * A workload's would-reject finding (null: it meets the level), kept per PSS result (made once per pod
 * record, lib/posture/workloads.ts): it reads the result, the intended level (kept per namespace
 * record) and the unit's ref, so the same three give the same finding.
 */
const perResult = new WeakMap<PssResult, { want: Intended; kind: string; namespace: string; name: string; finding: Finding | null }>();

function wouldReject(unit: WorkloadUnit, result: PssResult, want: Intended): Finding | null {
  const { kind, namespace, name } = unit.ref;
  const had = perResult.get(result);
  if (had && had.want === want && had.kind === kind && had.namespace === namespace && had.name === name) return had.finding;
  let finding: Finding | null = null;
  if (!meetsLevel(result.level, want.level)) {
    const failing = failuresAgainst(result, want.level);
    const enforced = want.mode === "enforce";
    finding = workloadFinding("ADM-psa-would-reject", unit, {
      severity: enforced ? "medium" : "low",
      title: enforced ? `Violates the namespace's enforced Pod Security level (${want.level})` : `Would be rejected once ${want.level} is enforced`,
      evidence: `namespace ${unit.ref.namespace} ${enforced ? "enforces" : `${want.mode}s`} ${want.level} (${want.version}); the workload meets ${result.level} and fails ${failing.map((f) => f.control.control).join(", ")}`,
      details: { mode: want.mode, required: want.level, version: want.version, meets: result.level, failing: failing.map((f) => ({ rule: f.control.rule, control: f.control.control, detail: f.result.detail })) },
    });
  }
  perResult.set(result, { want, kind, namespace, name, finding });
  return finding;
}

/** Namespaces without an enforce label, invalid labels, and workloads below their namespace's intended level. */
export function psaChecks(snapshot: ClusterSnapshot, units: readonly WorkloadUnit[], pss: ReadonlyMap<WorkloadUnit, PssResult>): PsaCheckResult {
  const findings: Finding[] = [];
  const namespaces: PsaCheckResult["namespaces"] = [];
  const intended = new Map<string, Intended>();
  for (const ns of snapshot.namespaces) {
    if (ns.implicit) continue; // labels unknown: the input did not declare the namespace
    const part = namespacePart(ns);
    namespaces.push({ namespace: ns.name, psa: part.psa });
    for (const f of part.findings) findings.push(f);
    if (part.want) intended.set(ns.name, part.want);
  }

  let checked = 0;
  for (const unit of units) {
    const want = intended.get(unit.ref.namespace);
    const result = pss.get(unit);
    if (!want || !result) continue;
    checked++;
    const f = wouldReject(unit, result, want);
    if (f) findings.push(f);
  }

  return {
    findings,
    namespaces,
    evaluated: { "ADM-psa-no-enforce": namespaces.length, "ADM-psa-invalid-label": namespaces.length, "ADM-psa-would-reject": checked },
  };
}
