/**
 * One Kubernetes API server audit event (`audit.k8s.io/v1` Event, as kube-apiserver writes it with
 * `--audit-log-format=json`: one JSON object per line) turned into what the RBAC authorizer saw.
 * Sources, all kubernetes/kubernetes:
 * - `staging/src/k8s.io/apiserver/pkg/apis/audit/v1/types.go` (Event, ObjectReference, stages);
 * - `staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go` (verb, resource, subresource,
 *   namespace, name — the same attributes the authorizer receives; non-resource requests carry the
 *   lower-cased HTTP method and the path);
 * - `staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation.go` (an impersonating request is
 *   authorized as the impersonated user, after the impersonator was allowed `impersonate` on users or
 *   serviceaccounts, each requested group, uid and user extra);
 * - `staging/src/k8s.io/apiserver/pkg/endpoints/filters/authorization.go` (the
 *   `authorization.k8s.io/decision` annotation: "allow" or "forbid").
 * A request is counted once: audit policies may log it at several stages (RequestReceived,
 * ResponseStarted for long-running requests, ResponseComplete), so only ResponseComplete and Panic
 * count — the stages every request reaches exactly once.
 */
import { nonResourceRequest, normalizeResourceRequest, type AccessRequest } from "../rbac/request";
import { ALL_SERVICE_ACCOUNTS, AUTHENTICATED, parseServiceAccountUsername } from "../rbac/subjects";

/** The audit.k8s.io versions whose Event has the fields read here. */
export const AUDIT_API_VERSIONS: readonly string[] = ["audit.k8s.io/v1", "audit.k8s.io/v1beta1"];

const COUNTED_STAGES = new Set(["ResponseComplete", "Panic"]);

/** What the log says the authorizer decided: "allow"/"forbid" from the annotation, else from the status code. */
export type LoggedDecision = "allow" | "forbid";

/** One request the RBAC authorizer was (or would have been) asked, on behalf of one identity. */
export interface ObservedRequest {
  username: string;
  groups: readonly string[];
  request: AccessRequest;
  /** What the log says was decided: an impersonation check recorded with its impersonated user passed. */
  decision: LoggedDecision;
  /** Set for the `impersonate` checks an impersonating request implies (made as the impersonator). */
  impersonation?: true;
}

export interface ParsedEvent {
  kind: "request";
  /** Milliseconds since the epoch (requestReceivedTimestamp, else stageTimestamp). */
  time: number;
  requests: ObservedRequest[];
}

/** Not a line to count (another stage of a counted request, an unauthenticated request) — not an error. */
export interface SkippedEvent {
  kind: "skip";
  reason: "stage" | "unauthenticated";
}

export interface BadEvent {
  kind: "bad";
  message: string;
}

export type EventResult = ParsedEvent | SkippedEvent | BadEvent;

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

const bad = (message: string): BadEvent => ({ kind: "bad", message });

function eventTime(e: Obj): number {
  const t = Date.parse(str(e.requestReceivedTimestamp) || str(e.stageTimestamp));
  return Number.isFinite(t) ? t : NaN;
}

/**
 * The decision as logged: the authorization annotation when present; otherwise a 403 is read as a
 * refusal (it may also be an admission denial after authorization allowed — without the annotation
 * the log cannot tell, and a refusal is the cautious reading: it is not counted as use).
 */
function loggedDecision(e: Obj): LoggedDecision {
  const a = isObj(e.annotations) ? str(e.annotations["authorization.k8s.io/decision"]) : "";
  if (a === "allow" || a === "forbid") return a;
  const code = isObj(e.responseStatus) ? e.responseStatus.code : undefined;
  return code === 403 ? "forbid" : "allow";
}

function requestOf(e: Obj, verb: string): AccessRequest | string {
  const ref = e.objectRef;
  if (isObj(ref) && str(ref.resource)) {
    return normalizeResourceRequest({
      verb,
      resource: str(ref.resource),
      apiGroup: str(ref.apiGroup),
      subresource: str(ref.subresource),
      name: str(ref.name),
      namespace: str(ref.namespace),
    }).request;
  }
  const uri = str(e.requestURI);
  if (!uri.startsWith("/")) return "no objectRef and no requestURI path";
  const q = uri.indexOf("?");
  return nonResourceRequest(verb, q < 0 ? uri : uri.slice(0, q));
}

/** The groups of an impersonated identity that the API server adds on its own (not requested, not checked). */
function addedGroups(username: string): Set<string> {
  const sa = parseServiceAccountUsername(username);
  return new Set(sa ? [ALL_SERVICE_ACCOUNTS, `${ALL_SERVICE_ACCOUNTS}:${sa.namespace}`, AUTHENTICATED] : [AUTHENTICATED]);
}

/**
 * The `impersonate` requests upstream's impersonation filter authorizes for the impersonator:
 * serviceaccounts (namespace and name) or users (name), each group, the uid, each user extra value.
 */
function impersonationChecks(actor: Obj, as: Obj): ObservedRequest[] {
  const username = str(actor.username);
  const groups = strings(actor.groups);
  const target = str(as.username);
  const out: ObservedRequest[] = [];
  const check = (resource: string, name: string, namespace = "", apiGroup = "") =>
    out.push({ username, groups, decision: "allow", impersonation: true, request: normalizeResourceRequest({ verb: "impersonate", resource, apiGroup, name, namespace }).request });
  const sa = parseServiceAccountUsername(target);
  if (sa) check("serviceaccounts", sa.name, sa.namespace);
  else if (target) check("users", target);
  const implicit = addedGroups(target);
  for (const g of strings(as.groups)) if (!implicit.has(g)) check("groups", g);
  if (str(as.uid)) check("uids", str(as.uid), "", "authentication.k8s.io");
  if (isObj(as.extra)) {
    for (const [key, values] of Object.entries(as.extra)) for (const v of strings(values)) check(`userextras/${key}`, v, "", "authentication.k8s.io");
  }
  return out;
}

/**
 * Reads one parsed audit event. Events at stages other than ResponseComplete/Panic are skipped
 * (the same request is logged again when it completes), so are unauthenticated requests (401:
 * the authorizer never ran). Anything not shaped like an Event is bad input, with the reason.
 */
export function readAuditEvent(value: unknown): EventResult {
  if (!isObj(value)) return bad("not a JSON object");
  if (value.kind !== "Event") return bad(`kind is ${JSON.stringify(value.kind ?? null)}, not "Event"`);
  if (!AUDIT_API_VERSIONS.includes(str(value.apiVersion))) return bad(`apiVersion ${JSON.stringify(value.apiVersion ?? null)} is not ${AUDIT_API_VERSIONS.join(" or ")}`);
  const stage = str(value.stage);
  if (stage && !COUNTED_STAGES.has(stage)) return { kind: "skip", reason: "stage" };
  const verb = str(value.verb).toLowerCase();
  if (!verb) return bad("no verb");
  const user = value.user;
  if (!isObj(user) || !str(user.username)) return bad("no user.username");
  if (isObj(value.responseStatus) && value.responseStatus.code === 401) return { kind: "skip", reason: "unauthenticated" };
  const time = eventTime(value);
  if (Number.isNaN(time)) return bad("no valid requestReceivedTimestamp or stageTimestamp");
  const request = requestOf(value, verb);
  if (typeof request === "string") return bad(request);
  const as = isObj(value.impersonatedUser) && str(value.impersonatedUser.username) ? value.impersonatedUser : undefined;
  const acting = as ?? user;
  const requests: ObservedRequest[] = [{ username: str(acting.username), groups: strings(acting.groups), request, decision: loggedDecision(value) }];
  // The impersonated user is recorded only once the impersonator passed every impersonate check.
  if (as) requests.push(...impersonationChecks(user, as));
  return { kind: "request", time, requests };
}
