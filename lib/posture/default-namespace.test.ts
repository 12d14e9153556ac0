import { describe, expect, it } from "vitest";
import { snapshotFromYaml } from "../model/testing";
import { defaultNamespaceChecks } from "./default-namespace";
import { workloadUnits } from "./units";

describe("HY-default-namespace (CIS 5.7.4, Kubescape C-0212)", () => {
  const s = snapshotFromYaml(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: nginx-test, namespace: default}
spec: {selector: {matchLabels: {app: n}}, template: {metadata: {labels: {app: n}}, spec: {containers: [{name: n, image: nginx}]}}}
---
apiVersion: v1
kind: Service
metadata: {name: nginx-test}
spec: {selector: {app: n}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: kubernetes, namespace: default}
spec: {ports: [{port: 443}]}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: default}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: legacy, namespace: default}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec: {ports: [{port: 80}]}
`);

  it("reports every namespaced object of default, workloads through their owner (kubescape/regolibrary controls/C-0212: pods, services, rolebindings, ...)", () => {
    const { findings, evaluated } = defaultNamespaceChecks(s, workloadUnits(s.pods));
    expect(findings.map((f) => `${f.resources[0].kind} ${f.resources[0].name}`).sort()).toEqual(["Deployment nginx-test", "RoleBinding legacy", "Service nginx-test"]);
    expect(evaluated["HY-default-namespace"]).toBeGreaterThanOrEqual(6);
  });

  it("leaves out what Kubernetes creates there: the kubernetes Service (kubescape/regolibrary#644) and the default ServiceAccount", () => {
    const names = defaultNamespaceChecks(s, workloadUnits(s.pods)).findings.map((f) => f.resources[0].name);
    expect(names).not.toContain("kubernetes");
    expect(names).not.toContain("default");
  });
});
