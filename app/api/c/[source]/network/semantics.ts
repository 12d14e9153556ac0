/**
 * What every network route shares: the ipBlock semantics in force (`ipblock=pods`: ipBlock rules
 * also match pod IPs, as Calico does; default `outside`: addresses outside the pod network only, as
 * Cilium and netpol-analyzer do), the memoized analysis for it, and what a partial snapshot hides.
 */
import { z } from "zod";
import type { ClusterSnapshot } from "@/lib/model";
import { networkAnalysis, type NetworkAnalysis } from "@/lib/netpol/analysis";
import { networkGaps, type NetworkMeta } from "@/lib/netpol/gaps";

export const ipblock = z.enum(["outside", "pods"]).default("outside");

export function analysisFor(snapshot: ClusterSnapshot, mode: "outside" | "pods"): NetworkAnalysis & { meta: NetworkMeta } {
  const ipBlockMatchesPods = mode === "pods";
  return { ...networkAnalysis(snapshot, { ipBlockMatchesPods }), meta: { ipBlockMatchesPods, gaps: networkGaps(snapshot) } };
}
