/**
 * "When it cannot be told, say so and show what the choice changes": when a snapshot does not say
 * which CNI enforces its policies (no agent and no CNI policy kind, or two policy engines at once),
 * the one-flow answer is computed under Kubernetes semantics and, beside it, under each plausible
 * CNI — so a reader sees whether the verdict depends on the choice before trusting it.
 */
import { memoize } from "../analysis/memo";
import type { ClusterSnapshot } from "../model/snapshot";
import { CNI_PROFILES, type CniId } from "./cni/profiles";
import { buildNetworkModel, type NetworkModel } from "./model";
import { buildFlowIndex, explainQuery, type FlowIndex, type ReachAnswer, type ReachQuery } from "./resolve";

export interface CniAlternative {
  id: CniId;
  label: string;
  allowed: boolean;
  complete: boolean;
  /** Whether this verdict differs from the one given. */
  differs: boolean;
}

/**
 * The CNIs a reader could be running when the snapshot does not say: both candidates when two
 * engines were found; else the two policy engines most clusters run and one that enforces nothing.
 */
export function plausibleCnis(model: NetworkModel): CniId[] {
  if (model.cni.how !== "assumed") return [];
  const candidates = model.cni.detection.candidates;
  return candidates.length > 1 ? candidates : ["calico", "cilium", "flannel"];
}

function alternativeOf(snapshot: ClusterSnapshot, cni: CniId, hostNetworkPods: NetworkModel["options"]["hostNetworkPods"]): { model: NetworkModel; index: FlowIndex } {
  // the model and name index only: a one-flow answer needs no all-pairs reachability
  return memoize(snapshot, `netpol-alternative:${cni}:${hostNetworkPods}`, () => {
    const model = buildNetworkModel(snapshot, { cni, hostNetworkPods });
    return { model, index: buildFlowIndex(model) };
  });
}

/** The same question under each plausible CNI, or [] when the CNI was chosen or detected. */
export function cniAlternatives(model: NetworkModel, q: ReachQuery, answer: Pick<ReachAnswer, "allowed">): CniAlternative[] {
  return plausibleCnis(model).map((id) => {
    const alt = alternativeOf(model.snapshot, id, model.options.hostNetworkPods);
    const a = explainQuery(alt.model, alt.index, q);
    return { id, label: CNI_PROFILES[id].label, allowed: a.allowed, complete: a.complete !== false, differs: a.allowed !== answer.allowed };
  });
}

/** explainQuery, and when the CNI was assumed, what the choice changes. */
export function explainWithAlternatives(model: NetworkModel, index: FlowIndex, q: ReachQuery): ReachAnswer {
  const answer = explainQuery(model, index, q);
  const alternatives = cniAlternatives(model, q, answer);
  return alternatives.length ? { ...answer, alternatives } : answer;
}
