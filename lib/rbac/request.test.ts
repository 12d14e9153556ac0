import { describe, expect, it } from "vitest";
import { describeRequest, nonResourceRequest, normalizeResourceRequest, resourceRequest } from "./request";
import { lookupResource, isClusterScoped } from "./resources";
import { parseServiceAccountUsername, parseSubjectId, subjectId, userIdentity, serviceAccountIdentity } from "./subjects";

describe("request normalisation (API server request parsing)", () => {
  it("lowercases verbs and splits resource/subresource", () => {
    expect(resourceRequest({ verb: " CREATE ", resource: "pods/exec", namespace: "a", name: "web" })).toEqual({
      resourceRequest: true, verb: "create", apiGroup: "", resource: "pods", subresource: "exec", name: "web", namespace: "a",
    });
  });

  it("drops the namespace of cluster-scoped resources, with a note", () => {
    const { request, notes } = normalizeResourceRequest({ verb: "get", resource: "nodes", namespace: "a" });
    expect(request.namespace).toBe("");
    expect(notes[0]).toContain("cluster-scoped");
    expect(resourceRequest({ verb: "create", apiGroup: "certificates.k8s.io", resource: "certificatesigningrequests", namespace: "a" }).namespace).toBe("");
  });

  it("keeps the namespace of namespaced and unknown resources", () => {
    expect(resourceRequest({ verb: "get", resource: "secrets", namespace: "a" }).namespace).toBe("a");
    expect(resourceRequest({ verb: "get", apiGroup: "example.io", resource: "widgets", namespace: "a" }).namespace).toBe("a");
  });

  it("puts the Namespace object in its own namespace", () => {
    expect(resourceRequest({ verb: "patch", resource: "namespaces", name: "foo" }).namespace).toBe("foo");
    expect(resourceRequest({ verb: "get", resource: "namespaces/status", name: "foo" }).namespace).toBe("foo");
    const { request, notes } = normalizeResourceRequest({ verb: "list", resource: "namespaces", namespace: "foo" });
    expect(request.namespace).toBe("");
    expect(notes).toHaveLength(1);
  });

  it("keeps the binding's namespace for bind on clusterroles (BindingAuthorized)", () => {
    expect(resourceRequest({ verb: "bind", apiGroup: "rbac.authorization.k8s.io", resource: "clusterroles", name: "admin", namespace: "team" }).namespace).toBe("team");
    expect(resourceRequest({ verb: "escalate", apiGroup: "rbac.authorization.k8s.io", resource: "clusterroles", namespace: "team" }).namespace).toBe("");
  });

  it("describes requests", () => {
    expect(describeRequest(resourceRequest({ verb: "get", resource: "secrets", namespace: "payments" }))).toBe("get secrets in namespace payments");
    expect(describeRequest(resourceRequest({ verb: "get", apiGroup: "apps", resource: "deployments/scale", name: "web" }))).toBe('get deployments/scale.apps named "web" in all namespaces');
    expect(describeRequest(resourceRequest({ verb: "get", resource: "nodes" }))).toBe("get nodes (cluster-scoped)");
    expect(describeRequest(nonResourceRequest("GET", "/metrics"))).toBe("get /metrics");
  });
});

describe("well-known resources", () => {
  it("resolves plurals, short names and singulars to their group", () => {
    expect(lookupResource("deployments")?.group).toBe("apps");
    expect(lookupResource("deploy")?.group).toBe("apps");
    expect(lookupResource("Deployment")?.resource).toBe("deployments");
    expect(lookupResource("networkpolicy")?.group).toBe("networking.k8s.io");
    expect(lookupResource("events")?.group).toBe("");
    expect(lookupResource("widgets")).toBeUndefined();
  });
  it("knows the cluster-scoped ones", () => {
    for (const [g, r] of [["", "nodes"], ["", "persistentvolumes"], ["rbac.authorization.k8s.io", "clusterroles"], ["apiextensions.k8s.io", "customresourcedefinitions"], ["storage.k8s.io", "storageclasses"], ["admissionregistration.k8s.io", "mutatingwebhookconfigurations"]]) {
      expect(isClusterScoped(g, r), `${g}/${r}`).toBe(true);
    }
    expect(isClusterScoped("", "pods")).toBe(false);
    expect(isClusterScoped("apps", "nodes")).toBe(false);
  });
});

describe("identities", () => {
  it("adds the implicit groups", () => {
    expect(userIdentity("alice", ["devs"])).toEqual({ username: "alice", groups: ["devs", "system:authenticated"] });
    expect(userIdentity("system:anonymous")).toEqual({ username: "system:anonymous", groups: ["system:unauthenticated"] });
    expect(serviceAccountIdentity("ci", "deployer")).toEqual({ username: "system:serviceaccount:ci:deployer", groups: ["system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated"] });
  });
  it("parses service account usernames and subject ids", () => {
    expect(parseServiceAccountUsername("system:serviceaccount:ci:deployer")).toEqual({ namespace: "ci", name: "deployer" });
    expect(parseServiceAccountUsername("system:serviceaccounts:ci")).toBeNull();
    expect(parseSubjectId(subjectId({ kind: "ServiceAccount", namespace: "ci", name: "deployer" }))).toEqual({ kind: "ServiceAccount", namespace: "ci", name: "deployer" });
    expect(parseSubjectId("Group/system:masters")).toEqual({ kind: "Group", name: "system:masters" });
    expect(parseSubjectId("Robot/x")).toBeNull();
  });
});
