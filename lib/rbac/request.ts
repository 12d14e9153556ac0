/**
 * The attributes the RBAC authorizer receives (upstream `authorizer.Attributes`), and how a question
 * ("can X get secrets in payments?") becomes one. Normalisation follows the API server's request
 * parsing (`staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go`):
 * - verbs are lowercase API verbs (matching is case-sensitive, so input is lowercased);
 * - cluster-scoped resources are requested with namespace "" (their URLs have no /namespaces/ part);
 * - `/api/v1/namespaces/foo` has namespace `foo` and name `foo`: the Namespace object lives in itself;
 * - `bind` on roles/clusterroles keeps its namespace: the binding registry asks it in the binding's
 *   namespace (`pkg/registry/rbac/escalation_check.go` BindingAuthorized), not through a URL.
 */
import { isClusterScoped } from "./resources";

export interface ResourceRequest {
  resourceRequest: true;
  verb: string;
  /** "" is the core group. */
  apiGroup: string;
  resource: string;
  /** "" when the request is on the resource itself. */
  subresource: string;
  /** "" for requests without a name (list, watch of a collection, create). */
  name: string;
  /** "" for cluster-scoped requests and requests across all namespaces. */
  namespace: string;
}

export interface NonResourceRequest {
  resourceRequest: false;
  verb: string;
  path: string;
}

export type AccessRequest = ResourceRequest | NonResourceRequest;

export interface ResourceRequestInput {
  verb: string;
  /** `pods`, or `pods/exec` when `subresource` is not given separately. */
  resource: string;
  apiGroup?: string;
  subresource?: string;
  name?: string;
  namespace?: string;
}

/**
 * Builds a resource request as the API server would see it, with notes on every adjustment made
 * (namespace dropped for a cluster-scoped resource, Namespace object placed in its own namespace).
 */
export function normalizeResourceRequest(input: ResourceRequestInput): { request: ResourceRequest; notes: string[] } {
  const notes: string[] = [];
  let resource = input.resource.trim();
  let subresource = input.subresource?.trim() ?? "";
  const slash = resource.indexOf("/");
  if (slash >= 0 && !subresource) {
    subresource = resource.slice(slash + 1);
    resource = resource.slice(0, slash);
  }
  const apiGroup = input.apiGroup ?? "";
  const name = input.name ?? "";
  let namespace = input.namespace ?? "";
  if (apiGroup === "" && resource === "namespaces") {
    if (name) {
      if (namespace && namespace !== name) notes.push(`the Namespace object "${name}" lives in namespace "${name}", not "${namespace}"`);
      namespace = name;
    } else if (namespace) {
      notes.push("namespaces without a name is a cluster-scoped request (list/watch/create): the namespace was dropped; give --name to ask about one Namespace");
      namespace = "";
    }
  } else if (input.verb.trim().toLowerCase() === "bind" && apiGroup === "rbac.authorization.k8s.io" && (resource === "roles" || resource === "clusterroles")) {
    // bind is not a URL request: the binding's registry checks it on the role in the binding's
    // namespace ("" for a ClusterRoleBinding), so a RoleBinding may grant bind on a ClusterRole.
  } else if (namespace && isClusterScoped(apiGroup, resource)) {
    notes.push(`${resource}${apiGroup ? `.${apiGroup}` : ""} is cluster-scoped: only ClusterRoleBindings can grant it, the namespace was dropped`);
    namespace = "";
  }
  return {
    request: { resourceRequest: true, verb: input.verb.trim().toLowerCase(), apiGroup, resource, subresource, name, namespace },
    notes,
  };
}

/** A resource request, normalised (see normalizeResourceRequest). */
export function resourceRequest(input: ResourceRequestInput): ResourceRequest {
  return normalizeResourceRequest(input).request;
}

/** A non-resource request (`/healthz`, `/metrics`, `/apis`): verb and path only, never namespaced. */
export function nonResourceRequest(verb: string, path: string): NonResourceRequest {
  return { resourceRequest: false, verb: verb.trim().toLowerCase(), path };
}

/** "get secrets (core) in namespace payments", "create pods/exec named web-0 in namespace shop", "get /metrics". */
export function describeRequest(r: AccessRequest): string {
  if (!r.resourceRequest) return `${r.verb} ${r.path}`;
  const res = `${r.resource}${r.subresource ? `/${r.subresource}` : ""}${r.apiGroup ? `.${r.apiGroup}` : ""}`;
  const name = r.name ? ` named "${r.name}"` : "";
  const where = r.namespace ? ` in namespace ${r.namespace}` : isClusterScoped(r.apiGroup, r.resource) ? " (cluster-scoped)" : " in all namespaces";
  return `${r.verb} ${res}${name}${where}`;
}
