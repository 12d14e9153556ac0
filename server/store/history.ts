/** Scan history on the store's SQL: each scan's summary and its findings, per source, pruned to KEEP_SCANS. */
import { CATEGORIES, SEVERITIES, type Category, type Finding, type Severity } from "../../lib/findings/types";
import type { Driver } from "./sql";
import { KEEP_SCANS, type HistoryStore, type ScanRecord, type ScanSummary } from "./types";

export function summarizeScan(id: number, sourceId: string, recordedAt: string, scan: ScanRecord): ScanSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let excepted = 0;
  for (const f of scan.findings) {
    if (f.exception) excepted++;
    else bySeverity[f.severity]++;
  }
  return {
    scanId: id,
    sourceId,
    takenAt: scan.takenAt,
    recordedAt,
    score: scan.score.overall,
    grade: scan.score.grade,
    areas: Object.fromEntries(CATEGORIES.map((c) => [c, scan.score.areas[c].score])) as Record<Category, number | null>,
    bySeverity,
    findings: scan.findings.length,
    excepted,
  };
}

type SummaryRow = { id: number; summary: string };
const parse = (r: SummaryRow) => JSON.parse(r.summary) as ScanSummary;

export function historyStore(db: Driver, now: () => Date): HistoryStore {
  const latest = async (sourceId: string, n: number) =>
    (await db.all<SummaryRow>(`SELECT id, summary FROM scans WHERE source_id = $1 ORDER BY id DESC LIMIT $2`, [sourceId, n])).map(parse);
  const ids = async (scanId: number) => new Set((await db.all<{ finding_id: string }>(`SELECT finding_id FROM scan_findings WHERE scan_id = $1`, [scanId])).map((r) => r.finding_id));

  return {
    async record(sourceId, scan) {
      try {
        const summary = await db.tx(`history:${sourceId}`, async (sql) => {
          const recordedAt = now().toISOString();
          const [row] = await sql.all<{ id: number }>(`INSERT INTO scans (source_id, taken_at, recorded_at, summary) VALUES ($1, $2, $3, '') RETURNING id`, [sourceId, scan.takenAt, recordedAt]);
          const id = Number(row.id);
          const seen = new Set<string>();
          for (const f of scan.findings) {
            if (seen.has(f.id)) continue; // one row per id, as the primary key wants
            seen.add(f.id);
            await sql.run(`INSERT INTO scan_findings (scan_id, finding_id, severity, excepted, finding) VALUES ($1, $2, $3, $4, $5)`, [id, f.id, f.severity, f.exception ? 1 : 0, JSON.stringify(f)]);
          }
          const s = summarizeScan(id, sourceId, recordedAt, scan);
          await sql.run(`UPDATE scans SET summary = $1 WHERE id = $2`, [JSON.stringify(s), id]);
          const old = await sql.all<{ id: number }>(`SELECT id FROM scans WHERE source_id = $1 ORDER BY id DESC LIMIT 1000 OFFSET $2`, [sourceId, KEEP_SCANS]);
          for (const o of old) {
            await sql.run(`DELETE FROM scan_findings WHERE scan_id = $1`, [o.id]);
            await sql.run(`DELETE FROM scans WHERE id = $1`, [o.id]);
          }
          return s;
        });
        return { recorded: true, summary };
      } catch (e) {
        return { recorded: false, reason: `history: could not record the scan: ${(e as Error).message}` };
      }
    },
    trend: async (sourceId, n) => (await latest(sourceId, Math.max(0, Math.floor(n)))).reverse(),
    async latest(sourceIds) {
      const out = new Map<string, ScanSummary>();
      for (const id of sourceIds) {
        const [s] = await latest(id, 1);
        if (s) out.set(id, s);
      }
      return out;
    },
    async diff(sourceId) {
      const [last, prev] = await latest(sourceId, 2);
      if (!last || !prev) return undefined;
      const [a, b] = await Promise.all([ids(last.scanId), ids(prev.scanId)]);
      return { latest: last, previous: prev, new: [...a].filter((id) => !b.has(id)).sort(), fixed: [...b].filter((id) => !a.has(id)).sort() };
    },
    findings: async (scanId) => (await db.all<{ finding: string }>(`SELECT finding FROM scan_findings WHERE scan_id = $1 ORDER BY finding_id`, [scanId])).map((r) => JSON.parse(r.finding) as Finding),
  };
}
