import { describe, expect, it } from "vitest";
import { snapshotFromYaml } from "../model/testing";
import { rbacIndexOf } from "../analysis";
import { askWhoCan } from "./explorer";
import { parseQuestion } from "./explorer-query";

/** lister can only list Secrets, watcher only watch them, getter only get one by name: all three read them. */
const yaml = `
apiVersion: v1
kind: Namespace
metadata: {name: payments}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: list-secrets, namespace: payments}
rules: [{apiGroups: [""], resources: [secrets], verbs: [list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: lister, namespace: payments}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: list-secrets}
subjects: [{kind: User, name: lister}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: watch-secrets, namespace: payments}
rules: [{apiGroups: [""], resources: [secrets], verbs: [watch]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: watcher, namespace: payments}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: watch-secrets}
subjects: [{kind: User, name: watcher}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: get-secrets, namespace: payments}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get, list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: getter, namespace: payments}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: get-secrets}
subjects: [{kind: User, name: getter}]
`;

describe("who can read secrets", () => {
  const index = rbacIndexOf(snapshotFromYaml(yaml));
  const ask = (text: string) => askWhoCan(index, parseQuestion(text).query);

  it("means get, list or watch, lists everyone with any of them, and says so", () => {
    const a = ask("who can read secrets in payments");
    const users = a.subjects.filter((s) => s.kind === "User");
    expect(users.map((s) => [s.name, s.verbs])).toEqual([
      ["getter", ["get", "list"]],
      ["lister", ["list"]],
      ["watcher", ["watch"]],
    ]);
    expect(a.description).toBe("get, list or watch secrets in namespace payments");
    expect(a.notes[0]).toMatch(/^asked as get, list or watch \(what “read” means: list and watch return whole objects/);
    const getter = users.find((s) => s.name === "getter")!;
    expect(getter.via).toHaveLength(1);
    expect(getter.via[0].verbs).toEqual(["get", "list"]);
  });

  it("a plain get stays a get (the rewrite is only for read)", () => {
    const a = ask("who can get secrets in payments");
    expect(a.subjects.filter((s) => s.kind === "User").map((s) => s.name)).toEqual(["getter"]);
    expect(a.verbs).toEqual(["get"]);
  });
});
