// GET /api/c/:source/workloads — every workload with its posture, identity and exposure; one in detail with ?kind&namespace&name
import type { WorkloadsResponse } from "@/lib/contracts";
import { z } from "zod";
import { memoize } from "@/lib/analysis/memo";
import { ClearanceError } from "@/lib/errors";
import { workloadsView } from "@/lib/views/workloads";
import { route } from "@/server/api";
import { scanFor } from "@/server/analysis";

const Query = z.object({ kind: z.string().max(64).optional(), namespace: z.string().max(253).optional(), name: z.string().max(253).optional() });

export const GET = route({ query: Query }, async ({ sourceId, query }): Promise<WorkloadsResponse> => {
  const { snapshot, report } = await scanFor(sourceId, true);
  const view = memoize(report, "workloads-view", () => workloadsView(snapshot, report));
  if (query.kind && query.namespace && query.name) {
    const detail = view.details(query.kind, query.namespace, query.name);
    if (!detail) throw new ClearanceError("not_found", `no workload ${query.kind} ${query.namespace}/${query.name} in this source`);
    return { detail };
  }
  return { rows: view.rowsIn(query.namespace) };
});
