/**
 * A small cluster with the demo's RBAC mistakes (demo/STORY.md), for the explorer's tests: the CI
 * account bound to cluster-admin, on-call allowed to exec in payments, a binding to a missing Role,
 * a Secret reader, a team lead with `edit`, and the bootstrap cluster-admin binding of system:masters.
 */
import type { Pod, ServiceAccount } from "../model";
import { buildRbacGraph } from "./graph";
import { buildRbacIndex } from "./rbac-index";
import { clusterRole, clusterRoleBinding, group, role, roleBinding, rule, sa, user } from "./test-objects";

const DEFAULTS = { "kubernetes.io/bootstrapping": "rbac-defaults" };

export const account = (namespace: string, name: string, automount?: boolean): ServiceAccount => ({ namespace, name, labels: {}, annotations: {}, secretNames: [], ...(automount === undefined ? {} : { automountServiceAccountToken: automount }) });

export const pod = (namespace: string, name: string, saName: string): Pod => ({
  name: `${name}-0`,
  namespace,
  labels: {},
  annotations: {},
  ownerReferences: [],
  owner: { kind: "Deployment", name },
  podIPs: [],
  spec: { serviceAccountName: saName, hostNetwork: false, hostPID: false, hostIPC: false, securityContext: {}, containers: [], initContainers: [], ephemeralContainers: [], volumes: [] },
});

export function explorerFixture() {
  const index = buildRbacIndex({
    clusterRoles: [
      clusterRole("cluster-admin", [rule({ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }), rule({ verbs: ["*"], nonResourceURLs: ["*"] })], DEFAULTS),
      clusterRole("pod-debugger", [rule({ verbs: ["create"], apiGroups: [""], resources: ["pods/exec"] }), rule({ verbs: ["get", "list", "watch"], apiGroups: [""], resources: ["pods", "pods/log", "events"] })]),
      clusterRole("secret-reader", [rule({ verbs: ["get", "list", "watch"], apiGroups: [""], resources: ["secrets"] })]),
      clusterRole("edit", [rule({ verbs: ["get", "list", "create", "update"], apiGroups: [""], resources: ["secrets", "configmaps"] }), rule({ verbs: ["create"], apiGroups: [""], resources: ["pods/exec"] })]),
      clusterRole("system:discovery", [rule({ verbs: ["get"], nonResourceURLs: ["/api", "/api/*"] })], DEFAULTS),
    ],
    roles: [role("payments", "config-reader", [rule({ verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["app"] })])],
    clusterRoleBindings: [
      clusterRoleBinding("cluster-admin", "cluster-admin", [group("system:masters")], DEFAULTS),
      clusterRoleBinding("ci-deployer-admin", "cluster-admin", [sa("ci", "deployer")]),
      clusterRoleBinding("reports-secret-reader", "secret-reader", [sa("data", "reports")]),
      clusterRoleBinding("system:discovery", "system:discovery", [group("system:authenticated")], DEFAULTS),
    ],
    roleBindings: [
      roleBinding("payments", "oncall-pod-debugger", { kind: "ClusterRole", name: "pod-debugger" }, [group("acme:oncall")]),
      roleBinding("shop-backend", "oncall-pod-debugger", { kind: "ClusterRole", name: "pod-debugger" }, [group("acme:oncall")]),
      roleBinding("payments", "payments-leads-edit", { kind: "ClusterRole", name: "edit" }, [group("acme:payments-leads")]),
      roleBinding("payments", "config", { kind: "Role", name: "config-reader" }, [user("alice"), sa(undefined, "payments-api")]),
      roleBinding("shop-frontend", "legacy-deployer", { kind: "Role", name: "deployer-v1" }, [sa("ci", "jenkins")]),
    ],
    serviceAccounts: [account("ci", "deployer"), account("data", "reports"), account("payments", "payments-api")],
    pods: [pod("ci", "gitlab-runner", "deployer"), pod("data", "reports", "reports")],
    namespaces: ["ci", "data", "payments", "shop-backend", "shop-frontend"].map((name) => ({ name })),
  });
  return { index, graph: buildRbacGraph(index) };
}
