import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PolicyRule } from "../model";
import { ruleAllows } from "../rbac/rule-allows";
import type { ResourceRequest } from "../rbac/request";
import { narrowRule, type RulePoint } from "./rbac-narrow";

const pick = <T,>(xs: readonly T[]) => fc.constantFrom(...xs);
const subset = <T,>(xs: readonly T[], max = 3, min = 1) => fc.uniqueArray(pick(xs), { minLength: min, maxLength: max });

const VERBS = ["get", "list", "create", "*"];
const GROUPS = ["", "apps", "*"];
const RESOURCES = ["pods", "pods/exec", "*/exec", "secrets", "*"];
const ruleArb: fc.Arbitrary<PolicyRule> = fc.record({ verbs: subset(VERBS), apiGroups: subset(GROUPS, 2), resources: subset(RESOURCES), resourceNames: fc.oneof(fc.constant([] as string[]), subset(["a"], 1)), nonResourceURLs: fc.constant([] as string[]) });
const pointArb: fc.Arbitrary<RulePoint> = fc.record({ verb: pick(["get", "list", "create"]), apiGroup: pick(["", "apps"]), resource: pick(["pods", "pods/exec", "secrets"]) });

const requests: ResourceRequest[] = [];
for (const verb of ["get", "list", "create", "delete"]) for (const apiGroup of ["", "apps", "batch"]) for (const r of ["pods", "pods/exec", "secrets", "nodes/exec"]) for (const name of ["", "a", "b"]) {
  const [resource, subresource = ""] = r.split("/");
  requests.push({ resourceRequest: true, verb, apiGroup, resource, subresource, name, namespace: "" });
}
const isPoint = (q: ResourceRequest, p: RulePoint) => q.verb === p.verb && q.apiGroup === p.apiGroup && (q.subresource ? `${q.resource}/${q.subresource}` : q.resource) === p.resource;

describe("narrowRule", () => {
  it("never allows the point nor anything the rule did not; when exact, keeps everything else", () => {
    fc.assert(
      fc.property(ruleArb, pointArb, (rule, p) => {
        const n = narrowRule(rule, p);
        for (const q of requests) {
          const now = n.rules.some((r) => ruleAllows(q, r));
          const was = ruleAllows(q, rule);
          if (isPoint(q, p)) expect(now).toBe(false);
          else if (n.how === "exact") expect(now).toBe(was);
          else expect(!now || was).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ["splits a box around the point", { verbs: ["get", "create"], apiGroups: [""], resources: ["pods", "pods/exec"] }, { verb: "create", apiGroup: "", resource: "pods/exec" }, "exact", 2],
    ["a wildcard verb cannot lose one verb: the resource goes", { verbs: ["*"], apiGroups: [""], resources: ["pods", "pods/exec"] }, { verb: "create", apiGroup: "", resource: "pods/exec" }, "resource", 1],
    ["all wildcards: the rule goes", { verbs: ["*"], apiGroups: ["*"], resources: ["*"] }, { verb: "get", apiGroup: "", resource: "secrets" }, "rule", 0],
  ])("%s", (_, r, p, how, count) => {
    const n = narrowRule({ resourceNames: [], nonResourceURLs: [], ...r }, p);
    expect([n.how, n.rules.length]).toEqual([how, count]);
  });
});
