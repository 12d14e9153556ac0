/** Query-string schemas shared by the RBAC explorer's routes (a who-can question, graph filters). */
import { z } from "zod";
import type { RbacNodeKind } from "@/lib/rbac/graph";

const NODE_KINDS = ["User", "Group", "ServiceAccount", "RoleBinding", "ClusterRoleBinding", "Role", "ClusterRole", "Rule"] as const satisfies readonly RbacNodeKind[];

const text = (max = 300) => z.string().trim().max(max);
/** A repeatable key: one value or several. */
export const many = z
  .union([text(), z.array(text()).max(50)])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v.filter(Boolean) : v ? [v] : []));

export const WhoCanFields = {
  verb: text(64).optional(),
  resource: text(200).optional(),
  apiGroup: text(200).optional(),
  namespace: text(253).optional(),
  name: text(253).optional(),
  url: text(500).optional(),
};

export const GraphFilterFields = {
  kinds: text(200)
    .optional()
    .transform((v) => (v ?? "").split(",").filter((k): k is RbacNodeKind => (NODE_KINDS as readonly string[]).includes(k))),
  defaults: z.enum(["show", "hide"]).optional(),
  hops: z.coerce.number().int().min(1).max(8).optional(),
  x: many,
};

/** The who-can fields as lib's WhoCanQuery (verb required by the lib, which says so). */
export function questionOf(q: { verb?: string; resource?: string; apiGroup?: string; namespace?: string; name?: string; url?: string }) {
  return {
    verb: q.verb ?? "",
    ...(q.resource ? { resource: q.resource } : {}),
    ...(q.apiGroup ? { apiGroup: q.apiGroup } : {}),
    ...(q.namespace ? { namespace: q.namespace } : {}),
    ...(q.name ? { name: q.name } : {}),
    ...(q.url ? { url: q.url } : {}),
  };
}
