// POST /api/c/:source/cancel — stop the load in progress (every request waiting for it gets "cancelled")
import { route } from "@/server/api";
import { cancelLoad } from "@/server/cache";

export const POST = route({}, ({ sourceId }) => cancelLoad(sourceId));
