// GET /api/c/:source/findings/export — the findings as a JSON, CSV or SARIF 2.1.0 download
import { z } from "zod";
import { toCsv, toJson } from "@/lib/findings";
import { toSarif } from "@/lib/findings/export-sarif";
import { VERSION } from "@/lib/version";
import { route } from "@/server/api";
import { scanFor } from "@/server/analysis";

const Query = z.object({ format: z.enum(["json", "csv", "sarif"]), defaults: z.enum(["0", "1"]).optional() });

const TYPES = { json: "application/json", csv: "text/csv; charset=utf-8", sarif: "application/sarif+json" } as const;

export const GET = route({ query: Query }, async ({ sourceId, query }) => {
  const { snapshot, report } = await scanFor(sourceId, query.defaults === "1");
  const body =
    query.format === "json"
      ? toJson(report.findings, report.score)
      : query.format === "csv"
        ? toCsv(report.findings)
        : JSON.stringify(toSarif(report.findings, report.run.catalogue, { toolVersion: VERSION }), null, 2);
  const name = `clearance-${sourceId.replace(/[^A-Za-z0-9._-]/g, "_")}-${snapshot.takenAt.slice(0, 10)}.${query.format === "sarif" ? "sarif" : query.format}`;
  return new Response(body, { headers: { "content-type": TYPES[query.format], "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" } });
});
