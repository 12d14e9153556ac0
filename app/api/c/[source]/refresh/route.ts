// POST /api/c/:source/refresh — drop the cached snapshot and read the source again
import type { SourceStatus } from "@/lib/contracts";
import { route } from "@/server/api";
import { refresh } from "@/server/cache";

export const POST = route({}, ({ sourceId }): Promise<SourceStatus> => refresh(sourceId));
