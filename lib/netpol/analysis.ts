/**
 * The network analysis of a snapshot, computed once per snapshot and option set and shared by the
 * CLI, the API and the views: the model, class-based reachability and the name index for flows.
 */
import { memoize, previousResult } from "../analysis/memo";
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
  const key = `netpol:${opts.cni}:${opts.ipBlockMatchesPods}:${opts.hostNetworkPods}`;
  return memoize(snapshot, key, () => {
    // Read here what is read later through `model.snapshot` (exposure, Ingress targets, the flow
    // index, completeness): an analysis reused for a later snapshot (memo.ts) must not hand out an
    // earlier snapshot's Services or Ingresses, so a change to them makes a new analysis.
    void [snapshot.services, snapshot.ingresses, snapshot.routes, snapshot.networkExtensions];
    const model = buildNetworkModel(snapshot, opts);
    // a draft's (or the next watched snapshot's) reachability takes what cannot have changed from its source's
    const before = previousResult<NetworkAnalysis>(snapshot, key);
    const reach = buildReachability(model, before?.reach);
    // the name index serves flow queries only: built on first use, not for every scan of a watched cluster
    let index: FlowIndex | undefined;
    return {
      model,
      reach,
      get index() {
        return (index ??= buildFlowIndex(model));
      },
    };
  });
}
