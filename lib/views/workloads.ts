/**
 * The workloads view: every workload with what each area says about it — Pod Security level and
 * failing controls (posture), the identity its pods run as and what that identity may do (RBAC),
 * whether the internet reaches it and which policies guard it (network), and its findings.
 * Pure: built from the scan and the shared per-snapshot analyses.
 */
import { networkAnalysisOf, rbacIndexOf } from "../analysis";
import type { ScanReport } from "../findings/scan";
import { SEVERITY_RANK, type Finding, type Severity } from "../findings/types";
import type { ClusterSnapshot } from "../model";
import { buildExposure, type ExposurePath } from "../netpol/exposure";
import { protectionOf, type Protection } from "../netpol/protection";
import type { WorkloadPosture } from "../posture";
import { serviceAccountRisk, type IdentityRisk } from "../rbac/sa-risk";

export interface WorkloadRow {
  kind: string;
  namespace: string;
  name: string;
  pods: number;
  synthesized: boolean;
  level: WorkloadPosture["level"];
  serviceAccount: string;
  tokenMounted: boolean;
  identity: Pick<IdentityRisk, "severity" | "summary">;
  exposed: boolean;
  /** Guarded by some policy in each direction (false: every connection allowed). */
  ingressGuarded: boolean;
  egressGuarded: boolean;
  hostNetwork: boolean;
  findings: Record<Severity, number>;
  worst: Severity | null;
}

export interface WorkloadDetail extends WorkloadRow {
  images: string[];
  ports: { container: string; name?: string; port: number; protocol: string; hostPort?: number }[];
  failing: WorkloadPosture["failing"];
  identityRisks: IdentityRisk["risks"];
  exposure: ExposurePath[];
  protection: Protection;
  findingList: Finding[];
}

const key = (kind: string, namespace: string, name: string) => `${kind}\u0000${namespace}\u0000${name}`;

function findingsByWorkload(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    for (const r of f.resources) {
      if (!r.namespace) continue;
      const k = key(r.kind, r.namespace, r.name);
      const list = out.get(k);
      if (list) list.push(f);
      else out.set(k, [f]);
    }
  }
  return out;
}

function counts(list: readonly Finding[]): { findings: Record<Severity, number>; worst: Severity | null } {
  const findings: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  let worst: Severity | null = null;
  for (const f of list) {
    if (f.exception) continue;
    findings[f.severity]++;
    if (!worst || SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
  }
  return { findings, worst };
}

interface Context {
  rows: WorkloadRow[];
  /** The rows of one namespace, or every row. */
  rowsIn: (namespace?: string) => WorkloadRow[];
  details: (kind: string, namespace: string, name: string) => WorkloadDetail | undefined;
}

/** Rows for every workload (sorted worst first), and a detail function for one. */
export function workloadsView(snapshot: ClusterSnapshot, scan: ScanReport): Context {
  const index = rbacIndexOf(snapshot);
  const net = networkAnalysisOf(snapshot);
  const exposure = buildExposure(net.reach);
  const exposedBy = new Map(exposure.exposed.map((e) => [key(e.workload.kind, e.namespace, e.workload.name), e]));
  const byWorkload = findingsByWorkload(scan.findings);
  const podOf = new Map<string, (typeof snapshot.pods)[number]>();
  for (const p of snapshot.pods) {
    const k = key(p.owner.kind, p.namespace, p.owner.name);
    if (!podOf.has(k)) podOf.set(k, p);
  }
  const rows: WorkloadRow[] = [];
  const postureOf = new Map<string, WorkloadPosture>();
  for (const w of scan.run.posture.workloads) {
    const k = key(w.ref.kind, w.ref.namespace, w.ref.name);
    postureOf.set(k, w);
    const pod = podOf.get(k);
    const protection = pod ? protectionOf(net.model, pod) : { ingress: [], egress: [], hostNetwork: false };
    const risk = serviceAccountRisk(index, w.ref.namespace, w.serviceAccount);
    rows.push({
      kind: w.ref.kind,
      namespace: w.ref.namespace,
      name: w.ref.name,
      pods: w.pods,
      synthesized: w.synthesized,
      level: w.level,
      serviceAccount: w.serviceAccount,
      tokenMounted: w.tokenMounted,
      identity: { severity: risk.severity, summary: risk.summary },
      exposed: exposedBy.has(k),
      ingressGuarded: protection.ingress.length > 0,
      egressGuarded: protection.egress.length > 0,
      hostNetwork: protection.hostNetwork,
      ...counts(byWorkload.get(k) ?? []),
    });
  }
  rows.sort((a, b) => (b.worst ? SEVERITY_RANK[b.worst] : -1) - (a.worst ? SEVERITY_RANK[a.worst] : -1) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));

  const details = (kind: string, namespace: string, name: string): WorkloadDetail | undefined => {
    const k = key(kind, namespace, name);
    const row = rows.find((r) => r.kind === kind && r.namespace === namespace && r.name === name);
    const posture = postureOf.get(k);
    const pod = podOf.get(k);
    if (!row || !posture || !pod) return undefined;
    const containers = [...pod.spec.initContainers, ...pod.spec.containers];
    return {
      ...row,
      images: [...new Set(containers.map((c) => c.image))],
      ports: pod.spec.containers.flatMap((c) =>
        c.ports.map((p) => ({ container: c.name, ...(p.name ? { name: p.name } : {}), port: p.containerPort, protocol: p.protocol, ...(p.hostPort ? { hostPort: p.hostPort } : {}) })),
      ),
      failing: posture.failing,
      identityRisks: serviceAccountRisk(index, namespace, row.serviceAccount).risks,
      exposure: exposedBy.get(k)?.paths ?? [],
      protection: protectionOf(net.model, pod),
      findingList: byWorkload.get(k) ?? [],
    };
  };
  return { rows, rowsIn: (namespace) => (namespace ? rows.filter((r) => r.namespace === namespace) : rows), details };
}
