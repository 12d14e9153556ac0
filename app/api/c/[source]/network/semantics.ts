/**
 * What every network route shares: whose semantics apply (`cni`: auto detects the CNI, none is
 * Kubernetes alone, or a CNI by name), whether ipBlock rules match pod IPs (`ipblock`: absent = as
 * the CNI does; `pods` or `outside` to force), the memoized analysis for them, and what a partial
 * snapshot or an unevaluated kind hides.
 */
import { z } from "zod";
import type { ClusterSnapshot } from "@/lib/model";
import { networkAnalysis, type NetworkAnalysis } from "@/lib/netpol/analysis";
import { networkGapSummary } from "@/lib/netpol/completeness";
import { CNI_IDS, type CniChoice } from "@/lib/netpol/cni/profiles";
import { networkGaps, type NetworkMeta } from "@/lib/netpol/gaps";

export const ipblock = z.enum(["outside", "pods"]).optional();
export const cni = z.enum(["auto", ...CNI_IDS] as [CniChoice, ...CniChoice[]]).default("auto");
/** The query fields every network route takes. */
export const semantics = { ipblock, cni };

export function analysisFor(snapshot: ClusterSnapshot, q: { ipblock?: "outside" | "pods"; cni?: CniChoice }): NetworkAnalysis & { meta: NetworkMeta } {
  const a = networkAnalysis(snapshot, { cni: q.cni ?? "auto", ...(q.ipblock ? { ipBlockMatchesPods: q.ipblock === "pods" } : {}) });
  const { profile, how, why, detection } = a.model.cni;
  return {
    ...a,
    meta: {
      ipBlockMatchesPods: a.model.options.ipBlockMatchesPods,
      gaps: networkGaps(snapshot),
      cni: { id: profile.id, label: profile.label, how, why, notes: profile.notes, candidates: detection.candidates },
      incomplete: networkGapSummary(a.model),
    },
  };
}
