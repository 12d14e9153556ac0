/**
 * Which CNI plugin a cluster runs, for the fleet view's column: recognised from the node agent each
 * plugin installs as a DaemonSet (by the image it runs, else the DaemonSet's name, as the projects'
 * install manifests name them). Canal (Calico policy over flannel) counts as Calico, since Calico
 * enforces its policies. A cluster with none of them is "unknown", not "none": managed platforms
 * may hide their agent.
 */
import type { ClusterSnapshot } from "../model";

export type CniName = "cilium" | "calico" | "flannel" | "weave" | "aws-vpc-cni" | "antrea" | "kube-router" | "unknown";

interface Signature {
  cni: Exclude<CniName, "unknown">;
  /** Image repository path ending (registry and tag removed). */
  images: RegExp;
  /** DaemonSet names in the upstream install manifests. */
  names: readonly string[];
}

/** In precedence order: Canal runs both calico-node and flannel; Calico is the one enforcing policy. */
const SIGNATURES: readonly Signature[] = [
  { cni: "cilium", images: /(^|\/)cilium\/cilium$/, names: ["cilium"] },
  { cni: "calico", images: /(^|\/)calico\/node$/, names: ["calico-node", "canal"] },
  { cni: "antrea", images: /(^|\/)antrea\/antrea-(agent-)?(ubuntu|ubi)$/, names: ["antrea-agent"] },
  { cni: "aws-vpc-cni", images: /(^|\/)amazon-k8s-cni$/, names: ["aws-node"] },
  { cni: "weave", images: /(^|\/)weave-kube$/, names: ["weave-net"] },
  { cni: "kube-router", images: /(^|\/)kube-router$/, names: ["kube-router"] },
  { cni: "flannel", images: /(^|\/)(flannel|flannelcni\/flannel|flannel-io\/flannel)$/, names: ["kube-flannel-ds", "kube-flannel"] },
];

/** `registry/path/name:tag@sha256:…` → `path/name`. */
function repository(image: string): string {
  const noDigest = image.split("@")[0];
  const lastSlash = noDigest.lastIndexOf("/");
  const colon = noDigest.indexOf(":", lastSlash + 1);
  return colon >= 0 ? noDigest.slice(0, colon) : noDigest;
}

export function detectCni(s: Pick<ClusterSnapshot, "workloads">): { cni: CniName; evidence?: string } {
  const daemonSets = s.workloads.filter((w) => w.kind === "DaemonSet");
  for (const sig of SIGNATURES) {
    for (const ds of daemonSets) {
      const image = ds.template.spec.containers.map((c) => c.image).find((i) => i && sig.images.test(repository(i)));
      if (image) return { cni: sig.cni, evidence: `DaemonSet ${ds.namespace}/${ds.name} runs ${image}` };
      if (sig.names.includes(ds.name)) return { cni: sig.cni, evidence: `DaemonSet ${ds.namespace}/${ds.name}` };
    }
  }
  return { cni: "unknown" };
}
