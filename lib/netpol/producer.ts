/**
 * The network area's finding producer for scans (registered in lib/findings/areas.ts), with the RBAC
 * cross-link: a service account's risk comes from lib/rbac's `serviceAccountRisk` on the snapshot's
 * RBAC index (memoized per snapshot under "rbac:index", shared with the RBAC area).
 */
import { rbacIndexOf } from "../analysis";
import type { ProducerOutput } from "../findings/run";
import type { ClusterSnapshot } from "../model/snapshot";
import { serviceAccountRisk } from "../rbac/sa-risk";
import { networkFindings } from "./findings";
import { NETWORK_RULES } from "./findings-catalogue";

export function networkProducer(snapshot: ClusterSnapshot): ProducerOutput {
  const index = rbacIndexOf(snapshot);
  const findings = networkFindings(snapshot, {
    serviceAccountRisk: (namespace, name) => {
      const r = serviceAccountRisk(index, namespace, name);
      return r.severity ? { severity: r.severity, summary: r.summary } : undefined;
    },
  });
  return { findings, rules: NETWORK_RULES };
}
