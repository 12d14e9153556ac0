/** A small cluster for the audit tests: a CI account with cluster-admin, a secret reader, on-call debuggers. */
import { buildRbacIndex } from "../rbac/rbac-index";
import { clusterRole, clusterRoleBinding, group, role, roleBinding, rule, sa } from "../rbac/test-objects";

export function auditFixture() {
  return buildRbacIndex({
    clusterRoles: [
      clusterRole("cluster-admin", [rule({ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }), rule({ verbs: ["*"], nonResourceURLs: ["*"] })]),
      clusterRole("secret-reader", [rule({ verbs: ["get", "list", "watch"], apiGroups: [""], resources: ["secrets"] })]),
      clusterRole("basic-view", [rule({ verbs: ["get", "list", "watch"], apiGroups: [""], resources: ["pods", "configmaps"] }), rule({ verbs: ["get"], nonResourceURLs: ["/version", "/api", "/api/*"] })]),
      clusterRole("pod-debugger", [rule({ verbs: ["create"], apiGroups: [""], resources: ["pods/exec"] }), rule({ verbs: ["get", "list"], apiGroups: [""], resources: ["pods", "pods/log"] })]),
      clusterRole("unbound", [rule({ verbs: ["get"], apiGroups: [""], resources: ["nodes"] })]),
    ],
    roles: [role("data", "pod-launcher", [rule({ verbs: ["create", "get", "delete", "watch"], apiGroups: [""], resources: ["pods"] }), rule({ verbs: ["get"], apiGroups: [""], resources: ["pods/log"] })])],
    clusterRoleBindings: [
      clusterRoleBinding("ci-admin", "cluster-admin", [sa("ci", "deployer")]),
      clusterRoleBinding("reports-secrets", "secret-reader", [sa("data", "reports")]),
      clusterRoleBinding("all-view", "basic-view", [group("system:authenticated")]),
    ],
    roleBindings: [
      roleBinding("data", "airflow-pods", { kind: "Role", name: "pod-launcher" }, [sa(undefined, "airflow")]),
      roleBinding("payments", "oncall", { kind: "ClusterRole", name: "pod-debugger" }, [group("oncall")]),
      roleBinding("shop", "oncall", { kind: "ClusterRole", name: "pod-debugger" }, [group("oncall")]),
    ],
    serviceAccounts: ["ci/deployer", "data/reports", "data/airflow", "data/exporter", "shop/web"].map((k) => {
      const [namespace, name] = k.split("/");
      return { namespace, name, labels: {}, annotations: {}, secretNames: [] };
    }),
  });
}
