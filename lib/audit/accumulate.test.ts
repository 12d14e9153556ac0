import { describe, expect, it } from "vitest";
import { UsageAccumulator } from "./accumulate";
import { auditFixture } from "./fixture";
import { DAY, T0, line, usageOf } from "./testing";

const index = auditFixture();

describe("UsageAccumulator", () => {
  it("counts each distinct request once with its count, first and last time, and the window", () => {
    const u = usageOf(index, [
      { as: "data/reports", verb: "get", resource: "secrets", namespace: "data", name: "db", day: 1 },
      { as: "data/reports", verb: "get", resource: "secrets", namespace: "data", name: "db", day: 5 },
      { as: "data/reports", verb: "get", resource: "secrets", namespace: "data", name: "db", day: 3 },
      { as: "ci/deployer", verb: "patch", resource: "deployments", apiGroup: "apps", namespace: "shop", name: "web", day: 14 },
    ]);
    expect(u.window).toEqual({ from: T0 + DAY, to: T0 + 14 * DAY });
    expect(u.requests).toBe(4);
    const get = u.atoms.find((a) => a.identity.username === "system:serviceaccount:data:reports")!;
    expect([get.count, get.first, get.last]).toEqual([3, T0 + DAY, T0 + 5 * DAY]);
    expect(get.rbacAllowed).toBe(true);
    expect(get.paths.map((p) => [p.grant.id, p.rules])).toEqual([["ClusterRoleBinding/reports-secrets", [0]]]);
  });

  it("records every binding that authorises a request, not only the first", () => {
    const u = usageOf(index, [{ as: "ci/deployer", verb: "list", resource: "pods", namespace: "shop" }]);
    expect(u.atoms[0].paths.map((p) => p.grant.id).sort()).toEqual(["ClusterRoleBinding/all-view", "ClusterRoleBinding/ci-admin"]);
  });

  it("keeps what RBAC would not authorise, and refused requests apart from allowed ones", () => {
    const u = usageOf(index, [
      { as: "shop/web", verb: "list", resource: "secrets", namespace: "shop", decision: "forbid" },
      { as: "system:node:n1", groups: ["system:nodes"], verb: "get", resource: "secrets", namespace: "shop", name: "tls" },
    ]);
    expect(u.atoms.map((a) => [a.identity.username, a.decision, a.rbacAllowed])).toEqual([
      ["system:serviceaccount:shop:web", "forbid", false],
      ["system:node:n1", "allow", false],
    ]);
  });

  it("folds names past the cap into one nameless request per outcome, merging its granting paths", () => {
    const specs = Array.from({ length: 6 }, (_, i) => ({ as: "data/airflow", verb: "get", resource: "pods", namespace: "data", name: `task-${i}` }));
    const u = usageOf(index, [...specs, specs[5]], { namesPerRequest: 3 });
    const names = u.atoms.map((a) => (a.request.resourceRequest ? a.request.name : "")).sort();
    expect(names).toEqual(["", "task-0", "task-1", "task-2"]);
    const folded = u.atoms.find((a) => a.folded)!;
    expect([folded.count, folded.folded, folded.rbacAllowed]).toEqual([4, 4, true]);
    expect(folded.paths.map((p) => p.grant.id).sort()).toEqual(["ClusterRoleBinding/all-view", "RoleBinding/data/airflow-pods"]);
    expect(u.folded.names).toBe(4);
  });

  it("reports bad lines with file and line, never stops, and skips other stages and blank lines", () => {
    const acc = new UsageAccumulator(index);
    acc.beginFile("a.log");
    acc.addLine(line({ as: "data/reports", verb: "get", resource: "secrets", namespace: "data", name: "db" }));
    acc.addLine('{"kind":"Event", truncated');
    acc.addLine("");
    acc.beginFile("b.log.gz");
    acc.addLine(JSON.stringify({ kind: "Event", apiVersion: "audit.k8s.io/v1", stage: "RequestReceived", verb: "get" }));
    acc.addLine(JSON.stringify({ kind: "Pod" }));
    acc.addLine(line({ as: "ci/deployer", verb: "get", path: "/version", day: 2 }));
    const u = acc.result();
    expect(u.bad.count).toBe(2);
    expect(u.bad.samples.map((b) => [b.file, b.line, b.message.split(":")[0]])).toEqual([
      ["a.log", 2, "invalid JSON"],
      ["b.log.gz", 2, 'kind is "Pod", not "Event"'],
    ]);
    expect(u.skipped).toEqual({ stage: 1, unauthenticated: 0, blank: 1 });
    expect(u.files.map((f) => [f.file, f.lines, f.requests, f.bad])).toEqual([
      ["a.log", 3, 1, 1],
      ["b.log.gz", 3, 1, 1],
    ]);
    expect(u.requests).toBe(2);
  });
});
