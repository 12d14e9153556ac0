import { describe, expect, it } from "vitest";
import { contextSourceId, historySourceId } from "./snapshot";

describe("the id a scan's history is kept under", () => {
  it("is the dashboard's for a kubeconfig context, so CI scans and the dashboard share one trend", () => {
    expect(historySourceId({ type: "live", id: "live:prod", label: "prod", context: "prod" })).toBe("ctx-prod");
    expect(contextSourceId("prod")).toBe("ctx-prod");
  });
  it("is the snapshot's own id otherwise", () => {
    expect(historySourceId({ type: "files", id: "files:manifests", label: "manifests" })).toBe("files:manifests");
    expect(historySourceId({ type: "demo", id: "demo", label: "Demo" })).toBe("demo");
  });
});
