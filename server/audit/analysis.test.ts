import { describe, expect, it } from "vitest";
import { auditLogPaths } from "./analysis";

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
