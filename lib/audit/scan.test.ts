/**
 * The scanner (scan.ts) is a fast path of rawKeyOf(JSON.parse(line)): on any line it either gives
 * up (null) or gives exactly what the reference gives, and it gives up on nothing JSON.parse would
 * reject being read as an event. Lines are audit events as kube-apiserver writes them, then bent:
 * fields dropped, retyped or duplicated, bodies and escapes added, keys reordered, text truncated
 * or corrupted.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auditEvent } from "../synth/audit/event";
import { Rng } from "../synth/random";
import { rawKeyOf, timeOf } from "./raw-key";
import { scanLine, scanRawKey } from "./scan";

const reference = (line: string) => {
  try {
    return rawKeyOf(JSON.parse(line));
  } catch {
    return "invalid JSON";
  }
};

const FIELDS = ["kind", "apiVersion", "stage", "verb", "requestURI", "user", "objectRef", "responseStatus", "annotations", "requestReceivedTimestamp", "stageTimestamp", "impersonatedUser", "requestObject"];
const NESTED = ["username", "groups", "resource", "apiGroup", "namespace", "name", "subresource", "code", "authorization.k8s.io/decision"];

const requestArb = fc.record({
  user: fc.constantFrom<string>("system:serviceaccount:ci:deployer", "alice@example.com", "sp\u00e9cial \"quoted\" \\ user", ""),
  groups: fc.array(fc.constantFrom("system:authenticated", "devs", "\u2603"), { maxLength: 3 }),
  verb: fc.constantFrom("get", "list", "watch", "create", "patch", "impersonate"),
  resource: fc.option(fc.constantFrom("pods", "deployments", "secrets"), { nil: undefined }),
  subresource: fc.option(fc.constantFrom("exec", "log"), { nil: undefined }),
  namespace: fc.option(fc.constantFrom("shop", "kube-system"), { nil: undefined }),
  name: fc.option(fc.constantFrom("web", "a/b", "x\ty"), { nil: undefined }),
  path: fc.constantFrom<string>("/version", "/apis?timeout=32s", "/healthz"),
  decision: fc.constantFrom("allow", "forbid") as fc.Arbitrary<"allow" | "forbid">,
  code: fc.option(fc.constantFrom(200, 401, 403, 500), { nil: undefined }),
});
type RequestSpec = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

/** The event for a request, as kube-apiserver writes it; the seed and time vary its id, times and reason. */
function eventOf(x: RequestSpec, seed: number, time = 1_790_000_000_000): Record<string, unknown> {
  const rng = Rng.for(seed, "scan");
  return auditEvent(rng, { username: x.user, groups: x.groups, userAgent: "kubectl", sourceIP: "10.0.0.1", extra: { "authentication.kubernetes.io/pod-name": ["p-0"] } }, { verb: x.verb, resource: x.resource, apiGroup: x.resource === "deployments" ? "apps" : undefined, subresource: x.subresource, namespace: x.namespace, name: x.name, path: x.path }, time, { decision: x.decision, code: x.code, reason: `RBAC: rb-${seed % 7}` });
}

const eventArb = fc.tuple(requestArb, fc.nat()).map(([x, seed]) => eventOf(x, seed));

/** Changes to an event object before it is written. */
const bendArb = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant("drop" as const), field: fc.constantFrom(...FIELDS) }),
    fc.record({ op: fc.constant("set" as const), field: fc.constantFrom(...FIELDS), value: fc.jsonValue({ maxDepth: 2 }) }),
    fc.record({ op: fc.constant("nested" as const), field: fc.constantFrom("user", "objectRef", "responseStatus", "annotations"), key: fc.constantFrom(...NESTED), value: fc.jsonValue({ maxDepth: 1 }) }),
    fc.record({ op: fc.constant("reverse" as const) }),
  ),
  { maxLength: 3 },
);

/** Changes to the written text. */
const textArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant((s: string) => s) },
  fc.nat().map((n) => (s: string) => s.slice(0, n % (s.length + 1))),
  fc.tuple(fc.nat(), fc.constantFrom(",", "}", "]", "\"", "\\", "x", " ", "\u0001", "\n", "1")).map(([n, c]) => (s: string) => s.slice(0, n % (s.length + 1)) + c + s.slice(n % (s.length + 1))),
  fc.constantFrom("x", " ", "}", ",", "\n{}").map((c) => (s: string) => s + c),
  fc.constantFrom("verb", "kind", "user", "stage").map((k) => (s: string) => s.replace(`"${k}"`, `"${k.slice(0, -1)}\\u00${k.charCodeAt(k.length - 1).toString(16)}"`)),
  fc.constantFrom("verb", "objectRef", "annotations").map((k) => (s: string) => s.replace(/}$/, `,"${k}":${JSON.stringify(k === "verb" ? "delete" : {})}}`)),
  fc.constantFrom(["\"authorization.k8s.io/decision\":\"", "forbid"], ["\"authorization.k8s.io/decision\":\"", "al\\u006cow"], ["\"resource\":\"", "secrets"], ["\"username\":\"", "eve"]).map(([k, v]) => (s: string) => s.replace(k, `${k}${v}",${k}`)),
  fc.constantFrom(0, 2).map((n) => (s: string) => JSON.stringify(JSON.parse(s), null, n)),
);

function bend(e: Record<string, unknown>, ops: readonly { op: string; field?: string; key?: string; value?: unknown }[]): Record<string, unknown> {
  let out: Record<string, unknown> = { ...e };
  for (const o of ops) {
    if (o.op === "drop") delete out[o.field!];
    else if (o.op === "set") out[o.field!] = o.value;
    else if (o.op === "nested") out[o.field!] = { ...(typeof out[o.field!] === "object" && out[o.field!] ? (out[o.field!] as object) : {}), [o.key!]: o.value };
    else out = Object.fromEntries(Object.entries(out).reverse());
  }
  return out;
}

describe("scanRawKey", () => {
  it("gives up, or gives exactly what rawKeyOf(JSON.parse(line)) gives", () => {
    fc.assert(
      fc.property(eventArb, bendArb, textArb, (event, ops, text) => {
        let line: string;
        try {
          line = text(JSON.stringify(bend(event, ops)));
        } catch {
          return; // the text change re-parsed a line it had broken
        }
        const fast = scanRawKey(line);
        if (fast !== null) expect(fast).toEqual(reference(line));
      }),
      { numRuns: 3000 },
    );
  });

  it("scanLine: lines with one scan key have one raw key but for its time, which it gives", () => {
    const lineArb = fc.tuple(requestArb, fc.nat(), fc.integer({ min: 0, max: 10 ** 10 }), bendArb, textArb).map(([x, seed, t, ops, text]) => {
      try {
        return text(JSON.stringify(bend(eventOf(x, seed, 1_700_000_000_000 + t), ops)));
      } catch {
        return "{";
      }
    });
    // the same request again (another id, time and reason), or with one field changed
    const change = fc.oneof(fc.constant({}), requestArb.map((y) => ({ code: y.code })), requestArb.map((y) => ({ decision: y.decision })), requestArb.map((y) => ({ verb: y.verb })), requestArb.map((y) => ({ groups: y.groups })), requestArb.map((y) => ({ user: y.user })), requestArb.map((y) => ({ name: y.name })));
    const same = fc.tuple(requestArb, change, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 10 ** 10 })).map(([x, c, s1, s2, t]) => [JSON.stringify(eventOf(x, s1)), JSON.stringify(eventOf({ ...x, ...c }, s2, 1_700_000_000_000 + t))] as const);
    fc.assert(
      fc.property(fc.oneof(same, fc.tuple(lineArb, lineArb)), ([a, b]) => {
        const [sa, sb] = [scanLine(a), scanLine(b)];
        for (const [line, sc] of [[a, sa], [b, sb]] as const) {
          if (!sc) continue;
          const ref = reference(line);
          expect(ref).not.toBe("invalid JSON");
          if (ref && ref !== "invalid JSON") expect(sc.time).toBe(ref.time);
        }
        if (sa && sb && sa.key === sb.key) {
          const [ra, rb] = [reference(a), reference(b)];
          expect(ra && rb && typeof ra === "object" && typeof rb === "object" ? { ...ra, time: "" } : ra).toEqual(ra && rb && typeof ra === "object" && typeof rb === "object" ? { ...rb, time: "" } : rb);
        }
      }),
      { numRuns: 2000 },
    );
    // the same request, twice: one key
    const x: RequestSpec = { user: "u", groups: [], verb: "get", resource: "pods", subresource: undefined, namespace: "shop", name: "web", path: "/", decision: "allow", code: undefined };
    expect(scanLine(JSON.stringify(eventOf(x, 1)))?.key).toBe(scanLine(JSON.stringify(eventOf(x, 2, 1_800_000_000_000)))?.key);
  });

  it("reads the events kube-apiserver writes without giving up", () => {
    fc.assert(
      fc.property(eventArb, (event) => {
        const line = JSON.stringify(event);
        const ref = reference(line);
        if (ref !== null) expect(scanRawKey(line)).toEqual(ref);
      }),
      { numRuns: 500 },
    );
  });

  it("gives up on what it must leave to the full path", () => {
    const ok = JSON.stringify({ kind: "Event", apiVersion: "audit.k8s.io/v1", level: "Metadata", auditID: "1", stage: "ResponseComplete", requestURI: "/version", verb: "get", user: { username: "u" }, requestReceivedTimestamp: "2026-10-01T00:00:00.000000Z", stageTimestamp: "2026-10-01T00:00:00.000000Z" });
    expect(scanRawKey(ok)).toEqual({ username: "u", groups: [], key: "a\u0001get\u0000/version", time: "2026-10-01T00:00:00.000000Z" });
    expect(scanRawKey(` ${ok}`)).toBeNull(); // not as kube-apiserver writes it: JSON.parse reads it
    expect(scanRawKey(ok.replace('"verb"', '"ver\\u0062"'))).toBeNull(); // an escaped key
    expect(scanRawKey(ok.replace(/}$/, ',"impersonatedUser":{"username":"x"}}'))).toBeNull();
    expect(scanRawKey(ok.replace(/}$/, ',"requestObject":{"kind":"Pod"}}'))).toBeNull(); // a body (Request level)
    expect(scanRawKey(ok.slice(0, -1))).toBeNull(); // truncated
    expect(scanRawKey(`${ok}x`)).toBeNull();
    expect(scanRawKey(ok.replace('"get"', '"g\u0001t"'))).toBeNull(); // a raw control character
  });
});

describe("timeOf", () => {
  it("is Date.parse, for audit timestamps and anything else", () => {
    const stamp = fc.tuple(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.integer({ min: 0, max: 9 }), fc.stringMatching(/^\d{0,9}$/)).map(([ms, digits, more]) => {
      const base = new Date(ms).toISOString().slice(0, 19);
      const frac = `${String(ms % 1000).padStart(3, "0")}${more}`.slice(0, digits);
      return `${base}${digits ? `.${frac}` : ""}Z`;
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(stamp, fc.string(), fc.constantFrom("2026-10-02T18:00:00+02:00", "2026-10-02T18:00:00.5Z", "2026-13-02T18:00:00Z", "")), { minLength: 1, maxLength: 5 }), (xs) => {
        for (const x of xs) expect(timeOf(x)).toBe(Date.parse(x));
      }),
      { numRuns: 2000 },
    );
  });
});
