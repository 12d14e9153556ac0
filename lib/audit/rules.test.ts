import { describe, expect, it } from "vitest";
import { nonResourceRequest, resourceRequest } from "../rbac/request";
import { NAMES_LIMIT, rulesFor } from "./rules";

const r = (verb: string, resource: string, namespace = "", name = "", apiGroup = "") => ({ request: resourceRequest({ verb, resource, namespace, name, apiGroup }), folded: false });
const show = (rules: { verbs: string[]; apiGroups: string[]; resources: string[]; resourceNames: string[]; nonResourceURLs: string[] }[]) =>
  rules.map((x) => (x.nonResourceURLs.length ? `${x.verbs.join(",")} ${x.nonResourceURLs.join(",")}` : `${x.verbs.join(",")} ${x.apiGroups.join("+")}:${x.resources.join(",")}${x.resourceNames.length ? `[${x.resourceNames.join(",")}]` : ""}`));

describe("rulesFor", () => {
  it("puts each namespace apart, and what only a ClusterRoleBinding can grant cluster-wide", () => {
    const s = rulesFor([r("get", "pods", "a", "p1"), r("list", "pods"), r("get", "nodes", "", "n1"), { request: nonResourceRequest("get", "/metrics"), folded: false }, r("patch", "deployments", "b", "web", "apps")]);
    expect(show(s.cluster)).toEqual(["get :nodes[n1]", "list :pods", "get /metrics"]);
    expect([...s.namespaces].map(([ns, rs]) => [ns, show(rs)])).toEqual([
      ["a", ["get :pods[p1]"]],
      ["b", ["patch apps:deployments[web]"]],
    ]);
  });

  it("merges verbs only when they saw the same names, and resources and groups only when the union is exact", () => {
    const s = rulesFor([r("get", "configmaps", "a", "x"), r("update", "configmaps", "a", "y"), r("get", "secrets", "a", "x"), r("list", "services", "a"), r("list", "deployments", "a", "", "apps"), r("list", "services", "a", "", "apps")]);
    expect(show(s.namespaces.get("a")!)).toEqual(["update :configmaps[y]", "get :configmaps,secrets[x]", "list :services", "list apps:deployments,services"]);
  });

  it("names none when a request had no name, names were folded, or too many were seen", () => {
    const many = Array.from({ length: NAMES_LIMIT + 1 }, (_, i) => r("get", "pods", "a", `p${i}`));
    expect(show(rulesFor(many).namespaces.get("a")!)).toEqual(["get :pods"]);
    expect(show(rulesFor([r("get", "pods", "a", "p1"), { ...r("get", "pods", "a"), folded: true }]).namespaces.get("a")!)).toEqual(["get :pods"]);
    expect(show(rulesFor([r("get", "pods", "a", "p1"), r("get", "pods", "a")]).namespaces.get("a")!)).toEqual(["get :pods"]);
  });

  it("generalises to verb families and any name on request", () => {
    const s = rulesFor([r("get", "pods", "a", "p1"), r("patch", "deployments", "a", "web", "apps")], { verbs: "family", names: "any" });
    expect(show(s.namespaces.get("a")!)).toEqual(["get,list,watch :pods", "create,update,patch apps:deployments"]);
  });

  it("keeps the Namespace object in its own namespace and cannot name folded URL paths", () => {
    const s = rulesFor([r("patch", "namespaces", "", "shop"), { request: nonResourceRequest("get", ""), folded: true }]);
    expect(show(s.namespaces.get("shop")!)).toEqual(["patch :namespaces[shop]"]);
    expect(s.uncovered).toHaveLength(1);
  });
});
