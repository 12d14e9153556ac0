import { describe, expect, it } from "vitest";
import type { Pod } from "../model";
import { buildRbacIndex } from "./rbac-index";
import { resolveResource } from "./resolve-resource";
import { clusterRole, rule } from "./test-objects";
import { tokenMount, workloadIdentities } from "./workload-identity";

const index = buildRbacIndex({
  roles: [],
  roleBindings: [],
  clusterRoleBindings: [],
  clusterRoles: [
    clusterRole("gz", [rule({ verbs: ["get"], apiGroups: ["example.io"], resources: ["gizmos", "gizmos/status"] })]),
    clusterRole("two", [rule({ verbs: ["get"], apiGroups: ["a.io", "b.io"], resources: ["widgets"] })]),
  ],
});

describe("resolveResource", () => {
  it.each([
    ["pods", undefined, { apiGroup: "", resource: "pods", subresource: "" }],
    ["pods/exec", undefined, { apiGroup: "", resource: "pods", subresource: "exec" }],
    ["deployments", undefined, { apiGroup: "apps", resource: "deployments", subresource: "" }],
    ["deploy/scale", undefined, { apiGroup: "apps", resource: "deployments", subresource: "scale" }],
    ["deployments.apps", undefined, { apiGroup: "apps", resource: "deployments", subresource: "" }],
    ["certificates.cert-manager.io/status", undefined, { apiGroup: "cert-manager.io", resource: "certificates", subresource: "status" }],
    ["networkpolicies", undefined, { apiGroup: "networking.k8s.io", resource: "networkpolicies", subresource: "" }],
    ["clusterroles", undefined, { apiGroup: "rbac.authorization.k8s.io", resource: "clusterroles", subresource: "" }],
    ["deployments", "extensions", { apiGroup: "extensions", resource: "deployments", subresource: "" }],
    ["certificates", undefined, { apiGroup: "cert-manager.io", resource: "certificates", subresource: "" }],
    ["gizmos/status", undefined, { apiGroup: "example.io", resource: "gizmos", subresource: "status" }],
    ["widgets", undefined, { apiGroup: "", resource: "widgets", subresource: "" }],
    ["gadgets", undefined, { apiGroup: "", resource: "gadgets", subresource: "" }],
  ] as const)("%s (--api-group %s)", (arg, group, expected) => {
    expect(resolveResource(arg, group, index)).toMatchObject(expected);
  });

  it("explains guesses", () => {
    expect(resolveResource("gizmos", undefined, index).notes[0]).toContain('the only one the roles name for it');
    expect(resolveResource("widgets", undefined, index).notes[0]).toContain("several API groups (a.io, b.io)");
    expect(resolveResource("pods", undefined, index).notes).toEqual([]);
  });

  it("rejects a dotted group contradicting --api-group", () => {
    expect(() => resolveResource("deployments.apps", "batch", index)).toThrow(/names API group "apps"/);
  });
});

describe("workload identity", () => {
  const pod = (p: Partial<Pod["spec"]>): Pod => ({
    name: "p", namespace: "ns", labels: {}, annotations: {}, ownerReferences: [], owner: { kind: "Deployment", name: "web" }, podIPs: [],
    spec: { serviceAccountName: "app", hostNetwork: false, hostPID: false, hostIPC: false, securityContext: {}, containers: [], initContainers: [], ephemeralContainers: [], volumes: [], ...p },
  });

  it.each([
    ["both unset: mounted (API default)", pod({}), undefined, { mounted: true, decidedBy: "default" }],
    ["ServiceAccount false", pod({}), false, { mounted: false, decidedBy: "serviceAccount" }],
    ["pod true overrides ServiceAccount false", pod({ automountServiceAccountToken: true }), false, { mounted: true, decidedBy: "pod" }],
    ["pod false overrides ServiceAccount true", pod({ automountServiceAccountToken: false }), true, { mounted: false, decidedBy: "pod" }],
    ["a projected serviceAccountToken volume mounts one anyway", pod({ automountServiceAccountToken: false, volumes: [{ name: "t", type: "projected", projectedSources: ["serviceAccountToken"] }] }), false, { mounted: true, decidedBy: "projected volume" }],
  ] as const)("%s", (_name, p, saAutomount, expected) => {
    expect(tokenMount(p, saAutomount)).toEqual(expected);
  });

  it("groups pods by workload and says whether the account exists", () => {
    const idx = buildRbacIndex({
      roles: [], roleBindings: [], clusterRoles: [], clusterRoleBindings: [],
      serviceAccounts: [{ namespace: "ns", name: "other", labels: {}, annotations: {}, secretNames: [] }],
      pods: [pod({}), { ...pod({}), name: "q" }, { ...pod({ serviceAccountName: "" }), name: "r", owner: { kind: "Pod", name: "r" } }],
    });
    const w = workloadIdentities(idx);
    expect(w.map((x) => [x.workload.kind, x.workload.name, x.pods.join(","), x.serviceAccount.name, x.serviceAccount.exists, x.risk.severity])).toEqual([
      ["Pod", "r", "r", "default", true, null],
      ["Deployment", "web", "p,q", "app", false, null],
    ]);
  });
});
