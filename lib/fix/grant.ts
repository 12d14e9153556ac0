/**
 * A grant fix asked for by its parts, as the RBAC explorer's permission rows and `clearance fix
 * grant` name a permission: the subject as User/NAME, Group/NAME or ServiceAccount/NS/NAME, the
 * verbs to take away on one resource of one API group, in a namespace ("" or absent: cluster-wide).
 * Bad input is a bad_request naming the field; a permission no binding naming the subject grants
 * answers with no path and no alternative (`alsoThrough` says when a group gives it).
 */
import { ClearanceError } from "../errors";
import type { ClusterSnapshot } from "../model";
import { parseSubjectId } from "../rbac/subjects";
import { fixGrant, type RbacFix } from "./rbac";

export interface GrantFixQuery {
  subject: string;
  verbs: readonly string[];
  /** "" for the core group. */
  group: string;
  /** `secrets`, `pods/exec`. */
  resource: string;
  namespace?: string;
}

export function fixGrantQuery(snapshot: ClusterSnapshot, q: GrantFixQuery): RbacFix {
  const subject = parseSubjectId(q.subject);
  if (!subject) throw new ClearanceError("bad_request", `subject ${q.subject}: write User/NAME, Group/NAME or ServiceAccount/NAMESPACE/NAME`);
  const verbs = [...new Set(q.verbs.map((v) => v.trim().toLowerCase()).filter(Boolean))];
  if (!verbs.length) throw new ClearanceError("bad_request", "verb: name at least one verb to take away");
  if (!q.resource) throw new ClearanceError("bad_request", "resource: name the resource");
  return fixGrant(snapshot, { subject, points: verbs.map((verb) => ({ verb, apiGroup: q.group, resource: q.resource })), namespace: q.namespace ?? "" });
}
