// GET /api/c/:source/objects — objects of one collection as searchable rows
import type { ObjectsResponse } from "@/lib/contracts";
import { z } from "zod";
import { COLLECTION_KEYS, objectRows, pageRows, type CollectionKey } from "@/lib/model";
import { route } from "@/server/api";

const Query = z.object({
  collection: z.enum(COLLECTION_KEYS as [CollectionKey, ...CollectionKey[]]),
  namespace: z.string().optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  offset: z.coerce.number().int().min(0).default(0),
});

export const GET = route({ query: Query }, async ({ snapshot, query }): Promise<ObjectsResponse> => pageRows(objectRows(await snapshot(), query.collection), query));
