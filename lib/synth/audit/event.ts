/**
 * Synthetic audit events shaped like kube-apiserver's (`audit.k8s.io/v1` Event at the Metadata level,
 * one JSON object per line): the request URI the client sent, the objectRef, the authenticated user
 * with the extras a bound service-account token carries, user agent, source IP, status and the
 * authorization annotations. Used by the demo log and the benchmark's large log.
 */
import type { Rng } from "../random";

export interface SynthUser {
  username: string;
  groups: readonly string[];
  /** Token extras (service accounts: the pod and node the token is bound to). */
  extra?: Record<string, string[]>;
  uid?: string;
  userAgent: string;
  sourceIP: string;
}

export interface SynthRequest {
  verb: string;
  /** Absent for non-resource requests. */
  resource?: string;
  apiGroup?: string;
  apiVersion?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** Non-resource URL path (with its query, if any). */
  path?: string;
}

export interface SynthOutcome {
  /** Default 200 (201 for create). */
  code?: number;
  decision?: "allow" | "forbid";
  /** The authorizer's reason, e.g. `RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to User "u"`. */
  reason?: string;
  /** The event's id (default: a UUID from the generator). */
  auditID?: string;
}

/** The URI a client sends for a request (`/apis/apps/v1/namespaces/shop/deployments/web?...`). */
export function requestURI(r: SynthRequest): string {
  if (!r.resource) return r.path ?? "/";
  const root = r.apiGroup ? `/apis/${r.apiGroup}/${r.apiVersion ?? "v1"}` : `/api/${r.apiVersion ?? "v1"}`;
  if (!r.apiGroup && r.resource === "namespaces" && r.name) return `${root}/namespaces/${r.name}${r.subresource ? `/${r.subresource}` : ""}`;
  const ns = r.namespace ? `/namespaces/${r.namespace}` : "";
  const name = r.name ? `/${r.name}` : "";
  const sub = r.subresource ? `/${r.subresource}` : "";
  const query = r.verb === "watch" ? "?allowWatchBookmarks=true&watch=true" : r.verb === "list" ? "?limit=500" : r.verb === "patch" ? "?fieldManager=kubectl-client-side-apply" : "";
  return `${root}${ns}/${r.resource}${name}${sub}${query}`;
}

/** Audit timestamps are RFC 3339 with microseconds (metav1.MicroTime). */
const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, -1)}000Z`;

/** One audit event as kube-apiserver would log it (see file comment). */
export function auditEvent(rng: Rng, user: SynthUser, r: SynthRequest, time: number, outcome: SynthOutcome = {}): Record<string, unknown> {
  const decision = outcome.decision ?? "allow";
  const code = outcome.code ?? (decision === "forbid" ? 403 : r.verb === "create" ? 201 : 200);
  const objectRef = r.resource
    ? {
        resource: r.resource,
        ...(r.namespace || (r.resource === "namespaces" && !r.apiGroup && r.name) ? { namespace: r.namespace || r.name } : {}),
        ...(r.name ? { name: r.name } : {}),
        ...(r.apiGroup ? { apiGroup: r.apiGroup } : {}),
        apiVersion: r.apiVersion ?? "v1",
        ...(r.subresource ? { subresource: r.subresource } : {}),
      }
    : undefined;
  const took = r.verb === "watch" ? rng.int(60_000, 600_000) : rng.int(1, 40);
  return {
    kind: "Event",
    apiVersion: "audit.k8s.io/v1",
    level: "Metadata",
    auditID: outcome.auditID ?? rng.uuid(),
    stage: "ResponseComplete",
    requestURI: requestURI(r),
    verb: r.verb,
    user: { username: user.username, ...(user.uid ? { uid: user.uid } : {}), groups: user.groups, ...(user.extra ? { extra: user.extra } : {}) },
    sourceIPs: [user.sourceIP],
    userAgent: user.userAgent,
    ...(objectRef ? { objectRef } : {}),
    responseStatus: decision === "forbid" ? { metadata: {}, status: "Failure", message: "", reason: "Forbidden", code } : { metadata: {}, code },
    requestReceivedTimestamp: iso(time),
    stageTimestamp: iso(time + took),
    annotations: { "authorization.k8s.io/decision": decision, "authorization.k8s.io/reason": outcome.reason ?? "" },
  };
}
