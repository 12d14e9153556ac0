import { describe, expect, it } from "vitest";
import { explorerFixture } from "./explorer-fixture";
import { permissionGrid } from "./permission-grid";
import { permissionsOf } from "./permissions";

const { index } = explorerFixture();

describe("permissionGrid", () => {
  it("one row per group and resource, verbs in columns, provenance on each row", () => {
    const grid = permissionGrid(permissionsOf(index, { kind: "Group", name: "acme:payments-leads" }));
    expect(grid.scopes.map((s) => s.namespace)).toEqual(["payments"]);
    const rows = grid.scopes[0].rows.map((r) => `${r.group || "core"} ${r.resource} ${r.verbs.join(",")}`);
    expect(rows).toEqual(["core configmaps get,list,create,update", "core pods/exec create", "core secrets get,list,create,update"]);
    expect(grid.scopes[0].rows[0].via.map((v) => v.text)).toEqual(['RoleBinding "payments/payments-leads-edit" of ClusterRole "edit"']);
  });

  it("a * verb fills every column and is listed as *", () => {
    const grid = permissionGrid(permissionsOf(index, { kind: "ServiceAccount", namespace: "ci", name: "deployer" }));
    const star = grid.scopes[0].rows[0];
    expect(star).toMatchObject({ group: "*", resource: "*", all: true, other: ["*"] });
    expect(star.verbs).toEqual([...grid.verbs]);
  });

  it("keeps resourceNames apart and lists URL rules separately", () => {
    const alice = permissionGrid(permissionsOf(index, { kind: "User", name: "alice" }));
    expect(alice.scopes[0].urls.map((u) => `${u.resource} ${u.verbs}`)).toEqual(["/api get", "/api/* get"]);
    expect(alice.scopes[1].rows).toEqual([expect.objectContaining({ resource: "configmaps", names: ["app"], verbs: ["get"] })]);
  });
});
