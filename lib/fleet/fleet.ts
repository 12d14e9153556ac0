/**
 * The fleet view: one row per source (cluster context, in-cluster, snapshot directory) with its
 * score, grade, trend, open critical and high findings, CNI, when it was last read and what went
 * wrong; and each rule's spread across the fleet ("R01 in 7 of 12 clusters"), counted over the
 * clusters that could be read, with the same rule ids everywhere since every cluster runs the same
 * catalogue.
 */
import { completeness, type ClusterSnapshot, type SnapshotSource } from "../model";
import { SEVERITIES, SEVERITY_RANK, type Finding, type RuleInfo, type Severity } from "../findings/types";
import type { PostureScore } from "../findings/score";
import { fleetCni } from "./cni";

export type FleetState = "ready" | "loading" | "error";

export interface FleetRule {
  rule: string;
  title: string;
  severity: Severity;
  /** Open (not excepted) findings of this rule in the cluster. */
  count: number;
}

export interface FleetRow {
  sourceId: string;
  label: string;
  type: SnapshotSource["type"];
  /** The kubeconfig context (live sources). */
  context?: string;
  server?: string;
  state: FleetState;
  /** Why it could not be read (state "error"). */
  error?: { code: string; message: string };
  /** Loading progress, as "12/31 kinds". */
  progress?: string;
  /** When the snapshot was taken. */
  lastRead?: string;
  score: number | null;
  grade: string | null;
  /** Earlier scores, oldest first (from history), ending with this one. */
  trend: number[];
  /** Open findings by severity. */
  bySeverity: Record<Severity, number>;
  /** The CNI whose semantics the network analysis applies (see fleetCni). */
  cni: string | null;
  /** Kinds that could not be read (the row is partial). */
  unreadable: string[];
  rules: FleetRule[];
}

export interface RuleSpread {
  rule: string;
  title: string;
  severity: Severity;
  /** Sources with at least one open finding of the rule. */
  sources: string[];
  /** Sources read (the denominator). */
  of: number;
  findings: number;
}

/** GET /api/fleet. */
export interface FleetView {
  rows: FleetRow[];
  rules: RuleSpread[];
  /** Sources still loading: ask again. */
  loading: number;
  generatedAt: string;
}

const zero = () => Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;

/** Open findings per rule, most severe first, titled as the catalogue titles the rule (a finding's title names its object). */
export function rulesOf(findings: readonly Finding[], catalogue: readonly RuleInfo[] = []): FleetRule[] {
  const titles = new Map(catalogue.map((r) => [r.rule, r.title]));
  const by = new Map<string, FleetRule>();
  for (const f of findings) {
    if (f.exception) continue;
    const r = by.get(f.rule);
    if (r) r.count++;
    else by.set(f.rule, { rule: f.rule, title: titles.get(f.rule) ?? f.title, severity: f.severity, count: 1 });
  }
  return [...by.values()].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.rule.localeCompare(b.rule));
}

export interface SourceRef {
  sourceId: string;
  label: string;
  type: SnapshotSource["type"];
  context?: string;
  server?: string;
}

/** The row of a source that was read and scanned. `history` holds earlier scores, oldest first. */
export function readyRow(ref: SourceRef, snapshot: ClusterSnapshot, scan: { score: PostureScore; findings: readonly Finding[]; run?: { catalogue: readonly RuleInfo[] } }, history: readonly (number | null)[] = []): FleetRow {
  const bySeverity = zero();
  for (const f of scan.findings) if (!f.exception) bySeverity[f.severity]++;
  const trend = [...history, scan.score.overall].filter((x): x is number => x !== null);
  return {
    ...ref,
    state: "ready",
    lastRead: snapshot.takenAt,
    score: scan.score.overall,
    grade: scan.score.grade,
    trend,
    bySeverity,
    cni: fleetCni(snapshot),
    unreadable: completeness(snapshot).unavailable.map((u) => u.resource),
    rules: rulesOf(scan.findings, scan.run?.catalogue),
  };
}

/** The row of a source still loading, or that could not be read. */
export function pendingRow(ref: SourceRef, state: Exclude<FleetState, "ready">, detail: { error?: FleetRow["error"]; progress?: string; lastRead?: string } = {}): FleetRow {
  return { ...ref, state, ...detail, score: null, grade: null, trend: [], bySeverity: zero(), cni: null, unreadable: [], rules: [] };
}

/** Each rule with open findings somewhere: in how many of the read sources, most widespread and severe first. */
export function ruleSpread(rows: readonly FleetRow[]): RuleSpread[] {
  const read = rows.filter((r) => r.state === "ready");
  const by = new Map<string, RuleSpread>();
  for (const row of read) {
    for (const r of row.rules) {
      const s = by.get(r.rule) ?? { rule: r.rule, title: r.title, severity: r.severity, sources: [], of: read.length, findings: 0 };
      s.sources.push(row.sourceId);
      s.findings += r.count;
      by.set(r.rule, s);
    }
  }
  return [...by.values()].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.sources.length - a.sources.length || a.rule.localeCompare(b.rule));
}

export { filterRows, SORT_KEYS, sortRows, type FleetFilter, type SortKey } from "./rows";
