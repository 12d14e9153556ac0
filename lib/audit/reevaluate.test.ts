/** Re-evaluating a read log against another index gives what reading the log against it gives. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildRbacIndex } from "../rbac/rbac-index";
import { clusterRole, clusterRoleBinding, roleBinding, rule, sa } from "../rbac/test-objects";
import type { AuditUsage } from "./accumulate";
import { reevaluate } from "./reevaluate";
import { usageOf, type LineSpec } from "./testing";

const NS = ["shop", "data"];
const roles = [
  clusterRole("reader", [rule({ verbs: ["get", "list"], apiGroups: [""], resources: ["pods", "secrets"] })]),
  clusterRole("named", [rule({ verbs: ["get"], apiGroups: [""], resources: ["secrets"], resourceNames: ["db"] })]),
  clusterRole("writer", [rule({ verbs: ["create", "patch"], apiGroups: ["", "apps"], resources: ["*"] })]),
];
const indexArb = fc
  .array(fc.record({ role: fc.constantFrom("reader", "named", "writer"), ns: fc.constantFrom("", ...NS), who: fc.constantFrom("a", "b") }), { maxLength: 5 })
  .map((bs) =>
    buildRbacIndex({
      clusterRoles: roles,
      roles: [],
      clusterRoleBindings: bs.filter((b) => !b.ns).map((b, i) => clusterRoleBinding(`crb${i}`, b.role, [sa("shop", b.who)])),
      roleBindings: bs.filter((b) => b.ns).map((b, i) => roleBinding(b.ns, `rb${i}`, { kind: "ClusterRole", name: b.role }, [sa("shop", b.who)])),
    }),
  );
const specArb: fc.Arbitrary<LineSpec> = fc.record({ as: fc.constantFrom("shop/a", "shop/b"), verb: fc.constantFrom("get", "list", "create", "patch", "delete"), resource: fc.constantFrom("pods", "secrets", "deployments"), namespace: fc.constantFrom(...NS), name: fc.constantFrom("db", "web", ""), day: fc.nat(9) }).map((s) => ({ ...s, ...(s.resource === "deployments" ? { apiGroup: "apps" } : {}), ...(s.name ? {} : { name: undefined }) }));

/** An atom as a comparable row: the request and counts, and which grants (by id) and rules allow it. */
const rows = (u: AuditUsage) => u.atoms.map((a) => JSON.stringify([a.identity.username, a.request, a.decision, a.count, a.first, a.last, a.rbacAllowed, a.bypass, a.paths.map((p) => [p.grant.id, p.rules])])).sort();

describe("reevaluate", () => {
  it("gives what reading the log against the new index gives", () => {
    fc.assert(
      fc.property(indexArb, indexArb, fc.array(specArb, { minLength: 1, maxLength: 30 }), (before, after, specs) => {
        const read = usageOf(before, specs);
        expect(rows(reevaluate(read, after))).toEqual(rows(usageOf(after, specs)));
      }),
      { numRuns: 200 },
    );
  });
});
