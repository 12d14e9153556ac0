/**
 * Fuzz targets, run for a bounded time (CLEARANCE_FUZZ_SECONDS per target, default 5): the manifest
 * loader (text → documents → normalized snapshot → every area's checks), and the label-selector and
 * CIDR parsers. Whatever the input, the only acceptable failure is a clear one: a load issue naming
 * the document, or a problem string — never an exception.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanSnapshot } from "../../lib/findings/scan";
import { cidrProblem, matchesSelector, parseManifests, selectorProblem, SnapshotBuilder, type ClusterSnapshot, type LabelSelector } from "../../lib/model";
import { cidrRange4, cidrRange6, cidrFamily } from "../../lib/netpol/ip";

const BUDGET_MS = Number(process.env.CLEARANCE_FUZZ_SECONDS ?? 5) * 1000;
const RUNS = { numRuns: 1_000_000, interruptAfterTimeLimit: BUDGET_MS };
const TEST_TIMEOUT = BUDGET_MS + 30_000;

/** Runs `fc.assert` for the time budget and checks that it really ran (a fuzzer that tries nothing finds nothing). */
function fuzz<T extends unknown[]>(arbs: { [K in keyof T]: fc.Arbitrary<T[K]> }, check: (...args: T) => void, minRuns = 10): void {
  let runs = 0;
  fc.assert(
    fc.property(...(arbs as unknown as [fc.Arbitrary<unknown>]), (...args: unknown[]) => {
      runs++;
      check(...(args as T));
    }),
    RUNS,
  );
  expect(runs).toBeGreaterThan(minRuns);
}

const DEMO = path.join(import.meta.dirname, "../../demo/cluster");
const CORPUS = readdirSync(DEMO)
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => readFileSync(path.join(DEMO, f), "utf8"))
  .map((t) => t.slice(0, 3000));

function load(text: string): ClusterSnapshot {
  const parsed = parseManifests(text);
  const b = new SnapshotBuilder({ type: "files", id: "fuzz", label: "fuzz" });
  for (const e of parsed.errors) b.issue({ severity: "error", source: "fuzz", ...e });
  for (const d of parsed.documents) b.add(d.value, { source: "fuzz", document: d.document, ...(d.line ? { line: d.line } : {}), ...(d.locate ? { locate: d.locate } : {}) });
  return b.build({ synthesizePods: true, aggregation: "compute" });
}

/** Characters that YAML, JSON and terminals care about, plus some letters. */
const NASTY = fc.constantFrom(..."abk:-{}[]&*!|>'\"#%@`,?\n\t \\0.1/\u0000\u001b\u202e\ufeff".split(""));

const edit = fc.record({ at: fc.nat(), drop: fc.nat({ max: 40 }), insert: fc.string({ unit: NASTY, maxLength: 12 }) });

function mutate(text: string, edits: { at: number; drop: number; insert: string }[]): string {
  let t = text;
  for (const e of edits) {
    const at = e.at % (t.length + 1);
    t = t.slice(0, at) + e.insert + t.slice(at + e.drop);
  }
  return t;
}

/** A real object from the demo, with one field somewhere replaced by anything. */
const DEMO_OBJECTS = CORPUS.flatMap((t) => parseManifests(t).documents.map((d) => d.value)).filter((v) => v && typeof v === "object");

function setPath(o: unknown, keys: number[], value: unknown): unknown {
  if (!o || typeof o !== "object" || keys.length === 0) return value;
  const copy: Record<string, unknown> = Array.isArray(o) ? ([...o] as unknown as Record<string, unknown>) : { ...(o as Record<string, unknown>) };
  const names = Object.keys(copy);
  if (names.length === 0) return value;
  const k = names[keys[0] % names.length];
  copy[k] = setPath(copy[k], keys.slice(1), value);
  return copy;
}

const anything = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(null, "", -1, 1e300, "\u202e", [], {}, "*", "0.0.0.0/0", "::/0"));

describe("fuzz: the manifest loader", () => {
  it(
    "turns mutated YAML into documents and issues, never an exception",
    () => {
      fuzz([fc.nat({ max: CORPUS.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 6 })], (i: number, edits: { at: number; drop: number; insert: string }[]) => {
        const s = load(mutate(CORPUS[i], edits));
        for (const issue of s.issues) expect(issue.message).toBeTruthy();
      });
    },
    TEST_TIMEOUT,
  );

  it(
    "normalizes and checks a real object with any field replaced by anything",
    () => {
      fuzz([fc.nat({ max: DEMO_OBJECTS.length - 1 }), fc.array(fc.nat({ max: 50 }), { minLength: 1, maxLength: 5 }), anything], (i: number, keys: number[], value: unknown) => {
        const b = new SnapshotBuilder({ type: "files", id: "fuzz", label: "fuzz" });
        b.add(setPath(DEMO_OBJECTS[i], keys, value), { source: "fuzz" });
        scanSnapshot(b.build({ synthesizePods: true, aggregation: "compute" }));
      });
    },
    TEST_TIMEOUT,
  );
});

describe("fuzz: selectors and CIDRs", () => {
  const key = fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom("app", "a/b", "example.com/x", "", "-", "x".repeat(64)));
  const raw = fc.record(
    {
      matchLabels: fc.dictionary(key, fc.oneof(fc.string({ maxLength: 8 }), fc.constant(""))),
      matchExpressions: fc.array(
        fc.record({ key, operator: fc.oneof(fc.constantFrom("In", "NotIn", "Exists", "DoesNotExist"), fc.string({ maxLength: 6 })), values: fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }) }, { requiredKeys: ["key"] }),
        { maxLength: 3 },
      ),
    },
    { requiredKeys: [] },
  );

  it(
    "a selector either has a problem or matches labels without throwing",
    () => {
      fuzz([raw, fc.dictionary(key, fc.string({ maxLength: 8 }))], (sel: unknown, labels: Record<string, string>) => {
        const problem = selectorProblem(sel as LabelSelector);
        if (problem === null) expect(typeof matchesSelector(sel as LabelSelector, labels)).toBe("boolean");
        else expect(problem).toMatch(/\S/);
        // The same selector inside a NetworkPolicy: normalized or reported, never thrown.
        const b = new SnapshotBuilder({ type: "files", id: "fuzz", label: "fuzz" });
        b.add({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "p", namespace: "n" }, spec: { podSelector: sel, ingress: [{ from: [{ namespaceSelector: sel, podSelector: sel }] }] } }, { source: "fuzz" });
        b.build({ synthesizePods: false, aggregation: "compute" });
      });
    },
    TEST_TIMEOUT,
  );

  it(
    "a CIDR either has a problem or gives a range",
    () => {
      const text = fc.oneof(
        fc.string({ unit: fc.constantFrom(..."0123456789abcdef:./".split("")), maxLength: 45 }),
        fc.string({ maxLength: 20 }),
        fc.tuple(fc.ipV4(), fc.integer({ min: -2, max: 40 })).map(([ip, n]) => `${ip}/${n}`),
        fc.tuple(fc.ipV6(), fc.integer({ min: -2, max: 140 })).map(([ip, n]) => `${ip}/${n}`),
      );
      fuzz([text], (cidr: string) => {
        const problem = cidrProblem(cidr);
        if (problem !== null) return void expect(problem).toMatch(/\S/);
        const [lo, hi] = cidrFamily(cidr) === 6 ? cidrRange6(cidr) : cidrRange4(cidr);
        expect(lo <= hi).toBe(true);
      });
    },
    TEST_TIMEOUT,
  );
});
