/**
 * Which CNI enforces policy in a snapshot, told from its agents (DaemonSets and their pods, by
 * name and image) and, when no agent is in the snapshot (a directory of manifests), from the
 * policy kinds present. A CNI that only routes (Flannel, the AWS VPC CNI without its policy agent)
 * loses to one that enforces policy on the same cluster (Canal is Flannel + Calico; Cilium chained
 * on the AWS VPC CNI enforces). Two policy engines at once cannot be told apart: the answer is then
 * "ambiguous" with both candidates, and the user chooses.
 */
import { memoize } from "../../analysis/memo";
import type { ClusterSnapshot } from "../../model/snapshot";
import type { Container } from "../../model/types";
import { CNI_PROFILES, isCniChoice, type CniChoice, type CniId, type CniProfile } from "./profiles";

interface Signature {
  id: CniId;
  /** DaemonSet (or its pods' owner) names. */
  names: RegExp;
  /** Container images. */
  images: RegExp;
}

const SIGNATURES: Signature[] = [
  { id: "cilium", names: /^cilium(-agent)?$/, images: /(^|\/)cilium(\/cilium)?(-[a-z]+)?[:@]|\/cilium\/cilium[:@]/ },
  { id: "calico", names: /^(calico-node|canal)$/, images: /(^|\/)calico\/node(-windows)?[:@]|\/calico-node[:@]/ },
  { id: "antrea", names: /^antrea-agent$/, images: /antrea\/antrea(-agent)?(-ubuntu)?[:@]/ },
  { id: "ovn-kubernetes", names: /^ovnkube-node$/, images: /ovn-kubernetes|ovnkube/ },
  { id: "kube-router", names: /^kube-router$/, images: /kube-router[:@]/ },
  { id: "weave", names: /^weave-net$/, images: /weaveworks\/weave-(kube|npc)[:@]/ },
  { id: "azure-npm", names: /^azure-npm(-win)?$/, images: /azure-npm[:@]/ },
  { id: "aws-vpc-cni", names: /^aws-node$/, images: /amazon-k8s-cni[:@]/ },
  { id: "flannel", names: /^(kube-)?flannel(-ds)?$/, images: /flannel(\/flannel)?[:@]|flannel-io\/flannel/ },
];

const AWS_POLICY_AGENT = /aws-network-policy-agent|^aws-eks-nodeagent$/;
/** Networking only: another CNI on the same cluster decides policy. */
const ROUTING_ONLY = new Set<CniId>(["flannel", "aws-vpc-cni"]);

export interface CniDetection {
  /** Undefined when nothing says, or when two policy engines are present (see candidates). */
  detected?: CniId;
  /** The workload each CNI was recognised by. */
  agents: Partial<Record<CniId, { kind: string; namespace: string; name: string }>>;
  candidates: CniId[];
  evidence: string[];
  /** `3.30.2` from the calico/node image tag, when there is one. */
  calicoVersion?: string;
}

export interface CniResolution {
  profile: CniProfile;
  /** chosen: by the user; detected: from the snapshot; assumed: nothing said, Kubernetes semantics. */
  how: "chosen" | "detected" | "assumed";
  why: string;
  detection: CniDetection;
}

function tagOf(image: string): string | undefined {
  const at = image.lastIndexOf(":");
  const tag = at > image.lastIndexOf("/") ? image.slice(at + 1) : undefined;
  return tag?.replace(/^v/, "").split(/[@-]/)[0];
}

/** What one workload or pod says about the CNI: the signatures it matches, in SIGNATURES' order. */
export interface Look {
  hits: { id: CniId; evidence: string; agent: { kind: string; namespace: string; name: string }; calicoTag?: string }[];
  awsPolicyAgent: boolean;
}

/** Per workload or pod record (a look is a function of the record alone): a watched source's next snapshot reuses the records nothing changed. */
const looks = new WeakMap<object, Look>();

/** One test for "any of these": true exactly when one of them matches (none has flags, which a union would lose). */
export function anyOf(patterns: readonly RegExp[]): RegExp {
  if (patterns.some((p) => p.flags !== "")) throw new Error("anyOf: patterns with flags cannot be joined");
  return new RegExp(patterns.map((p) => `(?:${p.source})`).join("|"));
}

/** A workload none of whose names or images any signature (or the AWS policy agent) matches says nothing — nearly every one. */
const ANY_NAME = anyOf(SIGNATURES.map((s) => s.names));
const ANY_IMAGE = anyOf([...SIGNATURES.map((s) => s.images), AWS_POLICY_AGENT]);
const NOTHING: Look = Object.freeze({ hits: [], awsPolicyAgent: false });

export function lookAt(record: object, kind: string, namespace: string, name: string, containers: readonly Container[], initContainers: readonly Container[]): Look {
  let l = looks.get(record);
  if (l) return l;
  const says = (c: Container) => ANY_IMAGE.test(c.image) || AWS_POLICY_AGENT.test(c.name);
  l = ANY_NAME.test(name) || containers.some(says) || initContainers.some(says) ? lookAtAll(kind, namespace, name, [...containers, ...initContainers]) : NOTHING;
  looks.set(record, l);
  return l;
}

/** Every signature against the workload, in SIGNATURES' order. */
export function lookAtAll(kind: string, namespace: string, name: string, containers: readonly Container[]): Look {
  const l: Look = { hits: [], awsPolicyAgent: containers.some((c) => AWS_POLICY_AGENT.test(c.name) || AWS_POLICY_AGENT.test(c.image)) };
  for (const sig of SIGNATURES) {
    const image = containers.find((c) => sig.images.test(c.image))?.image;
    if (sig.names.test(name) || image) {
      const calicoTag = sig.id === "calico" && image ? tagOf(image) : undefined;
      l.hits.push({ id: sig.id, evidence: `${kind} ${namespace}/${name}${image ? ` (${image})` : ""}`, agent: { kind, namespace, name }, ...(calicoTag !== undefined ? { calicoTag } : {}) });
    }
  }
  return l;
}

export function detectCni(snapshot: ClusterSnapshot): CniDetection {
  const found = new Map<CniId, string>();
  const agents: CniDetection["agents"] = {};
  let awsPolicyAgent = false;
  let calicoVersion: string | undefined;
  const take = (l: Look) => {
    for (const h of l.hits) {
      if (!found.has(h.id)) {
        found.set(h.id, h.evidence);
        agents[h.id] = h.agent;
      }
      if (h.calicoTag !== undefined && !calicoVersion) calicoVersion = h.calicoTag;
    }
    if (l.awsPolicyAgent) awsPolicyAgent = true;
  };
  for (const w of snapshot.workloads) if (w.kind === "DaemonSet" || w.kind === "Deployment") take(lookAt(w, w.kind, w.namespace, w.name, w.template.spec.containers, w.template.spec.initContainers));
  for (const p of snapshot.pods) if (!p.synthesized) take(lookAt(p, p.owner.kind, p.namespace, p.owner.name, p.spec.containers, p.spec.initContainers));
  if (found.has("aws-vpc-cni") && awsPolicyAgent) {
    found.set("aws-vpc-cni-policy", `${found.get("aws-vpc-cni")} with its network policy agent`);
    agents["aws-vpc-cni-policy"] = agents["aws-vpc-cni"];
    found.delete("aws-vpc-cni");
  }
  const evidence = [...found.values()];
  let engines = [...found.keys()].filter((id) => !ROUTING_ONLY.has(id));
  if (engines.length === 0 && found.size > 0) engines = [...found.keys()];
  if (found.size === 0) {
    // A directory of manifests: the policy kinds say which CNI they were written for.
    const n = (count: number, what: string) => `${count} ${what}${count === 1 ? "" : "s"}`;
    if (snapshot.ciliumPolicies.length) {
      engines.push("cilium");
      evidence.push(`the policy kinds present: ${n(snapshot.ciliumPolicies.length, "Cilium policy")} and no other CNI's agent`);
    }
    if (snapshot.calicoPolicies.length || snapshot.calicoTiers.length) {
      engines.push("calico");
      evidence.push(`the policy kinds present: ${n(snapshot.calicoPolicies.length + snapshot.calicoTiers.length, "Calico object")} and no other CNI's agent`);
    }
  }
  const out: CniDetection = { candidates: engines, evidence, agents, ...(calicoVersion ? { calicoVersion } : {}) };
  if (engines.length === 1) out.detected = engines[0];
  return out;
}

export function resolveCni(snapshot: ClusterSnapshot, choice: CniChoice = "auto"): CniResolution {
  // once per snapshot, and kept for the next one of a watched source while its workloads, pods and policy kinds are the same
  const detection = memoize(snapshot, "netpol:cni-detection", () => detectCni(snapshot));
  if (choice !== "auto") return { profile: CNI_PROFILES[choice], how: "chosen", why: choice === "none" ? "Kubernetes semantics alone, as asked" : `${CNI_PROFILES[choice].label}, as asked`, detection };
  const set = snapshot.source.cni;
  if (set && isCniChoice(set) && set !== "auto") return { profile: CNI_PROFILES[set], how: "chosen", why: `${CNI_PROFILES[set].label}, set for this source (CLEARANCE_CNI)`, detection };
  if (detection.detected) return { profile: CNI_PROFILES[detection.detected], how: "detected", why: `from ${detection.evidence.join("; ")}`, detection };
  const why =
    detection.candidates.length > 1
      ? `several policy engines found (${detection.candidates.map((c) => CNI_PROFILES[c].label).join(", ")}): ${detection.evidence.join("; ")}; Kubernetes semantics assumed — choose one with --cni`
      : "no CNI agent or CNI policy kind in the snapshot; Kubernetes semantics assumed";
  return { profile: CNI_PROFILES.none, how: "assumed", why, detection };
}
