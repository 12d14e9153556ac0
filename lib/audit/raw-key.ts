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

/** The raw key of an ordinary event, or null when the full path must read it. */
export function rawKeyOf(v: unknown): RawKey | null {
  if (typeof v !== "object" || v === null) return null;
  const e = v as Record<string, unknown>;
  if (e.kind !== "Event" || e.apiVersion !== "audit.k8s.io/v1" || e.impersonatedUser !== undefined) return null;
  if (e.stage !== "ResponseComplete" && e.stage !== "Panic") return null;
  const user = e.user as { username?: unknown; groups?: unknown } | undefined;
  const verb = e.verb;
  if (!user || typeof user.username !== "string" || !user.username || typeof verb !== "string" || !verb) return null;
  const status = e.responseStatus as { code?: unknown } | undefined;
  const code = status?.code;
  if (code === 401) return null;
  const decided = (e.annotations as Record<string, unknown> | undefined)?.["authorization.k8s.io/decision"];
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
