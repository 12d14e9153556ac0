/**
 * Pure helpers for comparing the engine with np-guard/netpol-analyzer's expected outputs
 * (scripts/conformance.ts does the file reading): its workload naming, its connlist text parsed
 * into sets, and set comparison with a readable diff. Which suite a case belongs to is
 * conformance-scope.ts; the other outputs (diff, exposure, explain) are read in conformance-outputs.ts.
 */
import { controllerOf } from "../model/owners";
import type { Pod } from "../model/types";
import { parseConnSet, type ConnSet } from "./connset";
import type { ConnlistEntry } from "./connlist";

export interface ConformanceCase {
  kind: "connlist" | "explain" | "diff" | "eval";
  input_dirs: string[];
  format?: string;
  options?: Record<string, unknown>;
  expected?: string;
  tags: string[];
  src?: string;
  dst?: string;
  protocol?: string;
  port?: string;
  expected_allowed?: boolean;
}

/**
 * netpol-analyzer's name for a pod's workload: the controller ownerReference as written (it does
 * not follow ReplicaSet → Deployment), a synthesized pod's workload, or the pod itself.
 * (eval/internal/k8s/pod.go PodFromCoreObject / PodsFromWorkloadObject)
 */
export function netpolAnalyzerName(pod: Pod): string {
  if (pod.synthesized) return `${pod.namespace}/${pod.synthesized.from.name}[${pod.synthesized.from.kind}]`;
  const ref = controllerOf(pod.ownerReferences);
  if (ref && ref.controller && ref.kind !== "Node") return `${pod.namespace}/${ref.name}[${ref.kind}]`;
  return `${pod.namespace}/${pod.name}[Pod]`;
}

export type ConnMap = Map<string, ConnSet>;

const pairKey = (src: string, dst: string) => `${src} => ${dst}`;

/** Parses `src => dst : conn` lines (blank lines ignored). */
export function parseConnlistText(text: string): ConnMap {
  const out: ConnMap = new Map();
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (!t) continue;
    const m = /^(.+?) => (.+?) : (.+)$/.exec(t);
    if (!m) throw new Error(`not a connlist line: "${t}"`);
    out.set(pairKey(m[1], m[2]), parseConnSet(m[3]));
  }
  return out;
}

export function parseConnlistJson(text: string): ConnMap {
  const list = JSON.parse(text) as ConnlistEntry[];
  return new Map(list.map((e) => [pairKey(e.src, e.dst), parseConnSet(e.conn)]));
}

export function entriesToMap(entries: readonly ConnlistEntry[]): ConnMap {
  return new Map(entries.map((e) => [pairKey(e.src, e.dst), parseConnSet(e.conn)]));
}

export interface ConnDiff {
  missing: string[];
  extra: string[];
  different: string[];
}

/** Set comparison of two connection lists; empty diff = equal. */
export function diffConnlists(expected: ConnMap, actual: ConnMap): ConnDiff {
  const d: ConnDiff = { missing: [], extra: [], different: [] };
  for (const [k, c] of expected) {
    const a = actual.get(k);
    if (!a) d.missing.push(`${k} : ${c}`);
    else if (!a.equals(c)) d.different.push(`${k} : expected ${c}, got ${a}`);
  }
  for (const [k, c] of actual) if (!expected.has(k)) d.extra.push(`${k} : ${c}`);
  return d;
}

export function isEmptyDiff(d: ConnDiff): boolean {
  return d.missing.length + d.extra.length + d.different.length === 0;
}
