/**
 * Workload findings: every Pod Security Standards control, runtime protection and container
 * hygiene, evaluated once per workload (its representative pod), plus the per-workload posture
 * rows the workloads view shows (highest PSS level met, failing controls, profiles in force).
 */
import type { Finding } from "../findings/types";
import type { ClusterSnapshot, ServiceAccount } from "../model";
import { HARDENING_RULES, PSS_RULES } from "./catalogue";
import { workloadFinding } from "./finding";
import { imageProblems, missingLimits, tokenMounted, writableRootFs } from "./hygiene";
import type { PssLevel } from "./pss/control";
import { evaluatePss, type PssResult } from "./pss/evaluate";
import { isHardened, runtimeProtection, type ContainerProtection } from "./runtime";
import { type WorkloadUnit } from "./units";

export interface WorkloadPosture {
  ref: WorkloadUnit["ref"];
  pods: number;
  synthesized: boolean;
  /** Highest Pod Security Standards level the workload meets. */
  level: PssLevel;
  failing: { rule: string; level: "baseline" | "restricted"; control: string; detail: string }[];
  protection: ContainerProtection[];
  serviceAccount: string;
  tokenMounted: boolean;
}

export interface WorkloadCheckOptions {
  /**
   * Whether a service account has RBAC permissions beyond the defaults every account gets (the RBAC
   * engine answers this); undefined when unknown. Decides whether a mounted token is "not needed".
   */
  serviceAccountHasPermissions?: (namespace: string, name: string) => boolean | undefined;
  /** Run HY-sa-token (default true); false leaves it to `tokenChecks`, which alone reads RBAC. */
  tokens?: boolean;
}

export interface WorkloadCheckResult {
  findings: Finding[];
  posture: WorkloadPosture[];
  /** PSS result per unit, shared with the admission checks. */
  pss: Map<WorkloadUnit, PssResult>;
  evaluated: Record<string, number>;
}

const accountsOf = (snapshot: ClusterSnapshot) => new Map<string, ServiceAccount>(snapshot.serviceAccounts.map((sa) => [`${sa.namespace}/${sa.name}`, sa]));

/** HY-sa-token: a mounted token the workload presumably does not need (RBAC says whether the account holds permissions). */
function tokenFinding(unit: WorkloadUnit, token: ReturnType<typeof tokenMounted>, opts: WorkloadCheckOptions): Finding | undefined {
  if (!token.mounted) return undefined;
  const saName = unit.pod.spec.serviceAccountName;
  const hasPermissions = opts.serviceAccountHasPermissions?.(unit.ref.namespace, saName);
  if (hasPermissions === true) return undefined;
  const why = token.setBy === "default" ? "neither the pod nor the ServiceAccount sets automountServiceAccountToken: false" : `automountServiceAccountToken: true on the ${token.setBy === "pod" ? "pod" : "ServiceAccount"}`;
  return workloadFinding("HY-sa-token", unit, {
    severity: hasPermissions === false ? "medium" : "low",
    evidence:
      hasPermissions === false
        ? `the token of ServiceAccount ${unit.ref.namespace}/${saName} is mounted (${why}) although the account has no RBAC permissions beyond the defaults`
        : `the token of ServiceAccount ${unit.ref.namespace}/${saName} is mounted (${why}); whether the workload needs it was not checked against RBAC`,
    details: { serviceAccount: saName, setBy: token.setBy },
  });
}

/** HY-sa-token's outcome per pod record, as `outcomes` below keeps the other checks'. */
const tokenOutcomes = new WeakMap<WorkloadUnit["pod"], { account: ServiceAccount | undefined; hasPermissions: boolean | undefined; finding: Finding | undefined }>();

/** HY-sa-token for every unit, apart from the other checks (see `WorkloadCheckOptions.tokens`). */
export function tokenChecks(snapshot: ClusterSnapshot, units: readonly WorkloadUnit[], opts: WorkloadCheckOptions): Finding[] {
  const accounts = accountsOf(snapshot);
  const out: Finding[] = [];
  // many workloads share an account: ask RBAC once per account
  const asked = new Map<string, boolean | undefined>();
  const has = opts.serviceAccountHasPermissions;
  if (has) {
    opts = {
      ...opts,
      serviceAccountHasPermissions: (ns, name) => {
        const k = `${ns}/${name}`;
        if (!asked.has(k)) asked.set(k, has(ns, name));
        return asked.get(k);
      },
    };
  }
  for (const unit of units) {
    const account = accounts.get(`${unit.ref.namespace}/${unit.pod.spec.serviceAccountName}`);
    const token = tokenMounted(unit.pod, account);
    if (!token.mounted) continue;
    // the finding depends on the pod record (its unit and token setting), the account and RBAC's answer
    const hasPermissions = opts.serviceAccountHasPermissions?.(unit.ref.namespace, unit.pod.spec.serviceAccountName);
    const kept = tokenOutcomes.get(unit.pod);
    let f: Finding | undefined;
    if (kept && kept.account === account && kept.hasPermissions === hasPermissions) f = kept.finding;
    else tokenOutcomes.set(unit.pod, { account, hasPermissions, finding: (f = tokenFinding(unit, token, { serviceAccountHasPermissions: () => hasPermissions })) });
    if (f) out.push(f);
  }
  return out;
}

const plural = (n: number, one: string, many = `${one}s`) => (n === 1 ? one : many);

type PodFacts = { pss: PssResult; protection: ContainerProtection[]; writable: ReturnType<typeof writableRootFs>; images: ReturnType<typeof imageProblems>; limits: ReturnType<typeof missingLimits> };
const factsOf = new WeakMap<WorkloadUnit["pod"], PodFacts>();

/** What the checks read off a pod alone, once per pod record (snapshots that share pods, a draft and its source, share these). */
function podFacts(pod: WorkloadUnit["pod"]): PodFacts {
  let f = factsOf.get(pod);
  if (!f) factsOf.set(pod, (f = { pss: evaluatePss(pod), protection: runtimeProtection(pod), writable: writableRootFs(pod), images: imageProblems(pod), limits: missingLimits(pod) }));
  return f;
}

/** What `workloadChecks` finds on one unit, HY-sa-token aside (see `unitOutcome`). */
interface UnitOutcome {
  findings: Finding[];
  row: WorkloadPosture;
}

/**
 * A unit's outcome, kept with the pod record it was computed on: it depends only on that record
 * (which gives the unit's kind, namespace, name and whether it is synthesized), the unit's pod count
 * and its ServiceAccount record. A draft or the next watched snapshot shares the records of what it
 * leaves alone, so only the workloads it touches are checked again (a new pod count or account too).
 */
const outcomes = new WeakMap<WorkloadUnit["pod"], { pods: number; account: ServiceAccount | undefined; outcome: UnitOutcome }>();

function unitOutcome(unit: WorkloadUnit, account: ServiceAccount | undefined): UnitOutcome {
  const kept = outcomes.get(unit.pod);
  if (kept && kept.pods === unit.pods && kept.account === account) return kept.outcome;
  const outcome = checkUnit(unit, account);
  outcomes.set(unit.pod, { pods: unit.pods, account, outcome });
  return outcome;
}

/** Every check of `workloadChecks` on one unit but HY-sa-token, and its posture row. */
function checkUnit(unit: WorkloadUnit, account: ServiceAccount | undefined): UnitOutcome {
  const pod = unit.pod;
  const { pss, protection, writable, images, limits } = podFacts(pod);
  const findings: Finding[] = [];
  const details = { level: pss.level, pods: unit.pods };
  for (const f of pss.failures) {
    findings.push(workloadFinding(f.control.rule, unit, { evidence: f.result.detail ?? "", details: f.result.fields ? { ...details, fields: f.result.fields } : details, ...(f.result.severity ? { severity: f.result.severity } : {}) }));
  }

  const unhardened = protection.filter((p) => !isHardened(p)).map((p) => p.container);
  if (unhardened.length) {
    findings.push(
      workloadFinding("RT-linux-hardening", unit, {
        evidence: `${plural(unhardened.length, "container")} ${unhardened.map((c) => `"${c}"`).join(", ")}: no seccomp, AppArmor or SELinux profile and no dropped capabilities`,
        details: { protection },
      }),
    );
  }

  if (writable.length) {
    findings.push(workloadFinding("HY-writable-root-fs", unit, { evidence: `${plural(writable.length, "container")} ${writable.map((c) => `"${c}"`).join(", ")} without readOnlyRootFilesystem: true` }));
  }

  const unpinned = images.filter((i) => i.problem !== "no-digest");
  if (unpinned.length) {
    findings.push(
      workloadFinding("HY-image-tag", unit, {
        evidence: unpinned.map((i) => `${i.container}: ${i.image} (${i.problem === "latest" ? ":latest" : "no tag, pulls :latest"})`).join("; "),
        details: { images: unpinned },
      }),
    );
  }
  const undigested = images.filter((i) => i.problem === "no-digest");
  if (undigested.length) {
    findings.push(workloadFinding("HY-image-digest", unit, { evidence: undigested.map((i) => `${i.container}: ${i.image}`).join("; "), details: { images: undigested } }));
  }

  if (limits.length) {
    findings.push(
      workloadFinding("HY-resource-limits", unit, {
        evidence: limits.map((l) => `${l.container}: no ${l.missing.join(" or ")} limit`).join("; "),
        details: { missing: [...new Set(limits.flatMap((l) => l.missing))].sort() },
      }),
    );
  }

  const row: WorkloadPosture = {
    ref: unit.ref,
    pods: unit.pods,
    synthesized: unit.synthesized,
    level: pss.level,
    failing: pss.failures.map((f) => ({ rule: f.control.rule, level: f.control.level, control: f.control.control, detail: f.result.detail ?? "" })),
    protection,
    serviceAccount: pod.spec.serviceAccountName,
    tokenMounted: tokenMounted(pod, account).mounted,
  };
  return { findings, row };
}

/** Every Pod Security Standards control, Linux hardening and hygiene check on each workload's representative pod. */
export function workloadChecks(snapshot: ClusterSnapshot, units: readonly WorkloadUnit[], opts: WorkloadCheckOptions = {}): WorkloadCheckResult {
  const accounts = accountsOf(snapshot);
  const findings: Finding[] = [];
  const posture: WorkloadPosture[] = [];
  const pssByUnit = new Map<WorkloadUnit, PssResult>();

  for (const unit of units) {
    const account = accounts.get(`${unit.ref.namespace}/${unit.pod.spec.serviceAccountName}`);
    const { findings: found, row } = unitOutcome(unit, account);
    pssByUnit.set(unit, podFacts(unit.pod).pss);
    for (const f of found) findings.push(f);
    if (opts.tokens !== false) {
      const f = tokenFinding(unit, tokenMounted(unit.pod, account), opts);
      if (f) findings.push(f);
    }
    posture.push(row);
  }

  const evaluated: Record<string, number> = {};
  for (const r of [...PSS_RULES, ...HARDENING_RULES]) if (r.rule !== "HY-default-namespace") evaluated[r.rule] = units.length;
  return { findings, posture, pss: pssByUnit, evaluated };
}
