import { describe, expect, it } from "vitest";
import { nonResourceRequest, resourceRequest, type ResourceRequestInput } from "./request";
import { matchingRules, ruleAllows } from "./rule-allows";
import { rule } from "./test-objects";

const r = (input: Partial<ResourceRequestInput> & { verb: string; resource: string }) => resourceRequest({ namespace: "ns", ...input });

describe("ruleAllows — resource requests (upstream RuleAllows)", () => {
  const cases: [string, ReturnType<typeof rule>, ReturnType<typeof r>, boolean][] = [
    ["exact verb, group, resource", rule({ verbs: ["get"], apiGroups: [""], resources: ["pods"] }), r({ verb: "get", resource: "pods" }), true],
    ["other verb", rule({ verbs: ["get"], apiGroups: [""], resources: ["pods"] }), r({ verb: "list", resource: "pods" }), false],
    ["verb * matches any verb, special verbs included", rule({ verbs: ["*"], apiGroups: [""], resources: ["pods"] }), r({ verb: "escalate", resource: "pods" }), true],
    ["rule verbs are case-sensitive (GET is not get)", rule({ verbs: ["GET"], apiGroups: [""], resources: ["pods"] }), r({ verb: "get", resource: "pods" }), false],
    ["request verbs are lowercased", rule({ verbs: ["get"], apiGroups: [""], resources: ["pods"] }), r({ verb: "GET", resource: "pods" }), true],
    ["core group is the empty string", rule({ verbs: ["get"], apiGroups: [""], resources: ["deployments"] }), r({ verb: "get", apiGroup: "apps", resource: "deployments" }), false],
    ["apiGroups * matches any group", rule({ verbs: ["get"], apiGroups: ["*"], resources: ["deployments"] }), r({ verb: "get", apiGroup: "apps", resource: "deployments" }), true],
    ["no apiGroups matches nothing", rule({ verbs: ["get"], resources: ["pods"] }), r({ verb: "get", resource: "pods" }), false],
    ["resources * matches the resource", rule({ verbs: ["get"], apiGroups: [""], resources: ["*"] }), r({ verb: "get", resource: "secrets" }), true],
    ["resources * matches subresources too", rule({ verbs: ["create"], apiGroups: [""], resources: ["*"] }), r({ verb: "create", resource: "pods/exec" }), true],
    ["pods does not cover pods/status", rule({ verbs: ["update"], apiGroups: [""], resources: ["pods"] }), r({ verb: "update", resource: "pods/status" }), false],
    ["pods/status does not cover pods", rule({ verbs: ["update"], apiGroups: [""], resources: ["pods/status"] }), r({ verb: "update", resource: "pods" }), false],
    ["resource/subresource exact", rule({ verbs: ["create"], apiGroups: [""], resources: ["pods/exec"] }), r({ verb: "create", resource: "pods/exec" }), true],
    ["*/subresource matches that subresource of any resource", rule({ verbs: ["update"], apiGroups: ["apps"], resources: ["*/scale"] }), r({ verb: "update", apiGroup: "apps", resource: "deployments/scale" }), true],
    ["*/subresource does not match the resource itself", rule({ verbs: ["update"], apiGroups: ["apps"], resources: ["*/scale"] }), r({ verb: "update", apiGroup: "apps", resource: "deployments" }), false],
    ["*/subresource does not match another subresource", rule({ verbs: ["update"], apiGroups: ["apps"], resources: ["*/scale"] }), r({ verb: "update", apiGroup: "apps", resource: "deployments/status" }), false],
    ["*/subresource does not match a longer subresource with the same suffix", rule({ verbs: ["get"], apiGroups: [""], resources: ["*/log"] }), r({ verb: "get", resource: "pods/xlog" }), false],
    ["pods/* is not a wildcard", rule({ verbs: ["create"], apiGroups: [""], resources: ["pods/*"] }), r({ verb: "create", resource: "pods/exec" }), false],
    ["pods/* matches only the literal subresource *", rule({ verbs: ["create"], apiGroups: [""], resources: ["pods/*"] }), r({ verb: "create", resource: "pods", subresource: "*" }), true],
    ["empty resourceNames allows any name", rule({ verbs: ["get"], apiGroups: [""], resources: ["secrets"] }), r({ verb: "get", resource: "secrets", name: "db" }), true],
    ["listed resourceName", rule({ verbs: ["get"], apiGroups: [""], resources: ["secrets"], resourceNames: ["db"] }), r({ verb: "get", resource: "secrets", name: "db" }), true],
    ["unlisted resourceName", rule({ verbs: ["get"], apiGroups: [""], resources: ["secrets"], resourceNames: ["db"] }), r({ verb: "get", resource: "secrets", name: "api" }), false],
    ["resourceNames never match a nameless request (list)", rule({ verbs: ["list"], apiGroups: [""], resources: ["secrets"], resourceNames: ["db"] }), r({ verb: "list", resource: "secrets" }), false],
    ["resourceNames never match a nameless request (create)", rule({ verbs: ["create"], apiGroups: [""], resources: ["pods"], resourceNames: ["web"] }), r({ verb: "create", resource: "pods" }), false],
    ["a nonResourceURLs rule never matches a resource request", rule({ verbs: ["get"], nonResourceURLs: ["*"] }), r({ verb: "get", resource: "pods" }), false],
  ];
  it.each(cases)("%s", (_name, rl, req, expected) => {
    expect(ruleAllows(req, rl)).toBe(expected);
  });
});

describe("ruleAllows — non-resource requests (upstream NonResourceURLMatches)", () => {
  const cases: [string, string[], string, string, boolean][] = [
    ["exact path", ["/healthz"], "get", "/healthz", true],
    ["exact path only", ["/healthz"], "get", "/healthz/ready", false],
    ["* matches every path", ["*"], "get", "/metrics", true],
    ["trailing * is a string prefix", ["/apis/*"], "get", "/apis/v1", true],
    ["/apis/* matches /apis/ itself", ["/apis/*"], "get", "/apis/", true],
    ["/apis/* does not match /apis", ["/apis/*"], "get", "/apis", false],
    ["prefix is plain string, not path segments: /foo* matches /foobar", ["/foo*"], "get", "/foobar", true],
    ["all trailing stars are trimmed", ["/foo**"], "get", "/foo/x", true],
    ["a star in the middle is literal", ["/a*/b"], "get", "/ab/b", false],
    ["verb must match", ["/metrics"], "post", "/metrics", false],
  ];
  it.each(cases)("%s", (_name, urls, verb, path, expected) => {
    const rl = rule({ verbs: ["get"], nonResourceURLs: urls });
    expect(ruleAllows(nonResourceRequest(verb, path), rl)).toBe(expected);
  });

  it("ignores apiGroups and resources, as upstream does for non-resource requests", () => {
    expect(ruleAllows(nonResourceRequest("get", "/metrics"), rule({ verbs: ["get"], apiGroups: ["x"], resources: ["pods"], nonResourceURLs: ["/metrics"] }))).toBe(true);
    expect(ruleAllows(nonResourceRequest("get", "/metrics"), rule({ verbs: ["get"], apiGroups: ["*"], resources: ["*"] }))).toBe(false);
  });
});

describe("matchingRules", () => {
  it("returns every matching rule index", () => {
    const rules = [rule({ verbs: ["get"], apiGroups: [""], resources: ["pods"] }), rule({ verbs: ["list"], apiGroups: [""], resources: ["pods"] }), rule({ verbs: ["*"], apiGroups: ["*"], resources: ["*"] })];
    expect(matchingRules(rules, r({ verb: "get", resource: "pods" }))).toEqual([0, 2]);
  });
});
