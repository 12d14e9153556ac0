/**
 * The fast path of the reader: most lines of an audit log repeat a request already seen (a
 * controller's watch, a lease renewal), so a line is first keyed straight from the parsed event's own
 * fields — user, verb, objectRef or path, decision — with no normalisation or allocation beyond one
 * string. A key seen before maps to its atom; anything unusual (impersonation, another stage or API
 * version, a 401, a missing field) returns null and takes the full path (event.ts), which also
 * records the key for next time. Both paths must agree: the key only ever aliases an atom the full
 * path built from the same fields.
 */

export interface RawKey {
  username: string;
  groups: readonly string[];
  /** Decision and request fields, as written in the event. */
  key: string;
  /** requestReceivedTimestamp, else stageTimestamp. */
  time: string;
}

const EMPTY: readonly string[] = [];

/** The fields of an event the raw key is made of, as found (types unchecked): see rawKeyOf and scan.ts. */
export interface RawFields {
  kind?: unknown;
  apiVersion?: unknown;
  stage?: unknown;
  verb?: unknown;
  requestURI?: unknown;
  requestReceivedTimestamp?: unknown;
  stageTimestamp?: unknown;
  impersonated?: boolean;
  user?: unknown;
  objectRef?: unknown;
  /** responseStatus.code */
  code?: unknown;
  /** annotations["authorization.k8s.io/decision"] */
  decision?: unknown;
}

/** The raw key of an ordinary event, or null when the full path must read it. */
export function rawKeyOf(v: unknown): RawKey | null {
  if (typeof v !== "object" || v === null) return null;
  const e = v as Record<string, unknown>;
  const status = e.responseStatus as { code?: unknown } | undefined;
  const annotations = e.annotations as Record<string, unknown> | undefined;
  return rawKeyFromFields({
    kind: e.kind,
    apiVersion: e.apiVersion,
    stage: e.stage,
    verb: e.verb,
    requestURI: e.requestURI,
    requestReceivedTimestamp: e.requestReceivedTimestamp,
    stageTimestamp: e.stageTimestamp,
    impersonated: e.impersonatedUser !== undefined,
    user: e.user,
    objectRef: e.objectRef,
    code: status?.code,
    decision: annotations?.["authorization.k8s.io/decision"],
  });
}

/** rawKeyOf from the fields alone (the scanner finds them without parsing the whole line). */
export function rawKeyFromFields(e: RawFields): RawKey | null {
  if (e.kind !== "Event" || e.apiVersion !== "audit.k8s.io/v1" || e.impersonated) return null;
  if (e.stage !== "ResponseComplete" && e.stage !== "Panic") return null;
  const user = e.user as { username?: unknown; groups?: unknown } | undefined;
  const verb = e.verb;
  if (!user || typeof user.username !== "string" || !user.username || typeof verb !== "string" || !verb) return null;
  const code = e.code;
  if (code === 401) return null;
  const decided = e.decision;
  const decision = decided === "allow" ? "a" : decided === "forbid" ? "f" : code === 403 ? "f" : "a";
  const time = typeof e.requestReceivedTimestamp === "string" && e.requestReceivedTimestamp ? e.requestReceivedTimestamp : e.stageTimestamp;
  if (typeof time !== "string" || !time) return null;
  const ref = e.objectRef as Record<string, unknown> | undefined;
  let key: string;
  if (ref && typeof ref.resource === "string" && ref.resource) {
    key = `${decision}${verb}\u0000${ref.apiGroup ?? ""}\u0000${ref.resource}\u0000${ref.subresource ?? ""}\u0000${ref.namespace ?? ""}\u0000${ref.name ?? ""}`;
  } else {
    const uri = e.requestURI;
    if (typeof uri !== "string" || uri[0] !== "/") return null;
    const q = uri.indexOf("?");
    key = `${decision}\u0001${verb}\u0000${q < 0 ? uri : uri.slice(0, q)}`;
  }
  const groups = Array.isArray(user.groups) ? (user.groups as string[]) : EMPTY;
  return { username: user.username, groups, key, time };
}

/** Same groups, same order (the log repeats an identity's groups exactly). */
export function sameGroups(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The last whole second parsed by timeOf, and its epoch ms: consecutive lines mostly share it. */
let lastSecond = "";
let lastSecondMs = NaN;
const RFC3339_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z$/;

/**
 * Date.parse for audit timestamps (RFC 3339 with microseconds, `2026-10-02T18:00:00.019000Z`),
 * quicker on a stream of them: the seconds are parsed once per distinct second, the fraction by
 * hand (truncated to milliseconds, as Date.parse does). Anything else goes to Date.parse.
 */
export function timeOf(s: string): number {
  if (!RFC3339_UTC.test(s)) return Date.parse(s);
  const second = s.slice(0, 19);
  if (second !== lastSecond) {
    lastSecondMs = Date.parse(`${second}Z`);
    lastSecond = second;
  }
  if (s.length === 20) return lastSecondMs;
  let ms = 0;
  for (let i = 20; i < 23; i++) {
    const c = s.charCodeAt(i);
    ms = ms * 10 + (c >= 48 && c <= 57 ? c - 48 : 0);
  }
  return lastSecondMs + ms;
}
