/**
 * The network analysis of a snapshot, computed once per snapshot and option set and shared by the
 * CLI, the API and the views: the model, class-based reachability and the name index for flows.
 */
import { memoize } from "../analysis/memo";
import type { ClusterSnapshot } from "../model/snapshot";
import { buildNetworkModel, DEFAULT_OPTIONS, type EngineOptions, type NetworkModel } from "./model";
import { buildReachability, type Reachability } from "./reachability";
import { buildFlowIndex, type FlowIndex } from "./resolve";

export interface NetworkAnalysis {
  model: NetworkModel;
  reach: Reachability;
  index: FlowIndex;
}

export function networkAnalysis(snapshot: ClusterSnapshot, options: Partial<EngineOptions> = {}): NetworkAnalysis {
  const opts = { ...DEFAULT_OPTIONS, ...options };
  return memoize(snapshot, `netpol:${opts.cni}:${opts.ipBlockMatchesPods}:${opts.hostNetworkPods}`, () => {
    const model = buildNetworkModel(snapshot, opts);
    return { model, reach: buildReachability(model), index: buildFlowIndex(model) };
  });
}
