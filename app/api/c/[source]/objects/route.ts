// GET /api/c/:source/objects — objects of one collection as searchable rows
import { z } from "zod";
import { COLLECTION_KEYS, objectRows, searchRows, type CollectionKey } from "@/lib/model";
import { route } from "@/server/api";

const Query = z.object({
  collection: z.enum(COLLECTION_KEYS as [CollectionKey, ...CollectionKey[]]),
  namespace: z.string().optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  offset: z.coerce.number().int().min(0).default(0),
});

export const GET = route({ query: Query }, async ({ snapshot, query }) => {
  let rows = objectRows(await snapshot(), query.collection);
  if (query.namespace) rows = rows.filter((r) => r.namespace === query.namespace);
  if (query.q) rows = searchRows(rows, query.q);
  return { total: rows.length, rows: rows.slice(query.offset, query.offset + query.limit) };
});
