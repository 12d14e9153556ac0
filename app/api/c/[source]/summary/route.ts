// GET /api/c/:source/summary — counts by kind and namespace, completeness, skipped documents
import { snapshotSummary } from "@/lib/model";
import { route } from "@/server/api";

export const GET = route({}, async ({ snapshot }) => snapshotSummary(await snapshot()));
