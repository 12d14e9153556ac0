/**
 * A who-can question (explorer-question.ts reads what a reviewer types into its fields) turned into
 * the request the authorizer would see — through the same resource resolution (resolve-resource.ts)
 * and normalisation (request.ts) for the browser's routes and `clearance who-can`, so both ask the
 * same question.
 */
import { ClearanceError } from "../errors";
import type { RbacIndex } from "./rbac-index";
import { describeRequest, nonResourceRequest, normalizeResourceRequest, type AccessRequest } from "./request";
import { resolveResource } from "./resolve-resource";
import { isClusterScoped } from "./resources";
import type { WhoCanQuery } from "./explorer-question";

export { exampleQuestions, formatQuestion, parseQuestion, queryVerbs, READ_VERBS, verbList, type ParsedQuestion, type WhoCanQuery } from "./explorer-question";

export interface BuiltRequest {
  request: AccessRequest;
  /** "get secrets in namespace payments". */
  description: string;
  /** Group resolution and normalisation notes, as the CLI prints them. */
  notes: string[];
}

/** The authorizer's request for a question (same steps as `clearance who-can`); bad input is a bad_request. */
export function buildWhoCanRequest(q: WhoCanQuery, index?: RbacIndex): BuiltRequest {
  const verb = q.verb.trim().toLowerCase();
  if (!verb) throw new ClearanceError("bad_request", "give a verb (get, list, create, …)");
  if (q.url !== undefined && q.url !== "") {
    if (q.resource) throw new ClearanceError("bad_request", "give either a resource or a non-resource URL, not both");
    if (q.apiGroup !== undefined || q.namespace || q.name) throw new ClearanceError("bad_request", "a non-resource URL takes no API group, namespace or name");
    if (!q.url.startsWith("/") && q.url !== "*") throw new ClearanceError("bad_request", `a non-resource URL starts with "/" (got "${q.url}")`);
    const request = nonResourceRequest(verb, q.url);
    return { request, description: describeRequest(request), notes: [] };
  }
  if (!q.resource) throw new ClearanceError("bad_request", "give a resource (secrets, pods/exec, deployments.apps) or a non-resource URL");
  // An API group given as "" is the core group; absent, it is looked up (resolve-resource.ts).
  const r = resolveResource(q.resource.trim(), q.apiGroup, index);
  const n = normalizeResourceRequest({ verb, apiGroup: r.apiGroup, resource: r.resource, subresource: r.subresource, name: q.name, namespace: q.namespace });
  const notes = [...r.notes, ...n.notes];
  if (!n.request.namespace && !isClusterScoped(n.request.apiGroup, n.request.resource)) {
    notes.push("no namespace: only ClusterRoleBindings answer a request across all namespaces; pick a namespace to include its RoleBindings");
  }
  return { request: n.request, description: describeRequest(n.request), notes };
}
