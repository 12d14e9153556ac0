import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { meta } from "./common";
import { policyRule, role, roleBinding } from "./rbac";
import * as R from "../raw";

/** The records as they were built before (spreads): the reference for key order and values. */
function spreadRole(kind: "Role" | "ClusterRole", raw: unknown) {
  const r = R.RoleS.parse(raw);
  return { ...meta(r.metadata, kind === "Role"), kind, rules: (r.rules ?? []).map(policyRule) };
}
function spreadBinding(kind: "RoleBinding" | "ClusterRoleBinding", raw: unknown) {
  const b = R.RoleBindingS.parse(raw);
  return {
    ...meta(b.metadata, kind === "RoleBinding"),
    kind,
    roleRef: { apiGroup: b.roleRef.apiGroup ?? "rbac.authorization.k8s.io", kind: b.roleRef.kind, name: b.roleRef.name },
    subjects: (b.subjects ?? []).map((s) => ({
      kind: s.kind,
      name: s.name,
      ...(s.namespace ? { namespace: s.namespace } : {}),
      ...(s.apiGroup !== null && s.apiGroup !== undefined ? { apiGroup: s.apiGroup } : {}),
    })),
  };
}

const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const metadata = fc.record(
  { name: fc.constantFrom("a", "b"), namespace: maybe(fc.constantFrom("", "ns")), uid: maybe(fc.constantFrom("", "u1")), creationTimestamp: maybe(fc.constant("2024-01-01T00:00:00Z")), labels: maybe(fc.dictionary(fc.constantFrom("x", "y"), fc.constantFrom("1", "2"))) },
  { requiredKeys: ["name"] },
);
const text = fc.constantFrom("", "rbac.authorization.k8s.io", "x");
const subject = fc.record({ kind: fc.constantFrom("User", "Group", "ServiceAccount"), name: fc.constantFrom("s", "t"), namespace: fc.option(text, { nil: undefined }), apiGroup: fc.option(text) }, { requiredKeys: ["kind", "name"] });
const binding = fc.record({ metadata, roleRef: fc.record({ apiGroup: fc.option(text, { nil: undefined }), kind: fc.constantFrom("Role", "ClusterRole"), name: fc.constant("r") }, { requiredKeys: ["kind", "name"] }), subjects: fc.option(fc.array(subject, { maxLength: 3 })) }, { requiredKeys: ["metadata", "roleRef"] });
const rule = fc.record({ verbs: fc.array(fc.constantFrom("get", "*"), { maxLength: 2 }), resources: maybe(fc.array(fc.constantFrom("pods", "*"), { maxLength: 2 })) }, { requiredKeys: ["verbs"] });
const roleRaw = fc.record({ metadata, rules: fc.option(fc.array(rule, { maxLength: 3 })) }, { requiredKeys: ["metadata"] });

describe("RBAC records", () => {
  it("are the records the spreads made, key order included", () => {
    fc.assert(
      fc.property(binding, roleRaw, fc.boolean(), (b, r, namespaced) => {
        const bk = namespaced ? "RoleBinding" : "ClusterRoleBinding";
        if (bk === "RoleBinding" || b.roleRef.kind === "ClusterRole") expect(JSON.stringify(roleBinding(bk, b))).toBe(JSON.stringify(spreadBinding(bk, b)));
        const rk = namespaced ? "Role" : "ClusterRole";
        expect(JSON.stringify(role(rk, r))).toBe(JSON.stringify(spreadRole(rk, r)));
      }),
      { seed: 20261205, numRuns: 500 },
    );
  });
});
