// GET /api/sources — the sources the dashboard can show (demo, snapshot directories, kubeconfig contexts)
import type { SourcesResponse } from "@/lib/contracts";
import { route } from "@/server/api";
import { defaultSourceId, listSources } from "@/server/registry";

export const GET = route({}, async () => ({ sources: await listSources(), default: await defaultSourceId() }) satisfies SourcesResponse);
