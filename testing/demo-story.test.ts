/**
 * The demo's story as an acceptance test: every deliberate mistake demo/STORY.md lists is found by
 * the rule it names (or, where the story names none, the rule that catches it), on the objects the
 * story names; and what the story calls expected is attributed to default or vendor objects.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { scanSnapshot, type ScanReport } from "../lib/findings/scan";
import type { Finding } from "../lib/findings/types";
import { loadDemo } from "../server/sources/demo";

let report: ScanReport;
beforeAll(async () => {
  report = scanSnapshot(await loadDemo(), { includeDefaults: true });
}, 120_000);

const label = (f: Finding) => f.resources.map((r) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.name}`);
const found = (rule: string, resource: string, namespace?: string) =>
  report.findings.filter((f) => f.rule === rule && label(f)[0] === resource && (namespace === undefined || (f.namespace ?? "") === namespace));

/** STORY.md "Deliberate mistakes": [#, rule, first resource of the finding, namespace ("" cluster-wide) when it matters]. */
const MISTAKES: readonly (readonly [string, string, string, string?])[] = [
  ["1 CI service account is cluster-admin", "R01", "ServiceAccount ci/deployer", ""],
  ["1 … and the runner's pods carry its token (Kubescape C-0272)", "R29", "Deployment ci/gitlab-runner"],
  ["2 on-call can exec into payments", "R10", "Group acme:oncall", "payments"],
  ["2 on-call can exec into shop-backend", "R10", "Group acme:oncall", "shop-backend"],
  ["3a wildcard read of everything, cluster-wide", "R22", "ServiceAccount data/airflow", ""],
  ["3a … and through it Secrets cluster-wide", "R06", "ServiceAccount data/airflow", ""],
  ["3b wildcard verbs on every core resource", "R22", "Group acme:team-data", "data"],
  ["3b … service account tokens in data", "R05", "Group acme:team-data", "data"],
  ["3b … pod creation in data", "R08", "Group acme:team-data", "data"],
  ["4 internet-facing pod whose token reads every Secret", "R06", "ServiceAccount data/reports", ""],
  ["4 … exposed with unrestricted ingress", "NP06", "Deployment data/reports"],
  ["4 … the attack path", "NP10", "Deployment data/reports"],
  ["5 binding to a role that does not exist", "H1", "RoleBinding shop-frontend/legacy-deployer"],
  ["5 … and to a service account that does not exist", "H2", "RoleBinding shop-frontend/legacy-deployer"],
  ["6 privileged pod", "PSS-privileged", "Pod data/debug-shell"],
  ["6 … hostPID", "PSS-host-namespaces", "Pod data/debug-shell"],
  ["6 … the host mounted", "PSS-host-path", "Pod data/debug-shell"],
  ["6 … default service account with its token", "HY-sa-token", "Pod data/debug-shell"],
  ["7 latest image", "HY-image-tag", "Deployment shop-frontend/image-resizer"],
  ["7 latest image", "HY-image-tag", "Deployment data/pgadmin"],
  ["7 latest image", "HY-image-tag", "Deployment data/jupyter"],
  ["7 untagged image", "HY-image-tag", "Deployment default/nginx-test"],
  ["8a token automounted where not needed", "HY-sa-token", "Deployment shop-frontend/web"],
  ["8b workload in default", "HY-default-namespace", "Deployment default/nginx-test"],
  ["8b … its Service too (Kubescape C-0212)", "HY-default-namespace", "Service default/nginx-test"],
  ["8b … runs as root", "PSS-run-as-non-root", "Deployment default/nginx-test"],
  ["8b … selected by no policy", "NP03", "Deployment default/nginx-test"],
  ["8c leftover NodePort", "NP06", "Deployment data/pgadmin"],
  ["8d admission webhook fails open", "ADM-webhook-fail-open", "ValidatingWebhookConfiguration gatekeeper-validating-webhook-configuration"],
  ["8e mutating webhook without endpoints", "ADM-webhook-no-endpoints", "MutatingWebhookConfiguration linkerd-proxy-injector-webhook-config"],
  ["8f a role for every authenticated identity", "R27", "ClusterRoleBinding all-users-view-configs"],
  ["9 NetworkPolicy that selects no pod", "NP04", "NetworkPolicy payments/payments-worker-egress"],
  ["10 rule with a named port no selected pod has", "NP05", "NetworkPolicy shop-backend/catalog-ingress"],
  ["11 team namespace without any NetworkPolicy", "NP01", "Namespace data"],
  ["11 … or Pod Security label", "ADM-psa-no-enforce", "Namespace data"],
  ["12 policy only in dry-run", "ADM-gatekeeper-not-enforcing", "K8sRequiredLabels ns-must-have-cost-center"],
  ["12 … with its violations", "ADM-gatekeeper-violations", "K8sRequiredLabels ns-must-have-cost-center"],
  ["13 node two minor versions behind (out of support)", "PL-kubelet-unsupported", "Node prod-node-3"],
  ["13 … with an outdated runtime", "PL-runtime-outdated", "Node prod-node-3"],
  // "Smaller, also deliberate"
  ["smaller: image-resizer may run as root", "PSS-run-as-non-root", "Deployment shop-frontend/image-resizer"],
  ["smaller: jupyter runs as root", "PSS-run-as-user", "Deployment data/jupyter"],
  ["smaller: reports without seccomp", "PSS-seccomp-restricted", "Deployment data/reports"],
  ["smaller: reports with a writable root filesystem", "HY-writable-root-fs", "Deployment data/reports"],
  ["smaller: redis without seccomp", "PSS-seccomp-restricted", "StatefulSet shop-backend/redis"],
  ["smaller: buildkitd privileged", "PSS-privileged", "Deployment ci/buildkitd"],
  ["smaller: node-exporter on the host network", "PSS-host-namespaces", "DaemonSet monitoring/node-exporter"],
  ["smaller: node-exporter's hostPort", "PSS-host-ports", "DaemonSet monitoring/node-exporter"],
];

describe("demo/STORY.md: every deliberate mistake is found, by rule", () => {
  it.each(MISTAKES.map((m) => [...m] as const))("%s: %s on %s", (_what, rule, resource, namespace) => {
    expect(found(rule, resource, namespace), `${rule} ${resource}`).not.toHaveLength(0);
  });

  it("findings about what the story calls expected are marked as default or vendor objects", () => {
    for (const [rule, resource] of [
      ["PSS-privileged", "DaemonSet kube-system/kube-proxy"],
      ["PSS-privileged", "DaemonSet kube-system/calico-node"],
      ["R01", "Group system:masters"],
    ] as const) {
      const f = found(rule, resource);
      expect(f, `${rule} ${resource}`).not.toHaveLength(0);
      expect(f.every((x) => x.isDefault), `${rule} ${resource} is default`).toBe(true);
    }
  });

  it("the intended platform-admins binding is still listed among the cluster-admin-equivalent subjects", () => {
    expect(found("R01", "Group acme:platform", "")).toHaveLength(1);
  });
});
