/**
 * The reader's fastest path: the raw key of an audit log line (raw-key.ts) read from the text by one
 * regular expression, without JSON.parse building the whole event. kube-apiserver writes each event
 * with Go's encoding/json: no whitespace, fields in the order of the Event struct
 * (k8s.io/apiserver/pkg/apis/audit/v1 types.go), empty ones left out, map keys sorted. For a
 * Metadata-level event that layout is regular, so a native regular expression both checks the line
 * (every string, array and map in it is valid JSON; nothing else is allowed) and captures the few
 * fields the key needs; the ids, addresses, user agents, user extras and the rest are never turned
 * into objects for the garbage collector to sweep. Anything else — bodies (Request levels), an
 * impersonated user, status details, other layouts, invalid JSON — returns null and takes the full
 * path (JSON.parse, event.ts), which also reports bad lines. scan.test.ts checks that whatever this
 * returns is exactly rawKeyOf(JSON.parse(line)).
 */
import { rawKeyFromFields, type RawKey } from "./raw-key";

/** A JSON string's content (the quotes outside the group). */
const CHARS = String.raw`(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*`;
/** A string, captured / not. */
const S = `"(${CHARS})"`;
const K = `"${CHARS}"`;
/** An array of strings; a map of strings to strings; a map of strings to arrays of strings. */
const A = String.raw`\[(?:${K}(?:,${K})*)?\]`;
const M = String.raw`\{(?:${K}:${K}(?:,${K}:${K})*)?\}`;
const MA = String.raw`\{(?:${K}:${A}(?:,${K}:${A})*)?\}`;

const LINE = new RegExp(
  [
    String.raw`^\{"kind":"Event","apiVersion":"audit\.k8s\.io/v1","level":${K},"auditID":${K},"stage":"(ResponseComplete|Panic)","requestURI":${S},"verb":${S}`,
    String.raw`,"user":\{"username":${S}(?:,"uid":${K})?(?:,"groups":(${A}))?(?:,"extra":${MA})?\}(?:,"sourceIPs":${A})?(?:,"userAgent":${K})?(?:,"objectRef":(${M}))?`,
    String.raw`(?:,"responseStatus":\{"metadata":\{\}(?:,"status":${K})?(?:,"message":${K})?(?:,"reason":${K})?(?:,"code":(-?(?:0|[1-9]\d*)))?\})?`,
    String.raw`,"requestReceivedTimestamp":${S},"stageTimestamp":${S}(?:,"annotations":(${M}))?\}$`,
  ].join(""),
);

const DECISION = '"authorization.k8s.io/decision":"';

/** A captured string's value (decoded when it has escapes). */
const text = (raw: string): string => (raw.indexOf("\\") < 0 ? raw : (JSON.parse(`"${raw}"`) as string));

/** Group lists repeat line after line: parsed once each (the cache is dropped when full). */
const groupsSeen = new Map<string, string[]>();

function groupsOf(raw: string): string[] {
  let g = groupsSeen.get(raw);
  if (!g) {
    if (groupsSeen.size >= 10_000) groupsSeen.clear();
    g = JSON.parse(raw) as string[];
    groupsSeen.set(raw, g);
  }
  return g;
}

/** The decision annotation of a (checked) string map: the last such key wins, as in JSON.parse. */
function decisionOf(map: string): string | undefined {
  if (map.indexOf("\\") >= 0) return (JSON.parse(map) as Record<string, string>)["authorization.k8s.io/decision"];
  const at = map.lastIndexOf(DECISION);
  if (at < 0) return undefined;
  const from = at + DECISION.length;
  return map.slice(from, map.indexOf('"', from));
}

/** A line's key for the reader: every field its raw key depends on but its time, as written. */
export interface ScannedLine {
  /** Lines with the same key have the same raw key (raw-key.ts) but for its time. */
  key: string;
  /** The raw key's time: requestReceivedTimestamp, else stageTimestamp. */
  time: string;
}

function captures(line: string) {
  const m = LINE.exec(line);
  if (!m) return null;
  const [, stage, uri, verb, username, groups, ref, code, received, staged, annotations] = m;
  return { stage, uri, verb, username, groups, ref, code, received, staged, annotations };
}

/**
 * The scan key of a line kube-apiserver wrote (see file comment), or null. Nothing is decoded or
 * parsed but the decision annotation: the key is made of the fields as written (two spellings of
 * one value are two keys, each read in full once).
 */
export function scanLine(line: string): ScannedLine | null {
  const c = captures(line);
  if (!c) return null;
  const decision = c.annotations === undefined ? "\u0001" : (decisionOf(c.annotations) ?? "\u0001");
  const q = c.uri.indexOf("?");
  return {
    key: `${c.stage}\u0000${c.code ?? ""}\u0000${decision}\u0000${c.verb}\u0000${c.username}\u0000${c.groups ?? ""}\u0000${c.ref ?? ""}\u0000${q < 0 ? c.uri : c.uri.slice(0, q)}`,
    time: c.received ? text(c.received) : text(c.staged),
  };
}

/** The raw key of a line as rawKeyOf(JSON.parse(line)) gives it, or null (see file comment). */
export function scanRawKey(line: string): RawKey | null {
  const c = captures(line);
  if (!c) return null;
  return rawKeyFromFields({
    kind: "Event",
    apiVersion: "audit.k8s.io/v1",
    stage: c.stage,
    verb: text(c.verb),
    requestURI: text(c.uri),
    requestReceivedTimestamp: text(c.received),
    stageTimestamp: text(c.staged),
    user: { username: text(c.username), groups: c.groups === undefined ? undefined : groupsOf(c.groups) },
    objectRef: c.ref === undefined ? undefined : JSON.parse(c.ref),
    code: c.code === undefined ? undefined : Number(c.code),
    decision: c.annotations === undefined ? undefined : decisionOf(c.annotations),
  });
}
