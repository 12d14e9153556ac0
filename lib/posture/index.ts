/**
 * Posture of a snapshot: workload hardening, admission control and platform facts, as findings
 * plus the structured views behind them. Every check runs once per workload (not per pod).
 */
import type { Finding } from "../findings/types";
import type { ClusterSnapshot } from "../model";
import { admissionChecks, gatekeeperInventory, type NamespacePsa, type WebhookRow } from "./admission";
import { defaultNamespaceChecks } from "./default-namespace";
import { meshChecks, type MeshOptions, type MeshState } from "./platform/mesh";
import { hiddenNameChecks } from "./platform/names";
import { nodeChecks, nodeFacts, type NodeCheckOptions, type NodeFacts } from "./platform/nodes";
import { describesCluster, workloadUnits } from "./units";
import { tokenChecks, workloadChecks, type WorkloadCheckOptions, type WorkloadPosture } from "./workloads";

export { POSTURE_RULES } from "./catalogue";
export { evaluatePss, meetsLevel } from "./pss/evaluate";
export type { PssLevel } from "./pss/control";
export type { WorkloadPosture } from "./workloads";

export type PostureOptions = WorkloadCheckOptions &
  MeshOptions &
  NodeCheckOptions & {
    /**
     * Memoizes each check on the snapshot by key (lib/analysis/memo.ts), so a watched source re-runs
     * only the checks whose inputs changed. Only for options that are the same on every call (a
     * scan's defaults): the keys do not include them.
     */
    memo?: <T>(key: string, compute: () => T) => T;
  };

export interface PostureResult {
  findings: Finding[];
  /** Resources each rule was evaluated on (the denominators of the score and compliance). */
  evaluated: Record<string, number>;
  workloads: WorkloadPosture[];
  namespaces: { namespace: string; psa: NamespacePsa }[];
  webhooks: WebhookRow[];
  gatekeeper: ReturnType<typeof gatekeeperInventory>;
  nodes: NodeFacts[];
  mesh?: MeshState;
}

/** Runs every posture check once per workload, namespace, webhook, policy and node. */
export function postureFindings(snapshot: ClusterSnapshot, opts: PostureOptions = {}): PostureResult {
  const step = opts.memo ?? (<T>(_key: string, compute: () => T) => compute());
  // A step reads the others' results through `step` inside its own computation, so what they read counts for it.
  const unitsOf = () => step("posture:units", () => workloadUnits(snapshot.pods));
  // HY-sa-token apart: it alone reads RBAC, so a new binding does not re-run every workload check
  const workloadsOf = () => step("posture:workloads", () => workloadChecks(snapshot, unitsOf(), { ...opts, tokens: false }));
  const workloads = workloadsOf();
  const tokens = step("posture:tokens", () => tokenChecks(snapshot, unitsOf(), opts));
  const admission = step("posture:admission", () => admissionChecks(snapshot, unitsOf(), workloadsOf().pss));
  const inDefault = step("posture:default-namespace", () => defaultNamespaceChecks(snapshot, unitsOf()));
  const nodes = step("posture:nodes", () => nodeChecks(snapshot, opts));
  const cluster = describesCluster(snapshot);
  const mesh = cluster ? step("posture:mesh", () => meshChecks(snapshot, unitsOf(), opts)) : undefined;
  const hidden = step("posture:hidden-names", () => hiddenNameChecks(snapshot));
  return {
    findings: [...workloads.findings, ...tokens, ...inDefault.findings, ...admission.findings, ...nodes.findings, ...(mesh?.findings ?? []), ...hidden],
    evaluated: {
      ...workloads.evaluated,
      ...inDefault.evaluated,
      ...admission.evaluated,
      ...nodes.evaluated,
      ...(mesh?.evaluated ?? { "PL-no-mtls": 0, "PL-mtls-not-strict": 0 }),
      // Only failures weigh: a clean name is not a passed check (names.ts).
      "PL-hidden-characters": hidden.length,
    },
    workloads: workloads.posture,
    namespaces: admission.namespaces,
    webhooks: admission.webhooks,
    gatekeeper: step("posture:gatekeeper", () => gatekeeperInventory(snapshot)),
    nodes: step("posture:node-facts", () => nodeFacts(snapshot)),
    ...(mesh ? { mesh: mesh.mesh } : {}),
  };
}
