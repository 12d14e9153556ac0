// GET /api/c/:source/findings/export — the findings as a download in any export format (JSON, CSV, SARIF 2.1.0), written as it is read
import { z } from "zod";
import { EXPORT_FORMAT_NAMES, EXPORT_FORMATS, type ExportFormatName } from "@/lib/findings/formats";
import { VERSION } from "@/lib/version";
import { route } from "@/server/api";
import { scanFor } from "@/server/analysis";
import { streamBody } from "@/server/stream";

const Query = z.object({ format: z.enum(EXPORT_FORMAT_NAMES as [ExportFormatName, ...ExportFormatName[]]), defaults: z.enum(["0", "1"]).optional() });

export const GET = route({ query: Query }, async ({ sourceId, query }) => {
  const { snapshot, report } = await scanFor(sourceId, query.defaults === "1");
  const format = EXPORT_FORMATS[query.format];
  const chunks = format.chunks({ findings: report.findings, score: report.score, catalogue: report.run.catalogue, toolVersion: VERSION });
  const name = `clearance-${sourceId.replace(/[^A-Za-z0-9._-]/g, "_")}-${snapshot.takenAt.slice(0, 10)}.${format.extension}`;
  return new Response(streamBody(chunks), { headers: { "content-type": format.contentType, "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" } });
});
