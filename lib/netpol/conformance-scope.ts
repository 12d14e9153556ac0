/**
 * Which suite a netpol-analyzer case belongs to, or why it is out of scope (every case is one or the
 * other: out-of-scope cases are counted and listed, never dropped), and netpol-analyzer's focus
 * options as filters over a connection list (pkg/netpol/connlist `--focusworkload`,
 * `--focusworkload-peer`, `--focus-direction`, `--focus-conn`).
 */
import { parseConnSet } from "./connset";
import type { ConnlistEntry } from "./connlist";
import type { ConformanceCase } from "./conformance";

export const SUITES = ["plain", "anp", "ingress", "json", "focus", "eval", "diff", "explain", "exposure", "errors"] as const;
export type Suite = (typeof SUITES)[number];

export type Scope = { suite: Suite } | { outOfScope: string };

/** Out-of-scope reasons, as CONFORMANCE.md lists them. */
export const OUT_OF_SCOPE = {
  format: "md, csv and dot outputs: the same lists as txt/json in another layout (compared there)",
  multiNetwork: "multiple networks (UDN, cluster UDN, NetworkAttachmentDefinition): not modelled",
  explainOnly: "explainOnly: a subset of the explain output already compared in full",
} as const;

const tag = (c: ConformanceCase, t: string) => c.tags.includes(t);

export function scopeOf(c: ConformanceCase): Scope {
  const o = c.options ?? {};
  if (o.multipleNetworksEnabled || tag(c, "multi-network/UDN/VM")) return { outOfScope: OUT_OF_SCOPE.multiNetwork };
  if (c.kind === "eval") return { suite: "eval" };
  if (c.format !== "txt" && c.format !== "json") return { outOfScope: OUT_OF_SCOPE.format };
  if (c.kind === "diff") return c.format === "txt" ? { suite: "diff" } : { outOfScope: OUT_OF_SCOPE.format };
  if (c.kind === "explain") return o.explainOnly ? { outOfScope: OUT_OF_SCOPE.explainOnly } : { suite: "explain" };
  if (o.exposureAnalysis) return c.format === "txt" ? { suite: "exposure" } : { outOfScope: OUT_OF_SCOPE.format };
  if (o.focusWorkloads || o.focusWorkloadPeers || o.focusDirection || o.focusConn) return c.format === "txt" ? { suite: "focus" } : { outOfScope: OUT_OF_SCOPE.format };
  if (c.format === "json") return { suite: "json" };
  if (tag(c, "Ingress/Route")) return { suite: "ingress" };
  if (tag(c, "ANP") || tag(c, "BANP")) return { suite: "anp" };
  return { suite: "plain" };
}

/** A workload name as the focus options match it: `name` or `ns/name`, without the `[Kind]`. */
function matches(entryName: string, wanted: readonly string[]): boolean {
  const bare = entryName.replace(/\[[^\]]*\]$/, "");
  const name = bare === "{ingress-controller}" ? "ingress-controller" : bare.slice(bare.indexOf("/") + 1);
  return wanted.some((w) => (w.includes("/") ? w === bare : w === name));
}

export interface FocusOptions {
  focusWorkloads?: string[];
  focusWorkloadPeers?: string[];
  focusDirection?: "ingress" | "egress";
  /** `tcp-8080`, `udp-52`. */
  focusConn?: string;
}

/**
 * Keeps the connections of the focus workloads (both directions, or the one focusDirection names:
 * egress = the focus workload is the source), towards the focus peers when given, restricted to
 * focusConn when given.
 */
export function applyFocus(entries: readonly ConnlistEntry[], o: FocusOptions): ConnlistEntry[] {
  const conn = o.focusConn ? parseConnSet(o.focusConn.replace(/^(\w+)-(\d+)$/, (_, p: string, n: string) => `${p.toUpperCase()} ${n}`)) : undefined;
  const out: ConnlistEntry[] = [];
  for (const e of entries) {
    const focusSrc = !o.focusWorkloads || matches(e.src, o.focusWorkloads);
    const focusDst = !o.focusWorkloads || matches(e.dst, o.focusWorkloads);
    const peerDst = !o.focusWorkloadPeers || matches(e.dst, o.focusWorkloadPeers);
    const peerSrc = !o.focusWorkloadPeers || matches(e.src, o.focusWorkloadPeers);
    const egress = o.focusDirection !== "ingress" && focusSrc && peerDst;
    const ingress = o.focusDirection !== "egress" && focusDst && peerSrc;
    if (!egress && !ingress) continue;
    if (!conn) {
      out.push(e);
      continue;
    }
    const kept = parseConnSet(e.conn).intersect(conn);
    if (!kept.isEmpty) out.push({ ...e, conn: kept.toString() });
  }
  return out;
}
