/**
 * Precompute per snapshot: as soon as a source has been read, the analyses its first screens need
 * (the scan behind the overview and findings, network reachability with the cluster view and the
 * namespace matrix, the RBAC index and graph) are computed in the background, one step at a time so
 * requests in between are served. Each is memoized with the snapshot, so the first visitor finds them
 * ready. Failures are left to the request that needs the analysis to report.
 */
import { setImmediate as nextTick } from "node:timers/promises";
import type { ClusterSnapshot } from "../lib/model";
import { networkAnalysis } from "../lib/netpol/analysis";
import { clusterView } from "../lib/netpol/cluster-view";
import { rbacExplorerOf } from "../lib/rbac/explorer";
import { scanFor } from "./analysis";

export async function warmAnalyses(sourceId: string, snapshot: ClusterSnapshot): Promise<void> {
  const steps = [() => scanFor(sourceId, false), () => clusterView(networkAnalysis(snapshot, { ipBlockMatchesPods: false }).reach), () => rbacExplorerOf(snapshot)];
  for (const step of steps) {
    await nextTick();
    try {
      await step();
    } catch {
      /* the request that needs it reports the error */
    }
  }
}
