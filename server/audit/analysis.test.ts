import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { auditFixture } from "../../lib/audit/fixture";
import { line } from "../../lib/audit/testing";
import { buildRbacIndex } from "../../lib/rbac/rbac-index";
import { auditLogPaths, usageFor } from "./analysis";

const draft = "abcdefghijklmnopqrstuv"; // 22 base64url characters, as lib/whatif/source-id.ts expects
const env = (logs: string) => ({ NODE_ENV: "test", CLEARANCE_AUDIT_LOGS: logs, CLEARANCE_ROOT: "/nonexistent" }) as NodeJS.ProcessEnv;

describe("auditLogPaths", () => {
  it("gives a source its named paths, else the bare ones; the demo only what names it", () => {
    const e = env("snap-prod=/logs/prod, /logs/all ,demo=/logs/demo");
    expect(auditLogPaths("snap-prod", e)).toEqual(["/logs/prod"]);
    expect(auditLogPaths("ctx-kind", e)).toEqual(["/logs/all"]);
    expect(auditLogPaths("demo", e)).toEqual(["/logs/demo"]);
    expect(auditLogPaths("demo", env("/logs/all"))).toEqual([]);
  });

  it("reads a source's log when the source is seen with a draft", () => {
    const e = env("snap-prod=/logs/prod");
    expect(auditLogPaths(`snap-prod~${draft}`, e)).toEqual(["/logs/prod"]);
  });
});

describe("usageFor", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "clearance-audit-usage-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const get = (name: string) => line({ as: "data/reports", verb: "get", resource: "secrets", namespace: "data", name, day: 1 });

  it("reads a log once while its files stay the same, and re-evaluates what it read against each index", async () => {
    const file = path.join(dir, "audit.log");
    const when = new Date("2026-11-01T00:00:00Z");
    writeFileSync(file, `${get("db")}\n`);
    utimesSync(file, when, when);
    const index = auditFixture();
    const first = await usageFor(index, [dir]);
    expect(first.atoms.map((a) => [a.request.resourceRequest && a.request.name, a.rbacAllowed])).toEqual([["db", true]]);
    // The same size and time, another name: not read again.
    writeFileSync(file, `${get("xy")}\n`);
    utimesSync(file, when, when);
    const none = buildRbacIndex({ ...index.objects, clusterRoleBindings: [] });
    const again = await usageFor(none, [dir]);
    expect(again.atoms.map((a) => [a.request.resourceRequest && a.request.name, a.rbacAllowed, a.paths.length])).toEqual([["db", false, 0]]);
    // Changed files are read again.
    writeFileSync(file, `${get("xy")}\n${get("xy")}\n`);
    const changed = await usageFor(index, [dir]);
    expect(changed.atoms.map((a) => [a.request.resourceRequest && a.request.name, a.count])).toEqual([["xy", 2]]);
  });
});
