/**
 * Fixing a grant asked for by its parts (the RBAC explorer's permission rows and `clearance fix
 * grant`): the subject written as User/NAME, Group/NAME or ServiceAccount/NS/NAME, one or more
 * verbs on one resource of one group, in a namespace or cluster-wide.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isClearanceError } from "../errors";
import { snapshotFromYaml } from "../model/testing";
import { fixGrantQuery } from "./grant";

const DEMO = new URL("../../demo/cluster/", import.meta.url);
const demo = snapshotFromYaml(readdirSync(DEMO).filter((f) => f.endsWith(".yaml")).sort().map((f) => readFileSync(new URL(f, DEMO), "utf8")).join("\n---\n"));

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return isClearanceError(e) ? e.code : "other";
  }
  return "none";
};

describe("fixGrantQuery", () => {
  it("takes one verb on secrets from data/reports: narrowing the role loses nothing else", () => {
    const fix = fixGrantQuery(demo, { subject: "ServiceAccount/data/reports", verbs: ["list"], group: "", resource: "secrets" });
    expect(fix.target).toEqual({ subject: { kind: "ServiceAccount", namespace: "data", name: "reports" }, points: [{ verb: "list", apiGroup: "", resource: "secrets" }], namespace: "" });
    expect(fix.paths).toEqual(['ClusterRoleBinding "reports-secret-reader" of ClusterRole "secret-reader"']);
    expect(fix.alternatives[0]).toMatchObject({ kind: "narrow-rules", collateral: 0, removesTarget: true });
  });

  it("takes every verb of a row at once: each is a target point", () => {
    const fix = fixGrantQuery(demo, { subject: "ServiceAccount/data/reports", verbs: ["get", "list", "watch"], group: "", resource: "secrets" });
    expect(fix.target.points.map((p) => p.verb)).toEqual(["get", "list", "watch"]);
    const unbind = fix.alternatives.find((a) => a.kind === "unbind")!;
    expect(unbind.collateral).toBe(0);
    expect(fix.alternatives.every((a) => a.removesTarget)).toBe(true);
  });

  it("answers with no alternative (and no path) when no binding naming the subject grants it", () => {
    const fix = fixGrantQuery(demo, { subject: "ServiceAccount/data/reports", verbs: ["delete"], group: "", resource: "secrets" });
    expect(fix.paths).toEqual([]);
    expect(fix.alternatives).toEqual([]);
  });

  it("refuses a malformed subject or an empty verb list as bad input, naming it", () => {
    expect(code(() => fixGrantQuery(demo, { subject: "Robot/x", verbs: ["get"], group: "", resource: "secrets" }))).toBe("bad_request");
    expect(code(() => fixGrantQuery(demo, { subject: "User/alice", verbs: [], group: "", resource: "secrets" }))).toBe("bad_request");
  });
});
