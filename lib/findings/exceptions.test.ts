import { describe, expect, it } from "vitest";
import { isClearanceError } from "../errors";
import { appendException, applyExceptions, isExpired, matches, parseExceptions } from "./exceptions";
import { finding } from "./testing";

const NOW = new Date("2026-11-27T12:00:00Z");

describe("parseExceptions", () => {
  it("reads YAML with an exceptions list, and a bare JSON list", () => {
    const yaml = `exceptions:
  - id: PSS-privileged-abc
    by: alice
    reason: needs the host
    expires: 2027-03-31
  - rule: PSS-host-path
    resource: {kind: DaemonSet, namespace: monitoring, name: "node-*"}
    by: platform
    reason: log shipper
    expires: "2027-01-31"
`;
    expect(parseExceptions(yaml)).toHaveLength(2);
    expect(parseExceptions(JSON.stringify([{ rule: "X", by: "a", reason: "b", expires: "2027-01-01" }]))).toHaveLength(1);
    expect(parseExceptions("")).toEqual([]);
  });

  it("rejects entries without who, why or a valid date, naming the entry", () => {
    const bad = (text: string, msg: RegExp) => {
      try {
        parseExceptions(text, "ex.yaml");
        expect.unreachable();
      } catch (e) {
        expect(isClearanceError(e)).toBe(true);
        expect((e as Error).message).toMatch(msg);
      }
    };
    bad(`exceptions: [{id: a, reason: r, expires: 2027-01-01}]`, /^ex\.yaml: exceptions\[0\]\.by/);
    bad(`exceptions: [{id: a, by: b, reason: r, expires: next year}]`, /expires: must be a date/);
    bad(`exceptions: [{by: b, reason: r, expires: 2027-01-01}]`, /needs an id, or a rule/);
    bad(`exceptions: [{id: a, by: b, reason: r, expires: 2027-01-01, typo: 1}]`, /exceptions\[0\]/);
    bad(`exceptions: [ {`, /^ex\.yaml.*not valid YAML/);
  });
});

describe("matching and expiry", () => {
  const f = finding("PSS-host-path", "node-exporter", { resources: [{ kind: "DaemonSet", namespace: "monitoring", name: "node-exporter" }] });
  const base = { by: "a", reason: "r", expires: "2027-01-01" };

  it("by id, or by rule and resource with globs", () => {
    expect(matches({ ...base, id: f.id }, f)).toBe("id");
    expect(matches({ ...base, id: "other" }, f)).toBeUndefined();
    expect(matches({ ...base, rule: "PSS-host-path", resource: { namespace: "monitoring", name: "node-*" } }, f)).toBe("rule+resource");
    expect(matches({ ...base, rule: "PSS-*", resource: { kind: "Deployment" } }, f)).toBeUndefined();
    expect(matches({ ...base, resource: { namespace: "monitoring" } }, f)).toBe("rule+resource");
    expect(matches({ ...base, rule: "PSS-host.path" }, f)).toBeUndefined();
  });

  it("applies through its expiry day, then stops and is reported", () => {
    expect(isExpired({ ...base, expires: "2026-11-27" }, NOW)).toBe(false);
    expect(isExpired({ ...base, expires: "2026-11-26" }, NOW)).toBe(true);
    const r = applyExceptions([f, finding("HY-image-tag", "web")], [{ ...base, id: f.id }, { ...base, rule: "PSS-host-path", expires: "2026-01-01" }, { ...base, rule: "NOPE" }], NOW);
    expect(r.applied).toBe(1);
    expect(r.findings[0].exception).toEqual({ by: "a", reason: "r", expires: "2027-01-01", match: "id" });
    expect(r.findings[1].exception).toBeUndefined();
    expect(r.expired.map((e) => e.index)).toEqual([1]);
    expect(r.unused.map((e) => e.index)).toEqual([2]);
  });

  it("an expired exception no longer marks the finding", () => {
    const r = applyExceptions([f], [{ ...base, id: f.id, expires: "2025-01-01" }], NOW);
    expect(r.findings[0].exception).toBeUndefined();
    expect(r.applied).toBe(0);
  });
});

describe("appendException", () => {
  it("adds an entry, keeping comments, and creates the file when empty", () => {
    const entry = { id: "X-1", by: "bob", reason: "ok", expires: "2027-02-01" };
    expect(parseExceptions(appendException(undefined, entry))).toEqual([entry]);
    const text = appendException("# accepted risks\nexceptions:\n  - {id: A, by: a, reason: r, expires: 2027-01-01}\n", entry);
    expect(text).toMatch(/^# accepted risks/);
    expect(parseExceptions(text).map((e) => e.id)).toEqual(["A", "X-1"]);
  });
});
