import { beforeEach, describe, expect, it } from "vitest";
import { ClearanceError } from "../../lib/errors";
import { withDraft } from "../../lib/whatif/source-id";
import { getSnapshot } from "../cache";
import { appliedDraft, createDraft, deleteDraft, draftLimits, getDraft, setDraftStore, updateDraft } from "./index";
import { MemoryDraftStore, type DraftRecord } from "./store";

const alice = { name: "alice", email: "alice@example.com", sub: "a-1", groups: [] };
const bob = { name: "bob", sub: "b-2", groups: [] };
const limits = { ...draftLimits({} as NodeJS.ProcessEnv), maxBytes: 2048, maxObjects: 3, perUser: 2 };
const SA = (name: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ${name}, namespace: shop}\n`;

async function rejects(p: Promise<unknown>, code: string, message: RegExp) {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(ClearanceError);
  expect((e as ClearanceError).code).toBe(code);
  expect((e as ClearanceError).message).toMatch(message);
}

describe("MemoryDraftStore", () => {
  const record = (id: string, updatedAt: string, expiresAt: string): DraftRecord => ({ id, owner: "o", ownerName: "o", source: "demo", title: "t", text: "", revision: 1, createdAt: updatedAt, updatedAt, expiresAt });

  it("never returns an expired draft, and keeps at most its capacity (least recently changed leave first)", async () => {
    let now = Date.parse("2026-01-01T00:00:00Z");
    const store = new MemoryDraftStore(2, () => now);
    await store.put(record("a", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"));
    await store.put(record("b", "2026-01-01T00:00:01Z", "2026-01-03T00:00:00Z"));
    await store.put(record("c", "2026-01-01T00:00:02Z", "2026-01-03T00:00:00Z"));
    expect(await store.get("a")).toBeUndefined();
    expect((await store.listByOwner("o")).map((d) => d.id)).toEqual(["c", "b"]);
    now = Date.parse("2026-01-03T00:00:00Z");
    expect(await store.get("b")).toBeUndefined();
  });
});

describe("drafts", () => {
  beforeEach(() => setDraftStore(new MemoryDraftStore()));

  it("belong to their owner: others read them by id, only the owner changes or deletes them", async () => {
    const d = await createDraft(alice, { source: "demo", text: SA("bot"), title: " Bot account " }, limits);
    expect(d).toMatchObject({ owner: "a-1", ownerName: "alice@example.com", title: "Bot account", revision: 1 });
    expect(d.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect((await getDraft(d.id)).text).toBe(SA("bot"));
    await rejects(updateDraft(bob, d.id, { text: SA("x") }, limits), "forbidden", /belongs to alice@example.com: save a copy/);
    await rejects(deleteDraft(bob, d.id), "forbidden", /belongs to/);
    const next = await updateDraft(alice, d.id, { text: SA("bot2") }, limits);
    expect(next.revision).toBe(2);
    await deleteDraft(alice, d.id);
    await rejects(getDraft(d.id), "not_found", /does not exist or has expired/);
  });

  it("are bounded in size, objects and number per user", async () => {
    await rejects(createDraft(alice, { source: "demo", text: "#".repeat(3000) }, limits), "bad_request", /3 KB; a draft may hold 2 KB/);
    await rejects(createDraft(alice, { source: "demo", text: [SA("a"), SA("b"), SA("c"), SA("d")].join("---\n") }, limits), "bad_request", /changes 4 objects; a draft may change 3/);
    await createDraft(alice, { source: "demo", text: SA("a") }, limits);
    await createDraft(alice, { source: "demo", text: SA("b") }, limits);
    await rejects(createDraft(alice, { source: "demo", text: SA("c") }, limits), "bad_request", /2 drafts, the most one user may keep/);
    await expect(createDraft(bob, { source: "demo", text: SA("c") }, limits)).resolves.toBeTruthy();
    await rejects(getDraft("../../etc"), "not_found", /does not exist/);
  });

  it("a source id with a draft gives the source with the draft applied, cached per revision", async () => {
    const d = await createDraft(alice, { source: "demo", text: `# clearance: delete Namespace payments\n` }, limits);
    const base = await getSnapshot("demo");
    const withIt = await getSnapshot(withDraft("demo", d.id));
    expect(base.namespaces.some((n) => n.name === "payments")).toBe(true);
    expect(withIt.namespaces.some((n) => n.name === "payments")).toBe(false);
    expect(await getSnapshot(withDraft("demo", d.id))).toBe(withIt);
    const next = await updateDraft(alice, d.id, { text: "" }, limits);
    expect(appliedDraft(base, next).snapshot.namespaces.some((n) => n.name === "payments")).toBe(true);
  });
});
