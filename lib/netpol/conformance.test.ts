import { describe, expect, it } from "vitest";
import { diffConnlists, isEmptyDiff, netpolAnalyzerName, parseConnlistText } from "./conformance";
import { pod, snapshotOf, deployment } from "./fixtures";

describe("conformance helpers", () => {
  it("compares connection lists as sets of port sets, not text", () => {
    const a = parseConnlistText("x => y : TCP 80,81\nx => z : All Connections\n");
    const b = parseConnlistText("x => z : SCTP 1-65535,TCP 1-65535,UDP 1-65535\nx => y : TCP 80-81");
    expect(isEmptyDiff(diffConnlists(a, b))).toBe(true);
    const c = parseConnlistText("x => y : TCP 80");
    expect(diffConnlists(a, c)).toEqual({ missing: ["x => z : All Connections"], extra: [], different: ["x => y : expected TCP 80-81, got TCP 80"] });
  });

  it("names workloads the way netpol-analyzer does", () => {
    const s = snapshotOf([pod("a", "p-1", {}, { owner: { kind: "ReplicaSet", name: "web-7d9f" } }), pod("a", "bare"), deployment("a", "api", { app: "api" })]);
    expect(s.pods.map(netpolAnalyzerName).sort()).toEqual(["a/api[Deployment]", "a/bare[Pod]", "a/web-7d9f[ReplicaSet]"]);
  });
});
