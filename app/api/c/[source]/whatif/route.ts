// GET /api/c/:source~:draft/whatif — what the draft does to the source: connections, grants, findings, score, used requests it refuses (JSON, or ?format=markdown)
import { z } from "zod";
import { whatifMarkdown } from "@/lib/whatif/markdown";
import { splitSourceId } from "@/lib/whatif/source-id";
import { whatifSummary } from "@/lib/whatif/summary";
import { ClearanceError, route } from "@/server/api";
import { getSnapshot } from "@/server/cache";
import { appliedDraft, getDraft } from "@/server/drafts";
import { exceptionsFor } from "@/server/analysis";
import { auditAnalysisIfRead } from "@/server/audit/analysis";

const Query = z.object({ format: z.enum(["json", "markdown"]).default("json"), defaults: z.enum(["0", "1"]).default("0") });

export const GET = route({ query: Query }, async ({ sourceId, query }) => {
  const { base, draft } = splitSourceId(sourceId);
  if (!draft) throw new ClearanceError("bad_request", "open a draft first: this source has none");
  const snapshot = await getSnapshot(base);
  // what the source's audit log shows as used, checked against the draft (not waited for: a large log takes a while)
  const audit = auditAnalysisIfRead(base, snapshot);
  const summary = whatifSummary(snapshot, appliedDraft(snapshot, await getDraft(draft)), { exceptions: await exceptionsFor(sourceId), includeDefaults: query.defaults === "1", ...(audit && audit !== "reading" ? { audit } : {}) });
  if (audit === "reading") summary.usedPending = true;
  return query.format === "markdown" ? { markdown: whatifMarkdown(summary) } : summary;
});
