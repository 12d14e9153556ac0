/**
 * The network findings (all but NP10, which reads RBAC) kept per namespace, so that a watched
 * cluster re-derives only the namespaces a change can touch (lib/netpol/producer.ts says which).
 *
 * A namespace's findings — its default-deny gaps (NP01/NP02), unrestricted workloads (NP03), its
 * NetworkPolicies' hygiene (NP04/NP05), what the internet reaches there (NP06), its egress to the
 * internet and the metadata address (NP07/NP08), its host-networked workloads (NP09) — and its
 * share of the exposure read only
 * - its own records: its pods, Services, Ingresses and Routes, its namespaced policies, its labels;
 * - the policies that select its pods: its own (a NetworkPolicy's podSelector "selects the pods in
 *   this namespace", Kubernetes API reference, NetworkPolicySpec; a CiliumNetworkPolicy's
 *   endpointSelector and a namespaced Calico NetworkPolicy's selector likewise) and the
 *   cluster-wide ones;
 * - what those policies let in from and out to outside addresses, a new pod of another namespace,
 *   and the ingress controller's pods — never other namespaces' pods, except in hygiene, whose
 *   peers with a namespaceSelector look at every namespace's pods and labels.
 * So, with the cluster-wide inputs unchanged (the key below, and the fields the caller compares),
 * a namespace none of whose records changed keeps its part; one whose policies look at other
 * namespaces re-checks their hygiene when a Namespace changed, or pods of a namespace they select.
 * The admin tiers' hygiene, the CNI's findings and NP11 are cluster-wide and always derived.
 * findings-namespaces.test.ts compares the reuse with computing from scratch.
 */
import type { Finding, ResourceRef } from "../findings/types";
import type { Pod } from "../model/types";
import { samePriority } from "./diagnostics";
import { directionAllowed } from "./evaluate";
import { buildExposure, ingressControllerPods, type EgressExposure, type Exposure, type ExposedWorkload } from "./exposure";
import { cachedExposure, seedExposure } from "./exposure-view";
import { finding, virtualPod } from "./findings";
import { adminHygiene, hygieneIndex, hygieneReadsOtherNamespaces, hygieneReadsPodsOf, policyHygiene, type HygieneIssue } from "./findings-hygiene";
import { virtualIngressController } from "./ingress-controller";
import { cniFindings } from "./findings-cni";
import type { NetworkModel } from "./model";
import { ipEndpoint, podEndpoint } from "./peers";
import { protectionOf } from "./protection";
import type { Reachability } from "./reachability";
import { podsIn } from "./services";

interface NamespacePart {
  /** NP01–NP03, NP06–NP09 of the namespace. */
  findings: Finding[];
  /** NP04/NP05 of its NetworkPolicies. */
  hygiene: Finding[];
  /** Some of its policies' hygiene reads other namespaces' pods or labels. */
  readsOut: boolean;
  exposed: ExposedWorkload[];
  egress: EgressExposure[];
}

export interface NetworkBase {
  findings: Finding[];
  exposure: Exposure;
  parts: ReadonlyMap<string, NamespacePart>;
  /** Cluster-wide inputs every part read, beyond the snapshot fields the caller compares. */
  key: string;
  /** The namespaces the ingress controller's pods are in (theirs decides what it reaches everywhere). */
  controllerNamespaces: ReadonlySet<string>;
}

/** What changed since the snapshot the earlier result was computed on. */
export interface NamespaceChange {
  /** Namespaces with a record added, removed or replaced. */
  dirty: ReadonlySet<string>;
  /** Namespaces with a pod added, removed or replaced (hygiene of policies looking at other namespaces reads their pods). */
  podNamespaces: ReadonlySet<string>;
  /** Whether a Namespace changed (its labels decide which namespaces a peer selects). */
  namespaces: boolean;
}

/** The probes' other ends: a new pod of another namespace, an outside address (made on use: findings.ts imports this module). */
const probes = () => [podEndpoint(virtualPod("\u0000elsewhere", "new-pod")), ipEndpoint("203.0.113.10")];
const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const workloadRef = (ns: string, kind: string, name: string): ResourceRef => ({ kind, namespace: ns, name });

/** Every namespace a finding can be about: those with pods or NetworkPolicies, sorted. */
function namespacesOf(model: NetworkModel): string[] {
  const names = new Set<string>();
  for (const p of model.pods) names.add(p.namespace);
  for (const np of model.networkPolicies) names.add(np.namespace);
  return [...names].sort();
}

/** What every namespace's part depends on beyond its own records: engine options, the CNI, outside blocks, the ingress controller. */
function clusterKey(reach: Reachability, controllers: readonly Pod[]): string {
  const m = reach.model;
  const blocks = (b: readonly { lo: number; hi: number }[]) => b.map((x) => `${x.lo}-${x.hi}`).join(",");
  const ctl = controllers.map((p) => `${p.namespace}/${p.name}`).join(",");
  return JSON.stringify([m.options, m.cni.profile.id, m.program.unenforced, blocks(reach.externals.sources), blocks(reach.externals.destinations), ctl]);
}

/**
 * The network findings but NP10, with the exposure they come from (seeded as `exposureOf(reach)`).
 * `since`: the result for the snapshot this one's follows and what changed since; the namespaces
 * it leaves alone keep their parts.
 */
export function networkBase(reach: Reachability, since?: { base: NetworkBase; change: NamespaceChange }): NetworkBase {
  const model = reach.model;
  const controllers = ingressControllerPods(model.pods);
  const key = clusterKey(reach, controllers);
  const controllerNamespaces = new Set(controllers.length ? controllers.map((p) => p.namespace) : [virtualIngressController().namespace]);
  const prev = since && since.base.key === key && ![...since.base.controllerNamespaces, ...controllerNamespaces].some((ns) => since.change.dirty.has(ns)) ? since : undefined;
  const names = namespacesOf(model);
  const fresh = new Set<string>();
  const recheck = new Set<string>();
  for (const ns of names) {
    const had = prev && !prev.change.dirty.has(ns) ? prev.base.parts.get(ns) : undefined;
    if (!had) fresh.add(ns);
    else if (had.readsOut && rereads(model, ns, prev!.change)) recheck.add(ns);
  }
  const whole = cachedExposure(reach);
  const computed = fresh.size ? partsOf(reach, fresh, whole ?? buildExposure(reach, fresh)) : new Map<string, NamespacePart>();
  const hygiene = recheck.size ? hygieneOf(model, recheck) : new Map<string, { findings: Finding[]; readsOut: boolean }>();

  const parts = new Map<string, NamespacePart>();
  const findings: Finding[] = [];
  const exposed: ExposedWorkload[] = [];
  const egress: EgressExposure[] = [];
  for (const ns of names) {
    let part = computed.get(ns) ?? prev!.base.parts.get(ns)!;
    const h = hygiene.get(ns);
    if (h) part = { ...part, hygiene: h.findings, readsOut: h.readsOut };
    parts.set(ns, part);
    for (const f of part.findings) findings.push(f);
    for (const f of part.hygiene) findings.push(f);
    for (const w of part.exposed) exposed.push(w);
    for (const e of part.egress) egress.push(e);
  }
  for (const f of clusterFindings(reach)) findings.push(f);
  const virtual = virtualIngressController();
  const exposure: Exposure = whole ?? {
    exposed: exposed.sort(byName),
    egress: egress.sort(byName),
    ingressControllers: controllers.length ? controllers.map((p) => `${p.namespace}/${p.name}`) : [`${virtual.namespace}/${virtual.name} (stand-in: no ingress controller pod recognised)`],
  };
  if (!whole) seedExposure(reach, exposure);
  return { findings, exposure, parts, key, controllerNamespaces };
}

/** Whether the hygiene of `ns`'s policies (which look at other namespaces) read something `change` changed. */
function rereads(model: NetworkModel, ns: string, change: NamespaceChange): boolean {
  if (change.namespaces) return true;
  return change.podNamespaces.size > 0 && (model.policiesByNamespace.get(ns) ?? []).some((np) => hygieneReadsPodsOf(model, np, change.podNamespaces));
}

/** The parts of the namespaces `only`, from an exposure holding (at least) theirs. */
function partsOf(reach: Reachability, only: ReadonlySet<string>, exposure: Exposure): Map<string, NamespacePart> {
  const model = reach.model;
  const parts = new Map<string, NamespacePart>();
  for (const ns of only) parts.set(ns, { findings: [], hygiene: [], readsOut: false, exposed: [], egress: [] });
  const add = (f: Finding) => parts.get(f.namespace!)!.findings.push(f);
  for (const ns of only) defaultDenyFindings(model, ns).forEach(add);
  for (const ns of only) unselectedWorkloads(model, podsIn(model, ns)).forEach(add);
  for (const w of exposure.exposed) if (only.has(w.namespace)) parts.get(w.namespace)!.exposed.push(w);
  for (const e of exposure.egress) if (only.has(e.namespace)) parts.get(e.namespace)!.egress.push(e);
  for (const [ns, part] of parts) {
    for (const f of exposureFindings(part.exposed)) add(f);
    for (const f of egressFindings(ns, part.egress)) add(f);
    for (const f of hostNetworkFindings(podsIn(model, ns))) add(f);
  }
  for (const [ns, h] of hygieneOf(model, only)) Object.assign(parts.get(ns)!, { hygiene: h.findings, readsOut: h.readsOut });
  return parts;
}

/** NP01/NP02: a namespace is default-deny for a direction when a new label-less pod in it gets nothing from (to) a new pod elsewhere or an outside address. */
function defaultDenyFindings(model: NetworkModel, ns: string): Finding[] {
  if (!podsIn(model, ns).some((p) => !p.spec.hostNetwork)) return [];
  const out: Finding[] = [];
  const probe = virtualPod(ns, "new-pod");
  const peers = probes();
  for (const [rule, dir] of [["NP01", "ingress"], ["NP02", "egress"]] as const) {
    const open = peers.some((peer) => !directionAllowed(model, probe, dir, peer, undefined).isEmpty);
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
  return out;
}

/**
 * NP03: workloads no policy restricts: a pod of another namespace and an outside address may open
 * anything to them, and they may open anything to both (admin rules that only carve out one
 * address, like the metadata endpoint, do not count).
 */
function unselectedWorkloads(model: NetworkModel, pods: readonly Pod[]): Finding[] {
  const firstPod = new Map<string, Pod>();
  for (const p of pods) {
    const k = `${p.namespace}/${p.owner.kind}/${p.owner.name}`;
    if (!p.spec.hostNetwork && !firstPod.has(k)) firstPod.set(k, p);
  }
  const out: Finding[] = [];
  const peers = probes();
  for (const p of firstPod.values()) {
    const open = (["ingress", "egress"] as const).every((dir) => peers.every((peer) => directionAllowed(model, p, dir, peer, dir === "ingress" ? model.namedPorts(p) : undefined).isAll));
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

export function exposureText(w: ExposedWorkload): string {
  return w.paths.filter((p) => p.sources !== "none").map((p) => `${p.kind} (${p.via}: ${p.allowed}${p.sources === "some" ? ", from some ranges" : ""})`).join("; ");
}

export const exposureFocus = (w: ExposedWorkload) => ({ namespace: w.namespace, workload: `${w.workload.kind}/${w.workload.name}`, mode: "exposure" });

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

/** NP07 / NP08: the namespace's workloads with unrestricted internet egress or metadata access. */
function egressFindings(ns: string, egress: readonly EgressExposure[]): Finding[] {
  const internet = egress.filter((e) => e.internetUnrestricted).map((e) => e.name);
  const metadata = egress.filter((e) => e.metadata !== "No Connections").map((e) => `${e.name} (${e.metadata})`);
  const nsRef: ResourceRef = { kind: "Namespace", name: ns };
  const out: Finding[] = [];
  if (internet.length) out.push(finding("NP07", [nsRef], { title: `${internet.length} workload(s) in ${ns} may connect anywhere on the internet`, evidence: `unrestricted egress to public addresses: ${internet.slice(0, 10).join(", ")}${internet.length > 10 ? ", ..." : ""}`, namespace: ns, focus: { namespace: ns, direction: "egress" }, details: { workloads: internet } }));
  if (metadata.length) out.push(finding("NP08", [nsRef], { title: `${metadata.length} workload(s) in ${ns} can reach the cloud metadata endpoint`, evidence: `egress to 169.254.169.254 allowed for ${metadata.slice(0, 10).join(", ")}${metadata.length > 10 ? ", ..." : ""}`, namespace: ns, focus: { namespace: ns, direction: "egress", to: "169.254.169.254" }, details: { workloads: metadata } }));
  return out;
}

/** NP09: host-networked workloads. */
function hostNetworkFindings(pods: readonly Pod[]): Finding[] {
  const hostWorkloads = new Map<string, Pod>();
  for (const p of pods) if (p.spec.hostNetwork) hostWorkloads.set(`${p.namespace}/${p.owner.kind}/${p.owner.name}`, p);
  return [...hostWorkloads.values()].map((p) => {
    const ports = p.spec.containers.flatMap((c) => c.ports.map((x) => `${x.protocol} ${x.containerPort}`));
    return finding("NP09", [workloadRef(p.namespace, p.owner.kind, p.owner.name)], { title: `${p.owner.kind} ${p.namespace}/${p.owner.name} uses the host network`, evidence: `hostNetwork: true — listens on the node's addresses${ports.length ? ` (${ports.join(", ")})` : ""}; NetworkPolicy does not apply to it`, namespace: p.namespace, focus: { namespace: p.namespace, workload: `${p.owner.kind}/${p.owner.name}` } });
  });
}

function hygieneFinding(h: HygieneIssue): Finding {
  const ref: ResourceRef = { kind: h.kind, ...(h.namespace ? { namespace: h.namespace } : {}), name: h.name };
  const what = `${h.kind} ${h.namespace ? `${h.namespace}/` : ""}${h.name}`;
  return finding(h.rule, [ref], {
    title: h.rule === "NP04" ? `${what} selects no pod` : `${what} has a rule that can never match`,
    evidence: h.evidence,
    namespace: h.namespace,
    discriminator: h.key,
    focus: { ...(h.namespace ? { namespace: h.namespace } : {}), policy: `${h.kind}/${h.namespace ? `${h.namespace}/` : ""}${h.name}` },
  });
}

/** NP04/NP05 of the NetworkPolicies of the namespaces `only`. */
function hygieneOf(model: NetworkModel, only: ReadonlySet<string>): Map<string, { findings: Finding[]; readsOut: boolean }> {
  const idx = hygieneIndex(model);
  const out = new Map<string, { findings: Finding[]; readsOut: boolean }>();
  for (const ns of only) {
    const policies = model.policiesByNamespace.get(ns) ?? [];
    out.set(ns, { findings: policies.flatMap((np) => policyHygiene(model, idx, np)).map(hygieneFinding), readsOut: policies.some(hygieneReadsOtherNamespaces) });
  }
  return out;
}

/** The cluster-wide findings: the admin tiers' hygiene, the CNI's, same-priority admin policies (NP11). */
function clusterFindings(reach: Reachability): Finding[] {
  const out = adminHygiene(reach.model).map(hygieneFinding);
  out.push(...cniFindings(reach));
  for (const d of samePriority(reach.model)) {
    out.push(finding("NP11", d.resources, { title: d.message.replace(/;.*$/, ""), evidence: d.message, focus: { policy: d.resources.map((r) => `${r.kind}/${r.name}`).join(",") } }));
  }
  return out;
}
