// GET /api/c/:source/status — load state of a source (starts loading it), with progress for live clusters
import type { SourceStatus } from "@/lib/contracts";
import { route } from "@/server/api";
import { sourceStatus } from "@/server/cache";

export const GET = route({}, ({ sourceId }): Promise<SourceStatus> => sourceStatus(sourceId));
