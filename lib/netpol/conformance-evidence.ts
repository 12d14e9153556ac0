/**
 * The netpol-analyzer cases where Clearance answers differently on purpose, each with evidence the
 * runner (scripts/conformance.ts) checks on that very case — never a blanket excuse:
 * - `convention`: rerun under netpol-analyzer's documented convention the case passes;
 * - `invalid-input`: our loader reports the named document and field, which the API server would reject.
 * A listed case that passes without its evidence, or whose evidence is not found, fails the run
 * ("stale" or "unverified"); a divergence not listed here fails it ("unexplained").
 * Why we differ: lib/netpol/CONFORMANCE.md.
 */

/** Options under which netpol-analyzer's conventions apply (`reach --netpol-analyzer` applies the same). */
export type Convention = "hostNetworkPods";

export type Evidence =
  | { kind: "convention"; convention: Convention }
  | { kind: "invalid-input"; /** file under tests/ */ document: string; /** text the loader's issue must contain */ field: string };

const HOST_NETWORK: Evidence = { kind: "convention", convention: "hostNetworkPods" };
const ownerWithoutKind = (dir: string): Evidence => ({ kind: "invalid-input", document: `${dir}/pods.yaml`, field: "metadata.ownerReferences[0]: kind is missing" });

/** By input directory (tests/<dir>): the evidence every divergent case of that input must show. */
export const DIVERGENCES: Readonly<Record<string, Evidence>> = {
  ipblockstest: HOST_NETWORK,
  ipblockstest_2: HOST_NETWORK,
  ipblockstest_3: HOST_NETWORK,
  ipblockstest_4: HOST_NETWORK,
  multiple_topology_resources_1: HOST_NETWORK,
  multiple_topology_resources_2: HOST_NETWORK,
  "semanticDiff-same-topologies-old1": HOST_NETWORK,
  "semanticDiff-same-topologies-old2": HOST_NETWORK,
  "semanticDiff-same-topologies-old3": HOST_NETWORK,
  "semanticDiff-same-topologies-new1": HOST_NETWORK,
  "semanticDiff-same-topologies-new1a": HOST_NETWORK,
  "semanticDiff-same-topologies-new2": HOST_NETWORK,
  "semanticDiff-same-topologies-new3": HOST_NETWORK,
  // A tab in the indentation of a flow sequence: YAML 1.2 forbids it, go-yaml (kubectl) accepts it.
  "acs-security-demos-added-workloads": { kind: "invalid-input", document: "acs-security-demos-added-workloads/frontend/webapp/deployment.yaml", field: "invalid YAML: Flow sequence in block collection must be sufficiently indented" },
  netpol_named_port_test: { kind: "invalid-input", document: "netpol_named_port_test/pods.yaml", field: "containers[0].ports[1].containerPort: required number is missing" },
  netpol_named_port_test_2: { kind: "invalid-input", document: "netpol_named_port_test_2/pods.yaml", field: "containers[0].ports[1].containerPort: required number is missing" },
  example_pods_w_same_owner_and_labels_gap_no_policy: ownerWithoutKind("example_pods_w_same_owner_and_labels_gap_no_policy"),
  example_pods_w_same_owner_and_labels_gap_with_policy_selector_not_in_gap: ownerWithoutKind("example_pods_w_same_owner_and_labels_gap_with_policy_selector_not_in_gap"),
  example_pods_w_same_owner_and_labels_gap_anp_good: ownerWithoutKind("example_pods_w_same_owner_and_labels_gap_anp_good"),
  example_pods_w_same_owner_and_labels_gap_banp_good: ownerWithoutKind("example_pods_w_same_owner_and_labels_gap_banp_good"),
  example_pods_w_same_owner_and_labels_gap_with_good_match_expression: ownerWithoutKind("example_pods_w_same_owner_and_labels_gap_with_good_match_expression"),
  example_pods_w_same_owner_and_labels_gap_with_good_match_expression2: ownerWithoutKind("example_pods_w_same_owner_and_labels_gap_with_good_match_expression2"),
};

/** The listed evidence for a case's inputs (its first listed input directory). */
export function evidenceFor(inputDirs: readonly string[]): { dir: string; evidence: Evidence } | undefined {
  for (const d of inputDirs) {
    const dir = d.replace(/^tests\//, "");
    const evidence = DIVERGENCES[dir];
    if (evidence) return { dir, evidence };
  }
  return undefined;
}

export function describeEvidence(e: Evidence): string {
  return e.kind === "convention" ? `passes with netpol-analyzer's convention (${e.convention}: host-networked pods as ordinary pods)` : `the loader rejects tests/${e.document}: ${e.field}`;
}
