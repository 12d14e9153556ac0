import "server-only";
/**
 * The /metrics document: lib/metrics for each source a scrape asks for (`?source=ID`, repeatable),
 * else those named in CLEARANCE_METRICS_SOURCES (comma-separated ids, or `all` for every source
 * the dashboard lists), else the dashboard's default source. Snapshots and scans come from the
 * shared cache (server/analysis.ts), so a scrape reloads a live cluster only when its snapshot is
 * older than the cache TTL. Accepted risks are the exceptions file's and the store's.
 */
import { isClearanceError } from "../lib/errors";
import { formatPrometheus, type MetricFamily } from "../lib/metrics/prometheus";
import { sourceDown, sourceMetrics } from "../lib/metrics/posture";
import { exceptionsFor, scanDuration, scanFor } from "./analysis";
import { sourceStatus } from "./cache";
import { defaultSourceId, listSources } from "./registry";

export async function metricsSources(asked: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  if (asked.length) return [...new Set(asked)];
  const configured = (env.CLEARANCE_METRICS_SOURCES ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (configured.includes("all")) return (await listSources()).map((s) => s.id);
  if (configured.length) return configured;
  return [await defaultSourceId()];
}

async function forSource(id: string): Promise<MetricFamily[]> {
  try {
    const { snapshot, report } = await scanFor(id);
    const status = await sourceStatus(id);
    const load = status.loadedAt ? (Date.parse(status.loadedAt) - Date.parse(status.startedAt)) / 1000 : undefined;
    return sourceMetrics({ source: id, snapshot, report, exceptions: await exceptionsFor(id), durations: { load, scan: scanDuration(snapshot) }, now: new Date() });
  } catch (e) {
    if (isClearanceError(e)) return sourceDown(id, e.code);
    throw e;
  }
}

export async function metricsText(asked: readonly string[]): Promise<string> {
  const families: MetricFamily[] = [];
  for (const id of await metricsSources(asked)) families.push(...(await forSource(id)));
  return formatPrometheus(families);
}
