import { describe, expect, it } from "vitest";
import { scanSnapshot } from "../findings/scan";
import { snapshotFromYaml } from "../model/testing";
import { workloadsView } from "./workloads";


const cluster = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: reports, namespace: data}
spec:
  selector: {matchLabels: {app: reports}}
  template:
    metadata: {labels: {app: reports}}
    spec:
      serviceAccountName: reports
      containers: [{name: app, image: "reports:latest", ports: [{name: http, containerPort: 3000}]}]
---
apiVersion: v1
kind: Service
metadata: {name: reports, namespace: data}
spec: {type: LoadBalancer, selector: {app: reports}, ports: [{port: 80, targetPort: http}]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: secret-reader}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get, list, watch]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: reports-secret-reader}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
subjects: [{kind: ServiceAccount, name: reports, namespace: data}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      automountServiceAccountToken: false
      securityContext: {runAsNonRoot: true, runAsUser: 1000, seccompProfile: {type: RuntimeDefault}}
      containers:
      - name: api
        image: "api:1.0@sha256:0000000000000000000000000000000000000000000000000000000000000000"
        securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
        resources: {limits: {cpu: 100m, memory: 64Mi}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
`;

describe("workloadsView", () => {
  const s = snapshotFromYaml(cluster);
  const view = workloadsView(s, scanSnapshot(s));

  it("joins posture, identity and exposure per workload, worst first", () => {
    expect(view.rows.map((r) => `${r.namespace}/${r.name}`)).toEqual(["data/reports", "shop/api"]);
    const reports = view.rows[0];
    expect(reports).toMatchObject({ kind: "Deployment", exposed: true, ingressGuarded: false, tokenMounted: true, serviceAccount: "reports" });
    expect(reports.identity.severity).not.toBeNull();
    const api = view.rows[1];
    expect(api).toMatchObject({ exposed: false, ingressGuarded: true, egressGuarded: true, tokenMounted: false, level: "restricted" });
  });

  it("details a workload: images, ports, exposure paths, guards and findings", () => {
    const d = view.details("Deployment", "data", "reports")!;
    expect(d.images).toEqual(["reports:latest"]);
    expect(d.ports).toEqual([{ container: "app", name: "http", port: 3000, protocol: "TCP" }]);
    expect(d.exposure.map((p) => p.kind)).toContain("LoadBalancer");
    expect(d.findingList.some((f) => f.rule === "HY-image-tag")).toBe(true);
    expect(d.identityRisks.length).toBeGreaterThan(0);
    expect(view.details("Deployment", "data", "nope")).toBeUndefined();
  });
});
