// GET /metrics — Prometheus text format: scores, findings, accepted risks, snapshot age, read errors, durations per source
import { z } from "zod";
import { PROMETHEUS_CONTENT_TYPE } from "@/lib/metrics/prometheus";
import { route } from "@/server/api";
import { metricsText } from "@/server/metrics";

const Query = z.object({ source: z.union([z.string(), z.array(z.string())]).optional() });

export const GET = route({ query: Query, scraper: true }, async ({ query }) => {
  const asked = query.source === undefined ? [] : [query.source].flat();
  return new Response(await metricsText(asked), { headers: { "content-type": PROMETHEUS_CONTENT_TYPE, "cache-control": "no-store" } });
});
