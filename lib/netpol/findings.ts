/**
 * Network findings (category "network"): default-deny gaps per namespace, workloads no policy
 * selects, hygiene of the policies themselves, what the internet can reach and whether anything
 * narrows it, egress to the internet and to the cloud metadata address, host-networked pods, and
 * the attack path internet → pod → service-account token → permission when RBAC says the token is
 * worth something (through the injected `serviceAccountRisk`).
 */
import { findingId, SEVERITY_RANK, type Finding, type ResourceRef, type Severity } from "../findings/types";
import type { ClusterSnapshot } from "../model/snapshot";
import type { Pod } from "../model/types";
import { networkAnalysis } from "./analysis";
import type { ExposedWorkload } from "./exposure";
import { exposureOf } from "./exposure-view";
import { networkRule } from "./findings-catalogue";
import { exposureFocus, exposureText, networkBase } from "./findings-namespaces";
import type { EngineOptions } from "./model";
import type { Reachability } from "./reachability";

export interface ServiceAccountRisk {
  severity: Severity;
  summary: string;
}

export interface NetworkFindingOptions extends Partial<EngineOptions> {
  /** RBAC's verdict on a service account's token (lib/rbac serviceAccountRisk); enables NP10. */
  serviceAccountRisk?: (namespace: string, name: string) => ServiceAccountRisk | undefined;
}

/** Namespaces that Kubernetes itself runs: findings there are defaults, hidden unless asked for. */
const SYSTEM_NAMESPACES = new Set(["kube-system", "kube-public", "kube-node-lease"]);

export function finding(rule: string, resources: ResourceRef[], f: { title: string; evidence: string; namespace?: string; severity?: Severity; discriminator?: string; focus: Record<string, string>; details?: Record<string, unknown> }): Finding {
  const info = networkRule(rule);
  return {
    id: findingId(rule, resources, f.discriminator ?? ""),
    rule,
    severity: f.severity ?? info.severity,
    category: "network",
    title: f.title,
    resources,
    evidence: f.evidence,
    remediation: info.remediation,
    references: [...info.references],
    ...(f.namespace ? { namespace: f.namespace, scope: "namespace" as const } : { scope: "cluster" as const }),
    focus: { view: "network", params: f.focus },
    ...(f.details ? { details: f.details } : {}),
    ...(f.namespace && SYSTEM_NAMESPACES.has(f.namespace) ? { isDefault: true } : {}),
  };
}

const workloadRef = (ns: string, kind: string, name: string): ResourceRef => ({ kind, namespace: ns, name });

/** A label-less pod of `namespace` and one of a namespace no policy names: what a new workload would get. */
export function virtualPod(namespace: string, name: string): Pod {
  return { name, namespace, labels: {}, annotations: {}, ownerReferences: [], owner: { kind: "Pod", name }, spec: { serviceAccountName: "default", hostNetwork: false, hostPID: false, hostIPC: false, securityContext: {}, containers: [], initContainers: [], ephemeralContainers: [], volumes: [] }, podIPs: [] };
}

/**
 * NP10: the tokens behind what the internet reaches, by RBAC's verdict. Apart from the rest so a
 * watched source re-runs only this when RBAC changes (lib/netpol/producer.ts).
 */
export function attackPathFindings(exposed: readonly ExposedWorkload[], risk: NonNullable<NetworkFindingOptions["serviceAccountRisk"]>): Finding[] {
  const out: Finding[] = [];
  for (const w of exposed) {
    const ref = workloadRef(w.namespace, w.workload.kind, w.workload.name);
    for (const sa of w.serviceAccounts) {
      const r = risk(w.namespace, sa);
      if (!r || SEVERITY_RANK[r.severity] < SEVERITY_RANK.high) continue;
      const saRef: ResourceRef = { kind: "ServiceAccount", namespace: w.namespace, name: sa };
      out.push(
        finding("NP10", [ref, saRef], {
          title: `Attack path: internet → ${w.namespace}/${w.workload.name} → ServiceAccount ${sa} → ${r.summary.replace(/^\w+: /, "")}`,
          evidence: `internet → ${exposureText(w)} → pod of ${w.namespace}/${w.workload.name} → token of ServiceAccount ${w.namespace}/${sa} (${r.summary})`,
          severity: r.severity === "critical" ? "critical" : "high",
          namespace: w.namespace,
          discriminator: sa,
          focus: exposureFocus(w),
          details: { paths: w.paths, serviceAccount: `${w.namespace}/${sa}`, risk: r },
        }),
      );
    }
  }
  return out;
}

/** The network area's findings for a snapshot (the analysis is memoized per snapshot). */
export function networkFindings(snapshot: ClusterSnapshot, opts: NetworkFindingOptions = {}): Finding[] {
  return findingsOf(networkAnalysis(snapshot, opts).reach, opts);
}

/** The findings from an analysis already built (NP10 when `opts.serviceAccountRisk` is given). */
export function findingsOf(reach: Reachability, opts: NetworkFindingOptions = {}): Finding[] {
  const exposed = exposureOf(reach).exposed;
  const out = baseFindingsOf(reach);
  if (opts.serviceAccountRisk) for (const f of attackPathFindings(exposed, opts.serviceAccountRisk)) out.push(f);
  return out;
}

/** Every network finding but NP10, which needs RBAC's verdict on tokens (kept per namespace: findings-namespaces.ts). */
export function baseFindingsOf(reach: Reachability): Finding[] {
  return networkBase(reach).findings;
}
