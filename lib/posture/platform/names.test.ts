import { describe, expect, it } from "vitest";
import { SnapshotBuilder } from "../../model";
import { hiddenNameChecks } from "./names";

function snapshot(objects: unknown[]) {
  const b = new SnapshotBuilder({ type: "files", id: "t", label: "t" });
  for (const o of objects) b.add(o, { source: "t" });
  return b.build({ synthesizePods: false, aggregation: "compute" });
}

describe("PL-hidden-characters", () => {
  it("names each subject and object whose name holds control, bidi or invisible characters, escaped", () => {
    const s = snapshot([
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } },
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "ClusterRoleBinding",
        metadata: { name: "admins" },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
        subjects: [
          { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "user\u202eevil\u202c" },
          { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "\u001b[2Jcleared" },
          { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "alice" },
        ],
      },
      { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "web\u200b", namespace: "shop" } },
    ]);
    const f = hiddenNameChecks(s);
    expect(f.map((x) => [x.rule, x.severity, `${x.resources[0].kind}/${x.resources[0].name}`, x.evidence])).toEqual([
      ["PL-hidden-characters", "medium", "ServiceAccount/web\u200b", "the ServiceAccount name ⚠web\\u200b contains \\u200b: shown escaped, it may display as something else or act on a terminal"],
      ["PL-hidden-characters", "medium", "ClusterRoleBinding/admins", "the subject User ⚠user\\u202eevil\\u202c contains \\u202e, \\u202c: shown escaped, it may display as something else or act on a terminal"],
      ["PL-hidden-characters", "medium", "ClusterRoleBinding/admins", "the subject User ⚠\\x1b[2Jcleared contains \\x1b: shown escaped, it may display as something else or act on a terminal"],
    ]);
    expect(new Set(f.map((x) => x.id)).size).toBe(3);
  });

  it("names an object with a plain name in a namespace whose name is not", () => {
    const f = hiddenNameChecks(snapshot([{ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "builder", namespace: "ops\u2066" } }]));
    expect(f.map((x) => `${x.resources[0].kind}/${x.resources[0].namespace ?? ""}/${x.resources[0].name}: ${x.evidence.split(" contains")[0]}`)).toEqual([
      "Namespace//ops\u2066: the Namespace name ⚠ops\\u2066",
      "ServiceAccount/ops\u2066/builder: the namespace name ⚠ops\\u2066",
    ]);
  });

  it("finds nothing in plain names, whatever their script", () => {
    expect(hiddenNameChecks(snapshot([{ apiVersion: "v1", kind: "Namespace", metadata: { name: "café-日本" } }]))).toEqual([]);
  });
});
