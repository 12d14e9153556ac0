/**
 * The network area's finding producer for scans (registered in lib/findings/areas.ts), with the RBAC
 * cross-link: a service account's risk comes from lib/rbac's `serviceAccountRisk` on the snapshot's
 * RBAC index (memoized per snapshot under "rbac:index", shared with the RBAC area).
 *
 * The findings that do not read RBAC and the attack paths (NP10) that do are memoized apart
 * (lib/analysis/memo.ts), so on a watched source a new RoleBinding re-derives the attack paths
 * from the exposure already computed, and a new NetworkPolicy leaves the RBAC index alone.
 */
import { memoize, rbacIndexOf } from "../analysis";
import type { ProducerOutput } from "../findings/run";
import type { ClusterSnapshot } from "../model/snapshot";
import { serviceAccountRisk } from "../rbac/sa-risk";
import { networkAnalysis } from "./analysis";
import { exposureOf } from "./exposure-view";
import { attackPathFindings, baseFindingsOf } from "./findings";
import { NETWORK_RULES } from "./findings-catalogue";

export function networkProducer(snapshot: ClusterSnapshot): ProducerOutput {
  const base = memoize(snapshot, "netpol:findings:base", () => baseFindingsOf(networkAnalysis(snapshot, {}).reach));
  const paths = memoize(snapshot, "netpol:findings:attack-paths", () => {
    const index = rbacIndexOf(snapshot);
    return attackPathFindings(exposureOf(networkAnalysis(snapshot, {}).reach).exposed, (namespace, name) => {
      const r = serviceAccountRisk(index, namespace, name);
      return r.severity ? { severity: r.severity, summary: r.summary } : undefined;
    });
  });
  return { findings: [...base, ...paths], rules: NETWORK_RULES };
}
