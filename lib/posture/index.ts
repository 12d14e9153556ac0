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
import { workloadChecks, type WorkloadCheckOptions, type WorkloadPosture } from "./workloads";

export { POSTURE_RULES } from "./catalogue";
export { evaluatePss, meetsLevel } from "./pss/evaluate";
export type { PssLevel } from "./pss/control";
export type { WorkloadPosture } from "./workloads";

export type PostureOptions = WorkloadCheckOptions & MeshOptions & NodeCheckOptions;

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
  const units = workloadUnits(snapshot.pods);
  const workloads = workloadChecks(snapshot, units, opts);
  const admission = admissionChecks(snapshot, units, workloads.pss);
  const inDefault = defaultNamespaceChecks(snapshot, units);
  const nodes = nodeChecks(snapshot, opts);
  const cluster = describesCluster(snapshot);
  const mesh = cluster ? meshChecks(snapshot, units, opts) : undefined;
  const hidden = hiddenNameChecks(snapshot);
  return {
    findings: [...workloads.findings, ...inDefault.findings, ...admission.findings, ...nodes.findings, ...(mesh?.findings ?? []), ...hidden],
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
    gatekeeper: gatekeeperInventory(snapshot),
    nodes: nodeFacts(snapshot),
    ...(mesh ? { mesh: mesh.mesh } : {}),
  };
}
