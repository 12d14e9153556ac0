/**
 * The RBAC area's finding producer for scans (registered in lib/findings/areas.ts). It returns every
 * finding, defaults included — the scan hides those about default objects unless asked — with the
 * number of subjects, bindings and workloads each rule was checked on. The index is memoized per
 * snapshot under "rbac:index", shared with the network area's service-account risk.
 */
import { rbacIndexOf } from "../analysis";
import type { ProducerOutput } from "../findings/run";
import type { RuleInfo } from "../findings/types";
import type { ClusterSnapshot } from "../model";
import { RISK_RULES } from "./catalogue";
import { rbacFindings } from "./findings";
import type { RbacIndex } from "./rbac-index";
import { workloadIdentities } from "./workload-identity";

/** The RBAC rules as catalogue entries (R01–R29, H1–H3). */
export const RBAC_RULES: readonly RuleInfo[] = RISK_RULES.map(({ rule, category, title, severity, description, remediation, references }) => ({ rule, category, title, severity, description, remediation, references }));

/** The snapshot's RBAC index, built once. */
export { rbacIndexOf };

function evaluatedCounts(index: RbacIndex): Record<string, number> {
  const subjects = new Set([...index.clusterByKey.keys(), ...index.namespacedByKey.keys()]).size;
  const bindings = index.grants.length;
  const out: Record<string, number> = {};
  for (const r of RISK_RULES) out[r.rule] = subjects;
  for (const id of ["R27", "H1", "H2"]) out[id] = bindings;
  out.R29 = Math.max(1, workloadIdentities(index).length);
  return out;
}

/** Every RBAC finding of a snapshot, for `scanSnapshot` (see file comment). */
export function rbacProducer(snapshot: ClusterSnapshot): ProducerOutput {
  const index = rbacIndexOf(snapshot);
  return { findings: rbacFindings(index, { includeDefaults: true }), evaluated: evaluatedCounts(index), rules: RBAC_RULES };
}
