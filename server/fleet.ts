/**
 * The fleet: every configured source but the bundled demo (an example, not one of your clusters —
 * it is listed only when nothing else is configured), each read through the cache like any page
 * and scanned with the same rules, as rows for lib/fleet. Asking does not wait for slow clusters:
 * a source still loading is a "loading" row (its load goes on), one that failed an "error" row.
 */
import { pendingRow, readyRow, ruleSpread, type FleetRow, type FleetView, type SourceRef } from "../lib/fleet/fleet";
import { scanFor } from "./analysis";
import { sourceStatus } from "./cache";
import { listSources, type SourceInfo } from "./registry";
import { sharedStore } from "./store";

/** Scores kept for the trend column. */
const TREND_POINTS = 10;

export function fleetSources(all: readonly SourceInfo[]): SourceInfo[] {
  // the bundled demo and its variants are examples, not one of your clusters
  const real = all.filter((s) => s.type !== "demo");
  return real.length ? real : [...all];
}

function refOf(s: SourceInfo): SourceRef {
  return { sourceId: s.id, label: s.label, type: s.type, ...(s.type === "live" ? { context: s.label } : {}), ...(s.detail ? { server: s.detail } : {}) };
}

async function rowOf(s: SourceInfo): Promise<FleetRow> {
  const ref = refOf(s);
  try {
    const st = await sourceStatus(s.id);
    if (st.state === "loading") return pendingRow(ref, "loading", st.progress ? { progress: `${st.progress.done}/${st.progress.total} kinds` } : {});
    if (st.state === "error") return pendingRow(ref, "error", { error: st.error ?? { code: "internal", message: "could not be read" }, lastRead: st.loadedAt });
    const { snapshot, report } = await scanFor(s.id, false);
    const store = await sharedStore();
    const earlier = (await store.history.trend(s.id, TREND_POINTS + 1)).filter((t) => t.takenAt !== snapshot.takenAt).slice(-TREND_POINTS + 1);
    return readyRow(ref, snapshot, report, earlier.map((t) => t.score));
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return pendingRow(ref, "error", { error: { code: err.code ?? "internal", message: err.message ?? String(e) } });
  }
}

export async function fleetView(): Promise<FleetView> {
  const sources = fleetSources(await listSources());
  const rows = await Promise.all(sources.map(rowOf));
  return { rows, rules: ruleSpread(rows), loading: rows.filter((r) => r.state === "loading").length, generatedAt: new Date().toISOString() };
}
