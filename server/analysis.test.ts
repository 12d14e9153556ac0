import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { exceptionsFor } from "./analysis";

describe("the exceptions file (server/analysis.ts)", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "clearance-analysis-"));
  afterEach(() => vi.unstubAllEnvs());
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("is the server's configuration: malformed, it is misconfigured (a 500, logged), not the caller's bad request", async () => {
    const f = path.join(dir, "exceptions.yaml");
    writeFileSync(f, "exceptions:\n  - rule: [\n");
    vi.stubEnv("CLEARANCE_EXCEPTIONS", f);
    vi.stubEnv("CLEARANCE_DATA_DIR", "");
    vi.stubEnv("CLEARANCE_DATABASE_URL", "");
    await expect(exceptionsFor("demo")).rejects.toMatchObject({ code: "misconfigured", message: expect.stringContaining("exceptions.yaml") });
  });
});
