/**
 * The fleet view's CNI column: the CNI whose semantics the network analysis applies to the cluster
 * (lib/netpol/cni/detect.ts), so the column and the verdicts never disagree — the one set for the
 * source (CLEARANCE_CNI), else the one recognised from its agents (Canal, Calico policy over
 * flannel, is Calico; Cilium chained on the AWS VPC CNI is Cilium), "calico or cilium" when two
 * policy engines run and the analysis cannot choose, "unknown" when nothing says (managed platforms
 * may hide their agent; the analysis then assumes Kubernetes semantics).
 */
import type { ClusterSnapshot } from "../model";
import { resolveCni } from "../netpol/cni/detect";

export function fleetCni(snapshot: ClusterSnapshot): string {
  const r = resolveCni(snapshot);
  if (r.how !== "assumed") return r.profile.id;
  return r.detection.candidates.length > 1 ? r.detection.candidates.join(" or ") : "unknown";
}
