// GET /api/c/:source/rbac/findings — the RBAC findings of the source's scan (exceptions applied)
import type { RbacFindingsResponse } from "@/lib/contracts";
import { z } from "zod";
import { findingsOf } from "@/lib/findings/top";
import { route } from "@/server/api";
import { scanFor } from "@/server/analysis";

const Query = z.object({ defaults: z.enum(["show", "hide"]).optional() });

export const GET = route({ query: Query }, async ({ sourceId, query }) => {
  const { report } = await scanFor(sourceId, query.defaults === "show");
  return { findings: findingsOf(report.findings, "rbac") } satisfies RbacFindingsResponse;
});
