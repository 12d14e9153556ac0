import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { complianceDoc } from "./doc";

describe("docs/compliance.md", () => {
  it("is what `npm run docs:compliance` renders from the control data", () => {
    expect(readFileSync(new URL("../../docs/compliance.md", import.meta.url), "utf8")).toBe(`${complianceDoc()}\n`);
  });
});
