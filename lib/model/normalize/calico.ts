/**
 * Calico's policy kinds (projectcalico.org/v3, and crd.projectcalico.org/v1 as stored when the Calico
 * API server is not installed), reshaped with the defaults Calico applies (tigera/docs
 * calico/reference/resources networkpolicy.mdx, globalnetworkpolicy.mdx, tier.mdx; libcalico-go
 * lib/apis/v3 and lib/validator/v3): tier `default`, selector `all()`, `types` from the rules
 * present, Tier defaultAction Deny. Selector syntax is checked where the policy is compiled
 * (lib/netpol/calico), which reports a bad selector by policy and field.
 */
import * as R from "../raw";
import type * as T from "../types";
import { fail, meta, parse, warn } from "./common";
import { networkPolicy } from "./network";

const ACTIONS = new Set<T.CalicoAction>(["Allow", "Deny", "Log", "Pass"]);

function entityRule(e: R.RawCalicoEntityRule | null | undefined): T.CalicoEntityRule {
  const out: T.CalicoEntityRule = {};
  if (!e) return out;
  if (e.nets?.length) out.nets = [...e.nets];
  if (e.notNets?.length) out.notNets = [...e.notNets];
  if (e.selector) out.selector = e.selector;
  if (e.notSelector) out.notSelector = e.notSelector;
  if (e.namespaceSelector) out.namespaceSelector = e.namespaceSelector;
  if (e.ports?.length) out.ports = [...e.ports];
  if (e.notPorts?.length) out.notPorts = [...e.notPorts];
  if (e.serviceAccounts && (e.serviceAccounts.names?.length || e.serviceAccounts.selector)) {
    out.serviceAccounts = { ...(e.serviceAccounts.names?.length ? { names: [...e.serviceAccounts.names] } : {}), ...(e.serviceAccounts.selector ? { selector: e.serviceAccounts.selector } : {}) };
  }
  if (e.services) out.services = { name: e.services.name, ...(e.services.namespace ? { namespace: e.services.namespace } : {}) };
  return out;
}

function rule(r: R.RawCalicoRule, where: string): T.CalicoRule {
  if (!ACTIONS.has(r.action as T.CalicoAction)) fail(`${where}.action: must be one of Allow, Deny, Log, Pass (got "${r.action}")`);
  const out: T.CalicoRule = { action: r.action as T.CalicoAction, source: entityRule(r.source), destination: entityRule(r.destination) };
  if (r.protocol !== null && r.protocol !== undefined) out.protocol = r.protocol;
  if (r.notProtocol !== null && r.notProtocol !== undefined) out.notProtocol = r.notProtocol;
  if (r.ipVersion) out.ipVersion = r.ipVersion;
  if (r.icmp || r.notICMP) out.icmp = true;
  if (r.http) out.http = true;
  const name = r.metadata?.annotations?.name;
  if (name) out.name = name;
  // Numeric ports and ranges need a protocol with ports; named ports do not (validator.go validateRule).
  const ports = [...(out.source.ports ?? []), ...(out.destination.ports ?? []), ...(out.source.notPorts ?? []), ...(out.destination.notPorts ?? [])].filter((p) => typeof p === "number" || /^\d+(:\d+)?$/.test(p));
  const proto = typeof out.protocol === "string" ? out.protocol.toUpperCase() : out.protocol;
  if (ports.length && !(proto === "TCP" || proto === "UDP" || proto === "SCTP" || proto === "UDPLITE" || proto === 6 || proto === 17 || proto === 132 || proto === 136)) {
    fail(`${where}: numeric ports need protocol TCP, UDP, SCTP or UDPLite (Calico rejects them without one)`);
  }
  return out;
}

/** types: explicit wins; otherwise Ingress, plus Egress when there are egress rules, Egress alone when only egress rules (networkpolicy.mdx "types"). */
export function calicoDefaultTypes(ingressRules: number, egressRules: number): T.PolicyType[] {
  if (egressRules > 0 && ingressRules === 0) return ["Egress"];
  if (egressRules > 0) return ["Ingress", "Egress"];
  return ["Ingress"];
}

const CRD_GROUP = "crd.projectcalico.org";
const METADATA_ANNOTATION = "projectcalico.org/metadata";

/**
 * The crd.projectcalico.org form keeps a resource's v3 name and labels in the
 * `projectcalico.org/metadata` annotation (libcalico-go resources.go); its own labels overlay the
 * CRD's, and its name replaces the stored one (`default.x` → `x`).
 */
function crdMeta(m: T.Meta, group: string): T.Meta {
  if (group !== CRD_GROUP) return m;
  const raw = m.annotations[METADATA_ANNOTATION];
  if (!raw) return m;
  try {
    const v3 = JSON.parse(raw) as { name?: unknown; labels?: Record<string, unknown> };
    const labels = { ...m.labels };
    for (const [k, v] of Object.entries(v3.labels ?? {})) if (typeof v === "string") labels[k] = v;
    return { ...m, ...(typeof v3.name === "string" && v3.name ? { name: v3.name } : {}), labels };
  } catch {
    warn(`metadata.annotations["${METADATA_ANNOTATION}"] is not JSON; the stored name and labels are used`);
    return m;
  }
}

export function calicoPolicy(kind: T.CalicoPolicyKind, group: string, raw: unknown): T.CalicoPolicy {
  const namespaced = kind === "NetworkPolicy" || kind === "StagedNetworkPolicy" || kind === "StagedKubernetesNetworkPolicy";
  if (kind === "StagedKubernetesNetworkPolicy") return stagedKubernetesPolicy(group, raw);
  const p = parse(R.CalicoPolicyS, raw);
  const m = crdMeta(meta(p.metadata, namespaced), group);
  const spec = p.spec ?? {};
  const ingress = (spec.ingress ?? []).map((r, i) => rule(r, `spec.ingress[${i}]`));
  const egress = (spec.egress ?? []).map((r, i) => rule(r, `spec.egress[${i}]`));
  let types: T.PolicyType[];
  let typesDefaulted = false;
  if (spec.types?.length) {
    types = spec.types.map((t, i) => {
      if (t !== "Ingress" && t !== "Egress") fail(`spec.types[${i}]: must be Ingress or Egress (got "${t}")`);
      return t;
    });
  } else if (group === CRD_GROUP) {
    // Stored without the API server's defaulting: felix reads no types as both (policy_sorter.go).
    types = ["Ingress", "Egress"];
    warn("spec.types is empty in the crd.projectcalico.org form: Calico enforces both directions (felix reads no types as Ingress and Egress)");
  } else {
    types = calicoDefaultTypes(ingress.length, egress.length);
    typesDefaulted = true;
  }
  const out: T.CalicoPolicy = {
    ...m,
    kind,
    group,
    tier: spec.tier || "default",
    selector: spec.selector?.trim() || "all()",
    types,
    ...(typesDefaulted ? { typesDefaulted } : {}),
    ingress,
    egress,
  };
  if (typeof spec.order === "number") out.order = spec.order;
  if (spec.namespaceSelector) out.namespaceSelector = spec.namespaceSelector;
  if (spec.serviceAccountSelector) out.serviceAccountSelector = spec.serviceAccountSelector;
  if (spec.doNotTrack) out.doNotTrack = true;
  if (spec.preDNAT) out.preDNAT = true;
  if (spec.applyOnForward) out.applyOnForward = true;
  if (kind.startsWith("Staged")) out.stagedAction = spec.stagedAction === "Delete" ? "Delete" : "Set";
  return out;
}

function stagedKubernetesPolicy(group: string, raw: unknown): T.CalicoPolicy {
  const obj = raw as { metadata?: unknown; spec?: Record<string, unknown> };
  const { stagedAction, ...spec } = obj.spec ?? {};
  const np = networkPolicy({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: obj.metadata, spec });
  return {
    name: np.name,
    namespace: np.namespace,
    labels: np.labels,
    annotations: np.annotations,
    kind: "StagedKubernetesNetworkPolicy",
    group,
    tier: "default",
    order: 1000,
    selector: "all()",
    types: np.policyTypes,
    ingress: [],
    egress: [],
    stagedAction: stagedAction === "Delete" ? "Delete" : "Set",
    kubernetes: { podSelector: np.podSelector, policyTypes: np.policyTypes, ingress: np.ingress, egress: np.egress },
  };
}

export function calicoTier(raw: unknown): T.CalicoTier {
  const t = parse(R.CalicoTierS, raw);
  const m = meta(t.metadata, false);
  const action = t.spec?.defaultAction;
  if (action && action !== "Deny" && action !== "Pass") fail(`spec.defaultAction: must be Deny or Pass (got "${action}")`);
  const out: T.CalicoTier = { ...m, defaultAction: action === "Pass" ? "Pass" : "Deny" };
  if (typeof t.spec?.order === "number") out.order = t.spec.order;
  return out;
}

export function calicoNetworkSet(kind: T.CalicoNetworkSet["kind"], raw: unknown, group = "projectcalico.org"): T.CalicoNetworkSet {
  const s = parse(R.CalicoNetworkSetS, raw);
  const m = crdMeta(meta(s.metadata, kind === "NetworkSet"), group);
  return { ...m, kind, nets: [...(s.spec?.nets ?? [])], allowedEgressDomains: [...(s.spec?.allowedEgressDomains ?? [])] };
}
