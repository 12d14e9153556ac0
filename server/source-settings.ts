/**
 * Settings that say something about a source the snapshot cannot: which CNI enforces its policy.
 * CLEARANCE_CNI is either one CNI for every source (`CLEARANCE_CNI=cilium`) or per source id,
 * comma-separated (`ctx-prod=cilium,snap-staging=calico,*=none`). Network answers asked with `auto`
 * then use it, shown as "set for this source", instead of detecting (lib/netpol/cni/detect.ts).
 */
import { ClearanceError } from "../lib/errors";
import type { ClusterSnapshot } from "../lib/model";
import { CNI_IDS, isCniChoice } from "../lib/netpol/cni/profiles";

/** The CNI set for a source, or undefined; a malformed setting is an error naming it. */
export function cniSetting(sourceId: string, env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const raw = env.CLEARANCE_CNI?.trim();
  if (!raw) return undefined;
  const entries = raw.split(",").map((e) => e.trim()).filter(Boolean);
  let fallback: string | undefined;
  let own: string | undefined;
  for (const e of entries) {
    const eq = e.indexOf("=");
    const [id, cni] = eq < 0 ? ["*", e] : [e.slice(0, eq).trim(), e.slice(eq + 1).trim().toLowerCase()];
    if (!isCniChoice(cni.toLowerCase())) throw new ClearanceError("bad_request", `CLEARANCE_CNI: "${cni}" is not a CNI (use auto, ${CNI_IDS.join(", ")}) in "${e}"`);
    if (id === "*") fallback = cni.toLowerCase();
    else if (id === sourceId) own = cni.toLowerCase();
  }
  const v = own ?? fallback;
  return v === "auto" ? undefined : v;
}

/** Records a source's settings on a freshly read snapshot (before any analysis reads it). */
export function applySourceSettings(snapshot: ClusterSnapshot, settings: { cni?: string }): ClusterSnapshot {
  if (settings.cni && snapshot.source.cni !== settings.cni) snapshot.source.cni = settings.cni;
  return snapshot;
}
