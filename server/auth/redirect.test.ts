import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./redirect";

describe("safeCallbackPath", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeCallbackPath("/c/demo/rbac?subject=alice")).toBe("/c/demo/rbac?subject=alice");
    expect(safeCallbackPath(["/c/demo", "/other"])).toBe("/c/demo");
  });
  it.each(["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "evil", "", "/signin?callbackUrl=/x", "/not-authorised", "/api/sources", "/c\n/x"])("sends %j to /", (v) => {
    expect(safeCallbackPath(v)).toBe("/");
  });
  it("defaults to /", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
  });
});
