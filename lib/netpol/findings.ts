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
import { networkDiagnostics } from "./diagnostics";
import { directionAllowed } from "./evaluate";
import type { ExposedWorkload } from "./exposure";
import { exposureOf } from "./exposure-view";
import { networkRule } from "./findings-catalogue";
import { cniFindings } from "./findings-cni";
import { hygieneIssues } from "./findings-hygiene";
import type { EngineOptions, NetworkModel } from "./model";
import { ipEndpoint, podEndpoint } from "./peers";
import { protectionOf } from "./protection";
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

/** NP01/NP02: a namespace is default-deny for a direction when a new label-less pod in it gets nothing from (to) a new pod elsewhere or an outside address. */
function defaultDenyFindings(model: NetworkModel): Finding[] {
  const out: Finding[] = [];
  const namespacesWithPods = [...new Set(model.pods.filter((p) => !p.spec.hostNetwork).map((p) => p.namespace))].sort();
  const stranger = podEndpoint(virtualPod("\u0000elsewhere", "new-pod"));
  const outside = ipEndpoint("203.0.113.10");
  for (const ns of namespacesWithPods) {
    const probe = virtualPod(ns, "new-pod");
    for (const [rule, dir] of [["NP01", "ingress"], ["NP02", "egress"]] as const) {
      const open = [stranger, outside].some((peer) => !directionAllowed(model, probe, dir, peer, undefined).isEmpty);
      if (!open) continue;
      const npCount = (model.policiesByNamespace.get(ns) ?? []).length;
      out.push(
        finding(rule, [{ kind: "Namespace", name: ns }], {
          title: `Namespace ${ns} has no default-deny ${dir}`,
          evidence: `a new pod without labels in ${ns} would ${dir === "ingress" ? "accept connections from" : "open connections to"} other namespaces or outside addresses; ${npCount ? `its ${npCount} NetworkPolic${npCount === 1 ? "y selects" : "ies select"} only some pods` : "it has no NetworkPolicy"}`,
          namespace: ns,
          focus: { namespace: ns, direction: dir },
          details: { networkPolicies: npCount },
        }),
      );
    }
  }
  return out;
}

/**
 * NP03: workloads no policy restricts: a pod of another namespace and an outside address may open
 * anything to them, and they may open anything to both (admin rules that only carve out one
 * address, like the metadata endpoint, do not count).
 */
function unselectedWorkloads(model: NetworkModel): Finding[] {
  const firstPod = new Map<string, Pod>();
  for (const p of model.pods) {
    const k = `${p.namespace}/${p.owner.kind}/${p.owner.name}`;
    if (!p.spec.hostNetwork && !firstPod.has(k)) firstPod.set(k, p);
  }
  const stranger = podEndpoint(virtualPod("\u0000elsewhere", "new-pod"));
  const outside = ipEndpoint("203.0.113.10");
  const out: Finding[] = [];
  for (const p of firstPod.values()) {
    const open = (["ingress", "egress"] as const).every((dir) => [stranger, outside].every((peer) => directionAllowed(model, p, dir, peer, dir === "ingress" ? model.namedPorts(p) : undefined).isAll));
    if (!open) continue;
    const pr = protectionOf(model, p);
    const selectors = [...pr.ingress, ...pr.egress];
    out.push(
      finding("NP03", [workloadRef(p.namespace, p.owner.kind, p.owner.name)], {
        title: `${p.owner.kind} ${p.namespace}/${p.owner.name} is restricted by no network policy`,
        evidence: `${selectors.length ? `only ${[...new Set(selectors)].join(", ")} select${selectors.length === 1 ? "s" : ""} its pods, without restricting ordinary traffic` : `no NetworkPolicy of ${p.namespace} and no admin policy selects its pods`} (labels ${Object.entries(p.labels).map(([k, v]) => `${k}=${v}`).join(",") || "none"}): connections to and from anywhere are allowed`,
        namespace: p.namespace,
        focus: { namespace: p.namespace, workload: `${p.owner.kind}/${p.owner.name}` },
      }),
    );
  }
  return out;
}

function exposureText(w: ExposedWorkload): string {
  return w.paths.filter((p) => p.sources !== "none").map((p) => `${p.kind} (${p.via}: ${p.allowed}${p.sources === "some" ? ", from some ranges" : ""})`).join("; ");
}

/** NP06: what the internet reaches with nothing narrowing it. */
function exposureFindings(exposed: readonly ExposedWorkload[]): Finding[] {
  const out: Finding[] = [];
  for (const w of exposed) {
    if (!w.unrestricted || w.hostNetwork) continue;
    const ref = workloadRef(w.namespace, w.workload.kind, w.workload.name);
    out.push(finding("NP06", [ref], { title: `${w.workload.kind} ${w.namespace}/${w.workload.name} is exposed to the internet with unrestricted ingress`, evidence: `reachable through ${exposureText(w)}; no policy narrows who may connect to its pods`, namespace: w.namespace, focus: exposureFocus(w), details: { paths: w.paths } }));
  }
  return out;
}

const exposureFocus = (w: ExposedWorkload) => ({ namespace: w.namespace, workload: `${w.workload.kind}/${w.workload.name}`, mode: "exposure" });

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

/** Every network finding but NP10, which needs RBAC's verdict on tokens. */
export function baseFindingsOf(reach: Reachability): Finding[] {
  const model = reach.model;
  const exposure = exposureOf(reach);
  const out: Finding[] = [...defaultDenyFindings(model), ...unselectedWorkloads(model)];
  for (const h of hygieneIssues(model)) {
    const ref: ResourceRef = { kind: h.kind, ...(h.namespace ? { namespace: h.namespace } : {}), name: h.name };
    out.push(
      finding(h.rule, [ref], {
        title: h.rule === "NP04" ? `${h.kind} ${h.namespace ? `${h.namespace}/` : ""}${h.name} selects no pod` : `${h.kind} ${h.namespace ? `${h.namespace}/` : ""}${h.name} has a rule that can never match`,
        evidence: h.evidence,
        namespace: h.namespace,
        discriminator: h.key,
        focus: { ...(h.namespace ? { namespace: h.namespace } : {}), policy: `${h.kind}/${h.namespace ? `${h.namespace}/` : ""}${h.name}` },
      }),
    );
  }
  for (const f of exposureFindings(exposure.exposed)) out.push(f);
  // NP07 / NP08: per namespace, the workloads with unrestricted internet egress or metadata access
  const byNs = new Map<string, { internet: string[]; metadata: string[] }>();
  for (const e of exposure.egress) {
    const n = byNs.get(e.namespace) ?? { internet: [], metadata: [] };
    if (e.internetUnrestricted) n.internet.push(e.name);
    if (e.metadata !== "No Connections") n.metadata.push(`${e.name} (${e.metadata})`);
    byNs.set(e.namespace, n);
  }
  for (const [ns, n] of [...byNs].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const nsRef: ResourceRef = { kind: "Namespace", name: ns };
    if (n.internet.length) out.push(finding("NP07", [nsRef], { title: `${n.internet.length} workload(s) in ${ns} may connect anywhere on the internet`, evidence: `unrestricted egress to public addresses: ${n.internet.slice(0, 10).join(", ")}${n.internet.length > 10 ? ", ..." : ""}`, namespace: ns, focus: { namespace: ns, direction: "egress" }, details: { workloads: n.internet } }));
    if (n.metadata.length) out.push(finding("NP08", [nsRef], { title: `${n.metadata.length} workload(s) in ${ns} can reach the cloud metadata endpoint`, evidence: `egress to 169.254.169.254 allowed for ${n.metadata.slice(0, 10).join(", ")}${n.metadata.length > 10 ? ", ..." : ""}`, namespace: ns, focus: { namespace: ns, direction: "egress", to: "169.254.169.254" }, details: { workloads: n.metadata } }));
  }
  // NP09: host-networked workloads
  const hostWorkloads = new Map<string, Pod>();
  for (const p of model.pods) if (p.spec.hostNetwork) hostWorkloads.set(`${p.namespace}/${p.owner.kind}/${p.owner.name}`, p);
  for (const p of hostWorkloads.values()) {
    const ports = p.spec.containers.flatMap((c) => c.ports.map((x) => `${x.protocol} ${x.containerPort}`));
    out.push(finding("NP09", [workloadRef(p.namespace, p.owner.kind, p.owner.name)], { title: `${p.owner.kind} ${p.namespace}/${p.owner.name} uses the host network`, evidence: `hostNetwork: true — listens on the node's addresses${ports.length ? ` (${ports.join(", ")})` : ""}; NetworkPolicy does not apply to it`, namespace: p.namespace, focus: { namespace: p.namespace, workload: `${p.owner.kind}/${p.owner.name}` } }));
  }
  out.push(...cniFindings(reach));
  for (const d of networkDiagnostics(reach)) {
    if (d.code !== "anp-same-priority") continue;
    out.push(finding("NP11", d.resources, { title: d.message.replace(/;.*$/, ""), evidence: d.message, focus: { policy: d.resources.map((r) => `${r.kind}/${r.name}`).join(",") } }));
  }
  return out;
}
