/**
 * The time an audit log covers, said the same way everywhere: "used" and "unused" only ever mean
 * "in the N days the log covers", never "ever".
 */

export interface AuditWindow {
  /** Epoch milliseconds of the earliest and latest counted request. */
  from: number;
  to: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** "14 days", "1 day", "5 hours", "12 minutes" — the length of the window, rounded. */
export function windowLength(w: AuditWindow): string {
  const ms = Math.max(0, w.to - w.from);
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (ms >= 2 * DAY) return plural(Math.round(ms / DAY), "day");
  if (ms >= 2 * HOUR) return plural(Math.round(ms / HOUR), "hour");
  return plural(Math.max(1, Math.round(ms / 60_000)), "minute");
}

/** `2026-10-01 → 2026-10-22` (UTC days; times when the window is shorter than two days). */
export function windowRange(w: AuditWindow): string {
  const iso = (t: number) => new Date(t).toISOString();
  const short = w.to - w.from >= 2 * DAY;
  const fmt = (t: number) => (short ? iso(t).slice(0, 10) : iso(t).slice(0, 16).replace("T", " "));
  return `${fmt(w.from)} → ${fmt(w.to)}${short ? "" : " UTC"}`;
}

/** "the 14 days covered by the audit log (2026-10-01 → 2026-10-14)", or a plain statement when nothing was read. */
export function windowText(w: AuditWindow | null): string {
  return w ? `the ${windowLength(w)} covered by the audit log (${windowRange(w)})` : "the audit log (no request in it could be counted)";
}
