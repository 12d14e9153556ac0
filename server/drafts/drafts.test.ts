import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ClearanceError } from "../../lib/errors";
import { withDraft } from "../../lib/whatif/source-id";
import { getSnapshot } from "../cache";
import { DRAFT_MAX_BYTES, DRAFTS_PER_OWNER } from "../store";
import { appliedDraft, createDraft, deleteDraft, draftStore, getDraft, updateDraft } from "./index";
import { memoryDraftStore } from "./store";

const alice = { name: "alice", email: "alice@example.com", sub: "a-1", groups: [] };
const bob = { name: "bob", sub: "b-2", groups: [] };
const SA = (name: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ${name}, namespace: shop}\n`;

async function rejects(p: Promise<unknown>, code: string, message: RegExp) {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(ClearanceError);
  expect((e as ClearanceError).code).toBe(code);
  expect((e as ClearanceError).message).toMatch(message);
}

describe("memoryDraftStore (the store's bounds, while the store is disabled)", () => {
  it("drops an expired draft, the owner's oldest past the limit, and refuses an oversized one", async () => {
    let now = new Date("2026-01-01T00:00:00Z");
    const store = memoryDraftStore(5000, () => now);
    const first = await store.create({ owner: "o", sourceId: "demo", yaml: "a: 1\n", ttlMs: 3_600_000 });
    for (let i = 0; i < DRAFTS_PER_OWNER; i++) await store.create({ owner: "o", sourceId: "demo", yaml: `n: ${i}\n` });
    expect(await store.get(first.id)).toBeUndefined();
    expect(await store.list("o")).toHaveLength(DRAFTS_PER_OWNER);
    await rejects(store.create({ owner: "o", sourceId: "demo", yaml: "x".repeat(DRAFT_MAX_BYTES + 1) }), "bad_request", /at most/);
    now = new Date("2026-02-01T00:00:00Z");
    expect(await store.list("o")).toEqual([]);
  });
});

describe("drafts (store disabled: in memory)", () => {
  const env = { dir: process.env.CLEARANCE_DATA_DIR, url: process.env.CLEARANCE_DATABASE_URL, max: process.env.CLEARANCE_DRAFT_MAX_OBJECTS };
  beforeEach(() => {
    delete process.env.CLEARANCE_DATA_DIR;
    delete process.env.CLEARANCE_DATABASE_URL;
    process.env.CLEARANCE_DRAFT_MAX_OBJECTS = "3";
  });
  afterEach(() => {
    for (const [k, v] of [["CLEARANCE_DATA_DIR", env.dir], ["CLEARANCE_DATABASE_URL", env.url], ["CLEARANCE_DRAFT_MAX_OBJECTS", env.max]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it("belong to their owner: others read them by id, only the owner changes or deletes them", async () => {
    const d = await createDraft(alice, { source: "demo", text: SA("bot"), title: " Bot account " });
    expect(d).toMatchObject({ owner: "alice@example.com", title: "Bot account", sourceId: "demo" });
    expect((await getDraft(d.id)).yaml).toBe(SA("bot"));
    await rejects(updateDraft(bob, d.id, { text: SA("x") }), "forbidden", /belongs to someone else/);
    await rejects(deleteDraft(bob, d.id), "forbidden", /belongs to someone else/);
    expect((await updateDraft(alice, d.id, { text: SA("bot2") })).yaml).toBe(SA("bot2"));
    await deleteDraft(alice, d.id);
    await rejects(getDraft(d.id), "not_found", /does not exist or has expired/);
    await rejects(getDraft("../../etc"), "not_found", /does not exist/);
    expect((await draftStore()).create).toBeTypeOf("function");
  });

  it("change a bounded number of objects", async () => {
    await rejects(createDraft(alice, { source: "demo", text: [SA("a"), SA("b"), SA("c"), SA("d")].join("---\n") }), "bad_request", /changes 4 objects; a draft may change 3/);
  });

  it("a source id with a draft gives the source with the draft applied, cached per draft text", async () => {
    const d = await createDraft(alice, { source: "demo", text: `# clearance: delete Namespace payments\n` });
    const base = await getSnapshot("demo");
    const withIt = await getSnapshot(withDraft("demo", d.id));
    expect(base.namespaces.some((n) => n.name === "payments")).toBe(true);
    expect(withIt.namespaces.some((n) => n.name === "payments")).toBe(false);
    expect(await getSnapshot(withDraft("demo", d.id))).toBe(withIt);
    const next = await updateDraft(alice, d.id, { text: "" });
    expect(appliedDraft(base, next).snapshot.namespaces.some((n) => n.name === "payments")).toBe(true);
  });
});
