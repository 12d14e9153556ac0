import { describe, expect, it } from "vitest";
import { snapshotOf } from "./fixtures";
import { networkGaps, rbacGaps } from "./gaps";

describe("network gaps", () => {
  it("says what each unreadable kind does to the answers, and ignores what is fine or not installed", () => {
    const s = snapshotOf([]);
    s.kinds = {
      networkpolicies: { state: "forbidden", message: "networkpolicies is forbidden" },
      adminnetworkpolicies: { state: "not-installed" },
      pods: { state: "ok" },
      roles: { state: "forbidden" },
    };
    expect(networkGaps(s)).toEqual(["NetworkPolicies could not be read: connections shown as allowed may be blocked (forbidden: networkpolicies is forbidden)"]);
    expect(networkGaps(snapshotOf([]))).toEqual([]);
    expect(rbacGaps(s)).toEqual(["RBAC objects could not be read (roles: forbidden): attack paths through service-account tokens may be missing"]);
    expect(rbacGaps(snapshotOf([]))).toEqual([]);
  });
});
