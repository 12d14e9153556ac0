/**
 * "Trace a flow" for the explorer: the answer of explainQuery (resolve.ts), the policies that
 * decided each side, and a small graph of the flow — source, destination, the connection (allowed or
 * denied) and the policies that govern each end, the deciding ones highlighted. Deciding means: the
 * admin rule that allowed or denied; when NetworkPolicy decides, the policies whose rules admit the
 * flow or, when none does, every policy isolating the pod; the baseline rule.
 */
import type { GraphDTO, GraphEdge, GraphNode } from "../graph/types";
import type { SideExplanation, RuleRef } from "./explain";
import type { NetworkModel } from "./model";
import { policyId, type PolicyKind } from "./policy-view";
import { explainWithAlternatives } from "./cni-alternatives";
import { type FlowIndex, type ReachAnswer, type ReachQuery } from "./resolve";

export type PolicyRole = "admin" | "isolates" | "admits" | "denies" | "closest" | "baseline";

export interface SidePolicy {
  id: string;
  kind: PolicyKind;
  namespace?: string;
  name: string;
  roles: PolicyRole[];
  /** Rules involved, 1-based as people count them ("rule 2"). */
  rules: number[];
  deciding: boolean;
}

export interface TraceView {
  answer: ReachAnswer;
  egress: SidePolicy[];
  ingress: SidePolicy[];
  /** Graph ids of the deciding policies (and the flow's edge). */
  highlight: string[];
  graph: GraphDTO;
}

const refId = (r: RuleRef) => policyId(r.kind, r.policy, r.namespace);

/** The policies of one side, with their part in the decision. */
export function sidePolicies(side: SideExplanation): SidePolicy[] {
  const out = new Map<string, SidePolicy>();
  const put = (id: string, kind: PolicyKind, name: string, namespace: string | undefined, role: PolicyRole, rule?: number) => {
    let p = out.get(id);
    if (!p) out.set(id, (p = { id, kind, name, ...(namespace ? { namespace } : {}), roles: [], rules: [], deciding: false }));
    if (!p.roles.includes(role)) p.roles.push(role);
    if (rule !== undefined && !p.rules.includes(rule)) p.rules.push(rule);
    return p;
  };
  if (side.adminRule) put(refId(side.adminRule), side.adminRule.kind, side.adminRule.policy, undefined, "admin", side.adminRule.index + 1).deciding = side.decidedBy === "admin";
  const isolationDecides = (side.decidedBy === "network-policy" || side.decidedBy === "layer-default") && !side.allowed;
  for (const np of side.isolatedBy) put(policyId(np.kind ?? "NetworkPolicy", np.name, np.namespace || undefined), np.kind ?? "NetworkPolicy", np.name, np.namespace || undefined, "isolates").deciding ||= isolationDecides;
  for (const r of side.allowedBy) put(refId(r), r.kind, r.policy, r.namespace, "admits", r.index + 1).deciding = side.decidedBy === "network-policy" || !!side.decidingRule;
  if (side.decidingRule && side.decidingRule.action === "Deny") put(refId(side.decidingRule), side.decidingRule.kind, side.decidingRule.policy, side.decidingRule.namespace, "denies", side.decidingRule.index + 1).deciding = true;
  for (const m of side.closest) put(refId(m.rule), m.rule.kind, m.rule.policy, m.rule.namespace, "closest", m.rule.index + 1);
  if (side.baselineRule) put(refId(side.baselineRule), side.baselineRule.kind, side.baselineRule.policy, undefined, "baseline", side.baselineRule.index + 1).deciding = side.decidedBy === "baseline";
  return [...out.values()];
}

function policyEdgeLabel(p: SidePolicy, dir: "ingress" | "egress"): string {
  const rules = p.rules.join(", ");
  const words: Record<PolicyRole, string> = { isolates: `isolates ${dir}`, admits: `admits (rule ${rules})`, denies: `denies (rule ${rules})`, closest: `closest: rule ${rules}`, admin: `admin rule ${rules}`, baseline: `baseline rule ${rules}` };
  return p.roles.map((r) => words[r]).join(" · ");
}

/** The flow as a four-column graph: egress-side policies, source, destination, ingress-side policies. */
export function traceGraph(a: ReachAnswer, egress: SidePolicy[], ingress: SidePolicy[]): GraphDTO {
  const endpoint = (id: string, label: string, isPod: boolean, column: number, subject?: string): GraphNode => ({ id, label, type: isPod ? "Workload" : "External", column, detail: subject ?? label });
  const srcPod = a.egress.decidedBy !== "outside-cluster";
  const dstPod = a.ingress.decidedBy !== "outside-cluster";
  const nodes: GraphNode[] = [endpoint("flow:src", a.from, srcPod, 1, a.src), endpoint("flow:dst", a.service ? `${a.to} → ${a.dst}` : a.to, dstPod, 2, a.dst)];
  const flowEdge: GraphEdge = { id: "flow:edge", source: "flow:src", target: "flow:dst", label: `${a.protocol} ${a.port} ${a.allowed ? "allowed" : "blocked"}`, classes: a.allowed ? ["allowed"] : ["denied"] };
  const edges: GraphEdge[] = [flowEdge];
  const addSide = (list: SidePolicy[], dir: "ingress" | "egress") => {
    for (const p of list) {
      const id = `policy:${p.id}:${dir}`;
      nodes.push({ id, label: p.namespace ? `${p.namespace}/${p.name}` : p.name, type: "Policy", column: dir === "egress" ? 0 : 3, detail: `${p.kind} ${p.namespace ? `${p.namespace}/` : ""}${p.name}`, classes: p.deciding ? ["highlight"] : p.roles.includes("closest") ? ["ghost"] : [] });
      edges.push({ id: `${id}->${dir}`, source: id, target: dir === "egress" ? "flow:src" : "flow:dst", label: policyEdgeLabel(p, dir), classes: p.deciding ? ["highlight"] : [] });
    }
  };
  addSide(egress, "egress");
  addSide(ingress, "ingress");
  return { nodes, edges };
}

/** Explains one flow for the explorer (names as in `clearance reach`: NS/POD, NS/WORKLOAD, NS/SERVICE, IP). */
export function traceFlow(model: NetworkModel, index: FlowIndex, q: ReachQuery): TraceView {
  const answer = explainWithAlternatives(model, index, q);
  const egress = sidePolicies(answer.egress);
  const ingress = sidePolicies(answer.ingress);
  const graph = traceGraph(answer, egress, ingress);
  const highlight = graph.nodes.filter((n) => n.classes?.includes("highlight")).map((n) => n.id);
  return { answer, egress, ingress, highlight, graph };
}
