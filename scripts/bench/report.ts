/** Plain-text tables for the benchmark's results and targets. */
import { BASELINE, LOAD } from "./stages";
import { cost, type Clock, type StageResult, type TargetResult } from "./targets";

function table(rows: string[][], rightAligned: Set<number>): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows
    .map((r, i) => {
      const line = r.map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join("  ").trimEnd();
      return i === 0 ? `${line}\n${widths.map((w) => "-".repeat(w)).join("  ")}` : line;
    })
    .join("\n");
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const ratio = (a: number, b?: number) => (b ? `${(a / b).toFixed(2)}×` : "—");

function metricText(metrics: Record<string, number>): string {
  return Object.entries(metrics)
    .map(([k, v]) => `${k}=${Number.isInteger(v) ? v : v.toFixed(2)}`)
    .join(" ");
}

/** One row per stage; the ratio columns use `clock`. */
export function stageTable(results: readonly StageResult[], clock: Clock): string {
  const pick = (name: string) => results.find((r) => r.name === name && !r.error);
  const baseline = pick(BASELINE);
  const loaded = pick(LOAD);
  const base = baseline && cost(baseline, clock);
  const load = loaded && cost(loaded, clock);
  const rows = [["stage", "area", "runs", "wall median ms", "wall min ms", "cpu median ms", `× read+parse (${clock})`, `× load (${clock})`, "peak RSS MB", "retained MB", "metrics"]];
  for (const r of results) {
    if (r.error) {
      rows.push([r.name, r.area, String(r.runs), "FAILED", "", "", "", "", "", "", r.error]);
      continue;
    }
    rows.push([
      r.name,
      r.area + (r.budget ? `/${r.budget}` : ""),
      String(r.runs),
      ms(r.medianMs),
      ms(r.minMs),
      ms(r.cpuMs),
      ratio(cost(r, clock), base),
      r.area === "baseline" ? "" : ratio(cost(r, clock), load),
      r.peakRssMb !== undefined ? String(r.peakRssMb) : "—",
      r.retainedMb !== undefined ? r.retainedMb.toFixed(0) : "—",
      metricText(r.metrics),
    ]);
  }
  return table(rows, new Set([2, 3, 4, 5, 6, 7, 8, 9]));
}

/** `filtered`: some stages were left out with --only, so "n/a" may mean "not run". */
export function targetTable(targets: readonly TargetResult[], filtered = false): string {
  const rows = [["issue", "target", "measured", "result"]];
  for (const t of targets) {
    const value = t.value === undefined ? "—" : t.unit === "×" ? `${t.value.toFixed(2)}×` : t.unit === "ms" ? `${t.value.toFixed(2)} ms` : `${Math.round(t.value).toLocaleString("en-US")} ${t.unit}`;
    rows.push([`#${t.issue}`, t.label, value, t.status + (t.note ? ` (${t.note})` : t.status === "n/a" ? (filtered ? " (no stage run)" : " (no stage yet)") : "")]);
  }
  return table(rows, new Set([2]));
}
