/**
 * Our explanation of a flow in netpol-analyzer's terms (see conformance-outputs.ts): per direction,
 * the policies that decided it as `Kind 'name' role`, so explain cases compare what each tool
 * names, section by section. A section is uniform by construction (netpol-analyzer splits a pair's
 * connections by their explanation), so one representative port stands for it.
 */
import type { Protocol } from "../model/types";
import { parseConnSet } from "./connset";
import { explainFlow, type RuleRef, type SideExplanation } from "./explain";
import type { NetworkModel } from "./model";
import type { Endpoint } from "./peers";

// Calico's Log never decides a flow; it is named for completeness of the record.
const ROLE: Record<NonNullable<RuleRef["action"]>, string> = { Allow: "allows", Accept: "allows", Deny: "denies", Pass: "passes", Log: "logs" };

function adminMention(r: RuleRef): string {
  const kind = r.kind === "ClusterNetworkPolicy" ? (r.tier === "Baseline" ? "BaselineAdminNetworkPolicy" : "AdminNetworkPolicy") : r.kind;
  return `${kind} '${r.policy}' ${ROLE[r.action ?? "Allow"]} ${r.name ?? `#${r.index + 1}`}`;
}

/** One side of our explanation as netpol-analyzer's mentions, sorted. */
export function sideMentions(s: SideExplanation): string[] {
  const out: string[] = [];
  if (s.adminRule) out.push(adminMention(s.adminRule));
  if (s.decidedBy === "network-policy") {
    if (s.allowed) {
      // netpol-analyzer names the first admitting rule of each policy.
      const first = s.allowedBy.filter((r) => !s.allowedBy.some((o) => o.namespace === r.namespace && o.policy === r.policy && o.index < r.index));
      for (const r of first) out.push(`NetworkPolicy '${r.namespace}/${r.policy}' allows #${r.index + 1}`);
    } else {
      for (const p of s.isolatedBy) {
        const miss = s.closest.find((m) => m.matchesPeer && !m.matchesPort && m.rule.namespace === p.namespace && m.rule.policy === p.name);
        out.push(`NetworkPolicy '${p.namespace}/${p.name}' isolates${miss ? `, #${miss.rule.index + 1} ports differ` : ""}`);
      }
    }
  }
  if (s.baselineRule) out.push(adminMention(s.baselineRule));
  if (!out.length || (s.decidedBy === "default" && !s.baselineRule)) out.push("default");
  return [...new Set(out)].sort();
}

/** The first protocol and port of a connection set text (`TCP 1-79,81-65535,UDP 1-65535`). */
export function representative(conn: string): { protocol: Protocol; port: number } {
  const m = /^([A-Z]+) (\d+)/.exec(parseConnSet(conn).toString().replace(/^All Connections$/, "TCP 1"));
  if (!m) throw new Error(`no port in "${conn}"`);
  return { protocol: m[1] as Protocol, port: Number(m[2]) };
}

export function explainMentions(model: NetworkModel, src: Endpoint, dst: Endpoint, conn: string): { allowed: boolean; egress: string[]; ingress: string[] } {
  const { protocol, port } = representative(conn);
  const e = explainFlow(model, src, dst, protocol, port);
  return { allowed: e.allowed, egress: sideMentions(e.egress), ingress: sideMentions(e.ingress) };
}
