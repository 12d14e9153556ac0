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

  it("a * verb fills every column and is listed as *, with what it grants in words", () => {
    const grid = permissionGrid(permissionsOf(index, { kind: "ServiceAccount", namespace: "ci", name: "deployer" }));
    const star = grid.scopes[0].rows[0];
    expect(star).toMatchObject({ group: "*", resource: "*", all: true, other: ["*"] });
    expect(star.verbs).toEqual([...grid.verbs]);
    expect(star.grants).toBe("every verb (escalate, bind, impersonate and any other included) on every resource and subresource in every API group");
  });

  it("expands wildcards into every row they cover: a cluster-admin's pods row allows create too, and says why", () => {
    const grid = permissionGrid({
      subject: { kind: "ServiceAccount", namespace: "ci", name: "x" },
      identity: { user: "system:serviceaccount:ci:x", groups: [] },
      assumedGroups: [],
      bypass: false,
      missingRoles: [],
      scopes: [
        { scope: "cluster", rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"], resourceNames: [], nonResourceURLs: [], via: [{ text: "cluster-admin" } as never] }], ineffective: [] },
        { scope: "namespace", namespace: "ci", rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"], resourceNames: [], nonResourceURLs: [], via: [{ text: "view" } as never] }, { apiGroups: ["apps"], resources: ["*/scale"], verbs: ["update"], resourceNames: [], nonResourceURLs: [], via: [{ text: "scaler" } as never] }, { apiGroups: ["apps"], resources: ["deployments/scale"], verbs: ["get"], resourceNames: [], nonResourceURLs: [], via: [{ text: "reader" } as never] }], ineffective: [] },
      ],
    } as never);
    const pods = grid.scopes[1].rows.find((r) => r.resource === "pods")!;
    expect(pods.verbs).toEqual([...grid.verbs]);
    expect(pods.all).toBe(true);
    expect(pods.fromWildcard).toEqual(["create", "update", "patch", "delete", "deletecollection", "*"]);
    expect(pods.via.map((v) => v.text)).toEqual(["view", "cluster-admin"]);
    // */scale covers deployments/scale in its group
    const scale = grid.scopes[1].rows.find((r) => r.resource === "deployments/scale")!;
    expect(scale.fromWildcard).toContain("update");
  });

  it("keeps resourceNames apart and lists URL rules separately", () => {
    const alice = permissionGrid(permissionsOf(index, { kind: "User", name: "alice" }));
    expect(alice.scopes[0].urls.map((u) => `${u.resource} ${u.verbs}`)).toEqual(["/api get", "/api/* get"]);
    expect(alice.scopes[1].rows).toEqual([expect.objectContaining({ resource: "configmaps", names: ["app"], verbs: ["get"] })]);
  });
});
