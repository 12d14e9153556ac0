import { describe, expect, it } from "vitest";
import type { ClusterSnapshot } from "../../model";
import { workloadUnits } from "../units";
import { snapshotFromYaml } from "../testing";
import { workloadChecks } from "../workloads";
import { admissionChecks } from "./index";
import { gatekeeperChecks, gatekeeperInventory, vapChecks } from "./policies";
import { intendedLevel, psaChecks, readPsa } from "./psa";
import { serviceEndpoints, webhookChecks, webhookInventory } from "./webhooks";

function psa(s: ClusterSnapshot) {
  const units = workloadUnits(s.pods);
  return psaChecks(s, units, workloadChecks(s, units).pss);
}

const ns = (name: string, labels: Record<string, string> = {}) => `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels: ${JSON.stringify(labels)}
---
`;
const privilegedPod = (namespace: string) => `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ${namespace}}
spec: {containers: [{name: c, image: nginx, securityContext: {privileged: true}}]}
---
`;
const defaultPod = (namespace: string) => `apiVersion: v1
kind: Pod
metadata: {name: d, namespace: ${namespace}}
spec: {containers: [{name: c, image: nginx}]}
`;

describe("Pod Security Admission labels", () => {
  it("reads levels and versions; unparsable values count as restricted/latest", () => {
    expect(readPsa({ "pod-security.kubernetes.io/enforce": "baseline", "pod-security.kubernetes.io/enforce-version": "v1.31" })).toEqual({
      enforce: { level: "baseline", version: "v1.31" },
      invalid: [],
    });
    expect(readPsa({ "pod-security.kubernetes.io/enforce": "strict" })).toEqual({
      enforce: { level: "restricted", version: "latest" },
      invalid: ["pod-security.kubernetes.io/enforce=strict"],
    });
  });

  it("the intended level is enforce, else the highest of audit and warn", () => {
    expect(intendedLevel(readPsa({ "pod-security.kubernetes.io/enforce": "privileged", "pod-security.kubernetes.io/warn": "restricted" }))).toMatchObject({ level: "privileged", mode: "enforce" });
    expect(intendedLevel(readPsa({ "pod-security.kubernetes.io/audit": "baseline", "pod-security.kubernetes.io/warn": "restricted" }))).toMatchObject({ level: "restricted", mode: "warn" });
    expect(intendedLevel(readPsa({}))).toBeUndefined();
  });

  it("a namespace without enforce is a finding; with enforce it is not", () => {
    const r = psa(snapshotFromYaml(ns("open") + ns("closed", { "pod-security.kubernetes.io/enforce": "baseline" }) + ns("kube-system")));
    const missing = r.findings.filter((f) => f.rule === "ADM-psa-no-enforce");
    expect(missing.map((f) => f.resources[0].name).sort()).toEqual(["kube-system", "open"]);
    expect(missing.find((f) => f.namespace === "kube-system")!.isDefault).toBe(true);
    expect(r.evaluated["ADM-psa-no-enforce"]).toBe(3);
  });

  it("an unparsable label is a finding; valid labels are not", () => {
    const r = psa(snapshotFromYaml(ns("typo", { "pod-security.kubernetes.io/enforce": "baseline", "pod-security.kubernetes.io/enforce-version": "1.31" }) + ns("fine", { "pod-security.kubernetes.io/enforce": "baseline", "pod-security.kubernetes.io/enforce-version": "v1.31" })));
    const invalid = r.findings.filter((f) => f.rule === "ADM-psa-invalid-label");
    expect(invalid.map((f) => f.namespace)).toEqual(["typo"]);
    expect(invalid[0].evidence).toMatch(/enforce-version=1\.31; .*restricted\/latest/);
  });

  it("implicit namespaces (labels unknown) are not judged", () => {
    const r = psa(snapshotFromYaml(defaultPod("app")));
    expect(r.findings).toEqual([]);
  });

  it("workloads the enforced level would reject are shown (medium); intended-only ones are low", () => {
    const s = snapshotFromYaml(
      ns("enf", { "pod-security.kubernetes.io/enforce": "baseline" }) +
        privilegedPod("enf") +
        ns("warn", { "pod-security.kubernetes.io/warn": "restricted" }) +
        `${defaultPod("warn")}---\n` +
        ns("ok", { "pod-security.kubernetes.io/enforce": "baseline" }) +
        defaultPod("ok"),
    );
    const rejected = psa(s).findings.filter((f) => f.rule === "ADM-psa-would-reject");
    expect(rejected.map((f) => [f.namespace, f.severity])).toEqual([
      ["enf", "medium"],
      ["warn", "low"],
    ]);
    expect(rejected[0].evidence).toMatch(/enforces baseline .*meets privileged and fails Privileged containers/);
    expect(rejected[1].title).toBe("Would be rejected once restricted is enforced");
  });
});

const WEBHOOK = (failurePolicy: string, name = "gatekeeper-validating-webhook-configuration") => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: ${name}}
webhooks:
  - name: validation.gatekeeper.sh
    failurePolicy: ${failurePolicy}
    timeoutSeconds: 3
    clientConfig: {service: {namespace: gatekeeper-system, name: gatekeeper-webhook-service}}
    rules: [{operations: [CREATE, UPDATE], apiGroups: ["*"], apiVersions: ["*"], resources: ["*"]}]
---
apiVersion: v1
kind: Service
metadata: {name: gatekeeper-webhook-service, namespace: gatekeeper-system}
spec: {selector: {app: gatekeeper}, ports: [{port: 443}]}
---
`;
const GK_DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata: {name: gatekeeper, namespace: gatekeeper-system}
spec:
  selector: {matchLabels: {app: gatekeeper}}
  template: {metadata: {labels: {app: gatekeeper}}, spec: {containers: [{name: m, image: gk}]}}
`;

describe("webhooks", () => {
  it("inventories what each webhook covers and whether it is a security webhook", () => {
    const rows = webhookInventory(snapshotFromYaml(WEBHOOK("Fail") + GK_DEPLOY));
    expect(rows).toEqual([
      expect.objectContaining({ webhook: "validation.gatekeeper.sh", security: true, covers: ["CREATE,UPDATE */*"], endpoints: "ready", target: "service gatekeeper-system/gatekeeper-webhook-service" }),
    ]);
  });

  it("a security webhook that fails open is a finding; one that fails closed is not", () => {
    expect(webhookChecks(snapshotFromYaml(WEBHOOK("Ignore") + GK_DEPLOY)).findings.map((f) => f.rule)).toEqual(["ADM-webhook-fail-open"]);
    expect(webhookChecks(snapshotFromYaml(WEBHOOK("Fail") + GK_DEPLOY)).findings).toEqual([]);
    // not a policy webhook: Ignore is the owner's choice
    expect(webhookChecks(snapshotFromYaml(WEBHOOK("Ignore", "cert-manager-webhook").replace("validation.gatekeeper.sh", "webhook.cert-manager.io").concat(GK_DEPLOY).replaceAll("gatekeeper", "cm"))).findings).toEqual([]);
  });

  it("a webhook whose service selects no pod has no endpoints; Fail makes it high", () => {
    const s = snapshotFromYaml(WEBHOOK("Fail") + GK_DEPLOY.replace(/app: gatekeeper/g, "app: other"));
    const f = webhookChecks(s).findings;
    expect(f.map((x) => [x.rule, x.severity])).toEqual([["ADM-webhook-no-endpoints", "high"]]);
    expect(f[0].evidence).toMatch(/selects no pod/);
  });

  it("endpoint data wins over inference when present for the namespace", () => {
    const s = snapshotFromYaml(WEBHOOK("Ignore") + GK_DEPLOY);
    s.endpoints.push({ namespace: "gatekeeper-system", name: "gatekeeper-webhook-service-abc", serviceName: "gatekeeper-webhook-service", ready: 0, notReady: 2 });
    expect(serviceEndpoints(s, "gatekeeper-system", "gatekeeper-webhook-service").state).toBe("none");
    s.endpoints[0].ready = 1;
    expect(serviceEndpoints(s, "gatekeeper-system", "gatekeeper-webhook-service").state).toBe("ready");
    expect(serviceEndpoints(s, "elsewhere", "svc").state).toBe("unknown");
  });

  it("without endpoint data, infers only from a whole cluster or from pods of the namespace", () => {
    const svcOnly = WEBHOOK("Fail");
    expect(serviceEndpoints(snapshotFromYaml(svcOnly), "gatekeeper-system", "gatekeeper-webhook-service").state).toBe("unknown");
    const cluster = snapshotFromYaml(`${svcOnly}apiVersion: v1
kind: Node
metadata: {name: n1}
`);
    expect(serviceEndpoints(cluster, "gatekeeper-system", "gatekeeper-webhook-service")).toMatchObject({ state: "none", evidence: expect.stringMatching(/selects no pod/) });
  });
});

describe("ValidatingAdmissionPolicies", () => {
  const policy = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: no-latest}
spec:
  matchConstraints: {resourceRules: [{operations: [CREATE], apiGroups: [apps], apiVersions: [v1], resources: [deployments]}]}
  validations: [{expression: "true"}]
---
`;
  const binding = (actions: string, policyName = "no-latest") => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: b}
spec: {policyName: ${policyName}, validationActions: [${actions}]}
`;
  it("a policy without a binding does nothing", () => {
    expect(vapChecks(snapshotFromYaml(policy)).findings.map((f) => f.rule)).toEqual(["ADM-vap-unbound"]);
    expect(vapChecks(snapshotFromYaml(policy + binding("Deny"))).findings).toEqual([]);
  });
  it("a binding without Deny does not enforce; one naming no policy does nothing", () => {
    expect(vapChecks(snapshotFromYaml(policy + binding("Warn, Audit"))).findings.map((f) => f.rule)).toEqual(["ADM-vap-not-enforcing"]);
    expect(vapChecks(snapshotFromYaml(policy + binding("Deny", "gone"))).findings.map((f) => f.rule).sort()).toEqual(["ADM-vap-missing-policy", "ADM-vap-unbound"]);
  });
});

describe("Gatekeeper", () => {
  const template = `apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata: {name: k8srequiredlabels}
spec: {crd: {spec: {names: {kind: K8sRequiredLabels}}}}
---
`;
  const constraint = (action: string, violations: number) => `apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sRequiredLabels
metadata: {name: ns-must-have-team}
spec:
  enforcementAction: ${action}
  match: {kinds: [{apiGroups: [""], kinds: [Namespace]}]}
status:
  totalViolations: ${violations}
  violations: ${violations ? `[{kind: Namespace, name: ci, message: "missing team"}]` : "[]"}
`;
  it("dryrun and warn do not enforce; reported violations are findings", () => {
    const s = snapshotFromYaml(template + constraint("dryrun", 1));
    expect(gatekeeperChecks(s).findings.map((f) => f.rule)).toEqual(["ADM-gatekeeper-not-enforcing", "ADM-gatekeeper-violations"]);
    expect(gatekeeperChecks(s).findings[1].evidence).toMatch(/Namespace ci: missing team/);
    expect(gatekeeperChecks(snapshotFromYaml(template + constraint("deny", 0))).findings).toEqual([]);
    expect(gatekeeperInventory(s)).toEqual([
      { template: "k8srequiredlabels", kind: "K8sRequiredLabels", constraints: [{ name: "ns-must-have-team", enforcementAction: "dryrun", enforcing: false, violations: 1, matchKinds: ["Namespace"] }] },
    ]);
  });
});

describe("admission as a whole", () => {
  const node = `apiVersion: v1
kind: Node
metadata: {name: n1}
status: {nodeInfo: {kubeletVersion: v1.35.0}}
---
`;
  it("a cluster with no enforcing policy at all gets one cluster finding; manifests without Nodes do not", () => {
    const open = snapshotFromYaml(node + ns("app") + defaultPod("app"));
    const units = workloadUnits(open.pods);
    const rules = (s: ClusterSnapshot) => admissionChecks(s, workloadUnits(s.pods), workloadChecks(s, workloadUnits(s.pods)).pss).findings.map((f) => f.rule);
    expect(rules(open)).toContain("ADM-no-policy-enforcement");
    expect(admissionChecks(open, units, workloadChecks(open, units).pss).evaluated["ADM-no-policy-enforcement"]).toBe(1);
    expect(rules(snapshotFromYaml(node + ns("app", { "pod-security.kubernetes.io/enforce": "baseline" }) + defaultPod("app")))).not.toContain("ADM-no-policy-enforcement");
    expect(rules(snapshotFromYaml(ns("app") + defaultPod("app")))).not.toContain("ADM-no-policy-enforcement");
  });
});
