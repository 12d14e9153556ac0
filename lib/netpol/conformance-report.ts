/**
 * The conformance run's results and their rendering: the score per suite, every case we answer
 * differently on purpose with the evidence checked for it, every unexplained divergence, and every
 * out-of-scope case by reason. scripts/conformance.ts writes the rendering into
 * lib/netpol/CONFORMANCE.md between the RUNNER markers (and `--check` fails when it is stale).
 */
import { SUITES, type Suite } from "./conformance-scope";

export type Outcome = "pass" | "reclassified" | "unexplained" | "unverified";

export interface CaseResult {
  suite: Suite;
  label: string;
  outcome: Outcome;
  /** Differences found, or the evidence checked. */
  detail: string[];
}

export interface ConformanceResults {
  source: string;
  cases: CaseResult[];
  /** Reason → case labels. */
  outOfScope: Map<string, string[]>;
  /** Listed divergences (conformance-evidence.ts) no case needed: the entry is stale. */
  staleEvidence: string[];
}

/** What each suite compares. */
export const SUITE_COMPARES: Readonly<Record<Suite, string>> = {
  plain: "connection list (txt), NetworkPolicy only",
  anp: "connection list (txt) with AdminNetworkPolicy / BaselineAdminNetworkPolicy",
  ingress: "connection list (txt) with Ingress / Route edges from `{ingress-controller}`",
  json: "connection list (json)",
  focus: "connection list filtered by focusWorkloads / focusWorkloadPeers / focusDirection / focusConn",
  eval: "one flow's verdict",
  diff: "the connectivity diff of two inputs (changed, added, removed pairs with both connection sets)",
  explain: "per pair, each allowed/denied section: its connections, verdict, and the policies and rules named per direction",
  exposure: "the connection list and the workloads no policy protects, per direction (the selector-based exposure lines are not compared)",
  errors: "inputs broken on purpose are reported (loader issue or engine diagnostic)",
};

export const FAILING: readonly Outcome[] = ["unexplained", "unverified"];

/** Everything that fails the run: divergent cases without (verified) evidence, and stale evidence. */
export function failures(r: ConformanceResults): string[] {
  return [
    ...r.cases.filter((c) => FAILING.includes(c.outcome)).map((c) => `[${c.suite}] ${c.label} — ${c.outcome}: ${c.detail.slice(0, 3).join("; ")}`),
    ...r.staleEvidence.map((dir) => `tests/${dir} is listed in lib/netpol/conformance-evidence.ts but no case differs: remove the entry`),
  ];
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : "–");

/** The generated part of CONFORMANCE.md. */
export function renderConformance(r: ConformanceResults): string {
  const lines: string[] = [
    `Data: np-guard/netpol-analyzer test data at ${r.source}.`,
    "",
    "| suite | compares | pass | differ by design (evidence checked) | unexplained | total | pass + by design |",
    "|---|---|---|---|---|---|---|",
  ];
  let [p, d, u, t] = [0, 0, 0, 0];
  for (const suite of SUITES) {
    const cs = r.cases.filter((c) => c.suite === suite);
    if (!cs.length) continue;
    const pass = cs.filter((c) => c.outcome === "pass").length;
    const design = cs.filter((c) => c.outcome === "reclassified").length;
    const bad = cs.length - pass - design;
    lines.push(`| ${suite} | ${SUITE_COMPARES[suite]} | ${pass} | ${design} | ${bad} | ${cs.length} | ${pct(pass + design, cs.length)} |`);
    [p, d, u, t] = [p + pass, d + design, u + bad, t + cs.length];
  }
  const scope = [...r.outOfScope.values()].reduce((n, l) => n + l.length, 0);
  lines.push(`| **total** | | **${p}** | **${d}** | **${u}** | **${t}** | **${pct(p + d, t)}** |`, "", `Out of scope: ${scope} cases (listed below). In scope: ${t}.`, "");
  const bad = failures(r);
  if (bad.length) lines.push("### Unexplained divergences", "", ...bad.map((b) => `- ${b}`), "");
  lines.push("### Answered differently on purpose, with the evidence checked on each case", "");
  for (const c of r.cases.filter((x) => x.outcome === "reclassified")) lines.push(`- [${c.suite}] ${c.label} — ${c.detail.join("; ")}`);
  lines.push("", "### Out of scope, by reason", "");
  for (const [reason, labels] of [...r.outOfScope].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`<details><summary>${reason}: ${labels.length} cases</summary>`, "", ...labels.map((l) => `- ${l}`), "", "</details>", "");
  }
  return lines.join("\n").trimEnd();
}

export const BEGIN_MARKER = "<!-- RUNNER:BEGIN (written by scripts/conformance.ts; do not edit by hand) -->";
export const END_MARKER = "<!-- RUNNER:END -->";

/** The document with its generated part replaced; throws when the markers are missing. */
export function withGeneratedSection(doc: string, generated: string): string {
  const a = doc.indexOf(BEGIN_MARKER);
  const b = doc.indexOf(END_MARKER);
  if (a < 0 || b < a) throw new Error("CONFORMANCE.md has no RUNNER markers");
  return `${doc.slice(0, a + BEGIN_MARKER.length)}\n${generated}\n${doc.slice(b)}`;
}
