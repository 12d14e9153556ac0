// GET /api/c/:source/audit/status — whether an audit log is configured, reading progress, and what was read
import { route } from "@/server/api";
import { auditStatus } from "@/server/audit/analysis";

export const GET = route({}, async ({ sourceId, snapshot }) => auditStatus(sourceId, await snapshot()));
