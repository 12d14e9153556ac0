// GET /api/c/:source/rbac/matrix — the access matrix of a namespace: subjects × resources × verbs
import { z } from "zod";
import { accessMatrix } from "@/lib/rbac";
import { MATRIX_COLUMNS, rbacExplorerOf } from "@/lib/rbac/explorer";
import { route } from "@/server/api";

const Query = z.object({
  namespace: z.string().trim().min(1).max(253),
  defaults: z.enum(["show", "hide"]).optional(),
  /** common: the columns reviewers check first; all: every resource the rules name (slow on large clusters). */
  columns: z.enum(["common", "all"]).default("common"),
});

export const GET = route({ query: Query }, async ({ snapshot, query }) =>
  accessMatrix(rbacExplorerOf(await snapshot()).index, query.namespace, { includeDefaults: query.defaults === "show", ...(query.columns === "common" ? { resources: [...MATRIX_COLUMNS] } : {}) }),
);
