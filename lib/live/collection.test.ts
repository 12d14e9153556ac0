import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Collection, keyOf, type RawObject, type WatchEvent } from "./collection";

const obj = (name: string, rv: number, ns = "a", extra: Record<string, unknown> = {}): RawObject => ({ metadata: { name, namespace: ns, resourceVersion: String(rv) }, ...extra });

describe("Collection: a list kept current by watch events (client-go reflector + store)", () => {
  it("ADDED, MODIFIED and DELETED change the objects; BOOKMARK only the resourceVersion", () => {
    const c = new Collection();
    c.replace([obj("x", 1)], "1");
    expect(c.apply({ type: "ADDED", object: obj("y", 2) })).toEqual({ upserted: ["a/y"], deleted: [] });
    expect(c.apply({ type: "MODIFIED", object: obj("x", 3, "a", { spec: 1 }) })).toEqual({ upserted: ["a/x"], deleted: [] });
    expect(c.get("a/x")).toMatchObject({ spec: 1 });
    const gen = c.generation;
    expect(c.apply({ type: "BOOKMARK", object: { metadata: { resourceVersion: "9" } } })).toEqual({ upserted: [], deleted: [] });
    expect(c.generation).toBe(gen);
    expect(c.resourceVersion).toBe("9");
    expect(c.apply({ type: "DELETED", object: obj("y", 10) })).toEqual({ upserted: [], deleted: ["a/y"] });
    expect([...c.values()].map(keyOf)).toEqual(["a/x"]);
    expect(c.resourceVersion).toBe("10");
  });

  it("a relist says what differs from what was held", () => {
    const c = new Collection();
    c.replace([obj("x", 1), obj("y", 1), obj("z", 1)], "1");
    const change = c.replace([obj("x", 1), obj("y", 5), obj("w", 6)], "6");
    expect(change).toEqual({ upserted: ["a/y", "a/w"], deleted: ["a/z"] });
    expect(c.replace([obj("x", 1), obj("y", 5), obj("w", 6)], "7")).toEqual({ upserted: [], deleted: [] });
  });

  // The model: a server holding objects, changed by random operations; the client sees each change
  // as an event, except that its watch may drop and a relist then brings it back in step.
  type Op = { kind: "put"; name: string; ns: string; value: number } | { kind: "delete"; index: number } | { kind: "drop-and-relist" } | { kind: "bookmark" };
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant("put" as const), name: fc.constantFrom("a", "b", "c", "d", "e"), ns: fc.constantFrom("n1", "n2", ""), value: fc.integer() }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("delete" as const), index: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("drop-and-relist" as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("bookmark" as const) }) },
  );

  it("property: after any sequence of events (and relists after dropped watches) it equals a fresh full list", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const server = new Map<string, RawObject>();
        let rv = 1;
        const client = new Collection();
        client.replace([], "1");
        let connected = true;
        const send = (e: WatchEvent) => connected && client.apply(e);
        for (const o of ops) {
          if (o.kind === "put") {
            const next = obj(o.name, ++rv, o.ns, { value: o.value });
            const existed = server.has(keyOf(next));
            server.set(keyOf(next), next);
            send({ type: existed ? "MODIFIED" : "ADDED", object: next });
          } else if (o.kind === "delete") {
            const keys = [...server.keys()];
            if (!keys.length) continue;
            const k = keys[o.index % keys.length];
            const gone = { ...server.get(k)!, metadata: { ...server.get(k)!.metadata, resourceVersion: String(++rv) } };
            server.delete(k);
            send({ type: "DELETED", object: gone });
          } else if (o.kind === "bookmark") {
            send({ type: "BOOKMARK", object: { metadata: { resourceVersion: String(rv) } } });
          } else if (connected) {
            connected = false; // events now go missing until the relist below
          } else {
            client.replace([...server.values()], String(rv));
            connected = true;
          }
        }
        if (!connected) client.replace([...server.values()], String(rv));
        const fresh = new Collection();
        fresh.replace([...server.values()], String(rv));
        expect(new Map([...client.values()].map((o) => [keyOf(o), o]))).toEqual(new Map([...fresh.values()].map((o) => [keyOf(o), o])));
        expect(client.resourceVersion).toBe(String(rv));
      }),
      { numRuns: 300 },
    );
  });
});
