/**
 * Three weeks of the demo cluster's API server audit log (demo/STORY.md, "Three weeks of audit
 * log"): the control plane and kubelets, the platform add-ons, the GitLab runner deploying every
 * team's services as ServiceAccount ci/deployer — which holds cluster-admin and never needs it — and
 * the people: platform engineers, a security reviewer, developers, an on-call incident. Periods are
 * stretched (a lease renewed every ten minutes, not every two seconds) to keep the log small; the
 * mix of who does what is a real cluster's.
 */
import type { RbacIndex } from "../../rbac/rbac-index";
import { Rng } from "../random";
import { AuditScript, DAY, HOUR, MINUTE, isWorkday, r, url, type Actor, type TimedEvent } from "./engine";

/** The window: Sunday 2026-10-11 00:00 UTC, 21 days. */
export const DEMO_AUDIT_START = Date.parse("2026-10-11T00:00:00Z");
export const DEMO_AUDIT_DAYS = 21;

const TEAM_APPS: Record<string, { deployments: string[]; ingress?: string; configmaps: string[] }> = {
  "shop-frontend": { deployments: ["web", "storefront-bff", "image-resizer"], ingress: "web", configmaps: ["web-config"] },
  "shop-backend": { deployments: ["api", "orders", "catalog"], ingress: "api", configmaps: ["api-config", "orders-config"] },
  payments: { deployments: ["payments-api", "payments-worker", "fraud-scoring"], configmaps: ["payments-config"] },
  data: { deployments: ["reports", "airflow-webserver", "airflow-scheduler"], ingress: "reports", configmaps: ["airflow-config"] },
};

const watchAll = (resources: readonly (readonly [string, string])[]) => resources.flatMap(([res, group]) => [r("list", res, "", "", group), r("watch", res, "", "", group)]);

function controlPlane(s: AuditScript, day: number): void {
  const kcm = s.person("system:kube-controller-manager", [], "10.0.0.10", "kube-controller-manager/v1.31.4 (linux/amd64) kubernetes/a78aa47");
  const sched = s.person("system:kube-scheduler", [], "10.0.0.10", "kube-scheduler/v1.31.4 (linux/amd64) kubernetes/a78aa47");
  const ctl = (name: string) => s.serviceAccount("kube-system", name, `kube-controller-manager/v1.31.4 (linux/amd64) kubernetes/a78aa47/${name}`, "10.0.0.10", "kube-controller-manager-prod-cp-1", "prod-cp-1");
  s.every(day, 10, (t) => s.burst(t, kcm, [r("get", "leases", "kube-system", "kube-controller-manager", "coordination.k8s.io"), r("update", "leases", "kube-system", "kube-controller-manager", "coordination.k8s.io")]));
  s.every(day, 10, (t) => s.burst(t, sched, [r("get", "leases", "kube-system", "kube-scheduler", "coordination.k8s.io"), r("update", "leases", "kube-system", "kube-scheduler", "coordination.k8s.io")]));
  s.every(day, 60, (t) => s.burst(t, sched, watchAll([["pods", ""], ["nodes", ""], ["persistentvolumeclaims", ""]])));
  const loops: [string, [string, string][]][] = [
    ["deployment-controller", [["deployments", "apps"], ["replicasets", "apps"], ["pods", ""]]],
    ["replicaset-controller", [["replicasets", "apps"], ["pods", ""]]],
    ["statefulset-controller", [["statefulsets", "apps"], ["pods", ""], ["controllerrevisions", "apps"]]],
    ["daemon-set-controller", [["daemonsets", "apps"], ["pods", ""], ["nodes", ""]]],
    ["job-controller", [["jobs", "batch"], ["pods", ""]]],
    ["cronjob-controller", [["cronjobs", "batch"], ["jobs", "batch"]]],
    ["namespace-controller", [["namespaces", ""]]],
    ["generic-garbage-collector", [["pods", ""], ["replicasets", "apps"], ["jobs", "batch"], ["secrets", ""], ["configmaps", ""]]],
    ["clusterrole-aggregation-controller", [["clusterroles", "rbac.authorization.k8s.io"]]],
  ];
  for (const [name, resources] of loops) {
    const a = ctl(name);
    s.every(day, 60, (t) => s.burst(t, a, watchAll(resources)));
  }
  const bootstrap = ctl("bootstrap-signer");
  s.every(day, 120, (t) => s.burst(t, bootstrap, [r("watch", "secrets", "kube-system"), r("get", "configmaps", "kube-public", "cluster-info"), r("update", "configmaps", "kube-public", "cluster-info")]));
  // The scheduler binds, the controllers create: a few pods a day in the team namespaces.
  const rs = ctl("replicaset-controller");
  s.every(day, 180, (t) => {
    const ns = s.rng.pick(Object.keys(TEAM_APPS));
    s.burst(t, rs, [r("create", "pods", ns)]);
    s.burst(t + 2000, sched, [r("create", "pods", ns, `${s.rng.pick(TEAM_APPS[ns].deployments)}-${s.rng.token(5)}`, "", "binding")]);
  });
  const nightly = ctl("cronjob-controller");
  s.burst(day + 2 * HOUR, nightly, [r("create", "jobs", "data", "", "batch"), r("create", "jobs", "ci", "", "batch")]);
}

function nodes(s: AuditScript, day: number): void {
  for (const n of [1, 2, 3]) {
    const kubelet: Actor = { ...s.person(`system:node:prod-node-${n}`, ["system:nodes"], `10.0.0.1${n}`, "kubelet/v1.31.4 (linux/amd64) kubernetes/a78aa47"), authorizer: "node" };
    s.every(day, 10, (t) => s.burst(t, kubelet, [r("get", "leases", "kube-node-lease", `prod-node-${n}`, "coordination.k8s.io"), r("update", "leases", "kube-node-lease", `prod-node-${n}`, "coordination.k8s.io")]));
    s.every(day, 60, (t) => s.burst(t, kubelet, [r("patch", "nodes", "", `prod-node-${n}`, "", "status"), r("watch", "pods"), r("get", "secrets", s.rng.pick(Object.keys(TEAM_APPS)), "default-token")]));
  }
}

function addOns(s: AuditScript, day: number): void {
  const sa = (ns: string, name: string, agent: string, ip: string) => s.serviceAccount(ns, name, agent, ip);
  const coredns = sa("kube-system", "coredns", "coredns/v1.11.3", "10.244.0.5");
  const proxy = sa("kube-system", "kube-proxy", "kube-proxy/v1.31.4", "10.0.0.11");
  const calico = sa("kube-system", "calico-node", "calico-node/v3.28.2", "10.0.0.12");
  const calicoKc = sa("kube-system", "calico-kube-controllers", "calico-kube-controllers/v3.28.2", "10.244.0.7");
  const metrics = sa("kube-system", "metrics-server", "metrics-server/v0.7.2", "10.244.0.9");
  const nginx = sa("ingress-nginx", "ingress-nginx", "nginx-ingress-controller/v1.11.3", "10.244.1.4");
  const certs = sa("cert-manager", "cert-manager", "cert-manager-controller/v1.16.1", "10.244.2.8");
  const cainjector = sa("cert-manager", "cert-manager-cainjector", "cert-manager-cainjector/v1.16.1", "10.244.2.9");
  const gk = sa("gatekeeper-system", "gatekeeper-admin", "gatekeeper/v3.17.1", "10.244.1.12");
  const prom = sa("monitoring", "prometheus", "Prometheus/2.54.1", "10.244.2.20");
  const ksm = sa("monitoring", "kube-state-metrics", "kube-state-metrics/v2.13.0", "10.244.2.21");
  const grafana = sa("monitoring", "grafana", "k8s-sidecar/1.27.6", "10.244.1.22");
  s.every(day, 60, (t) => s.burst(t, coredns, watchAll([["endpointslices", "discovery.k8s.io"], ["services", ""], ["namespaces", ""]])));
  s.every(day, 60, (t) => s.burst(t, proxy, [...watchAll([["services", ""], ["endpointslices", "discovery.k8s.io"]]), r("get", "nodes", "", "prod-node-1")]));
  s.every(day, 60, (t) => s.burst(t, calico, [r("get", "nodes", "", `prod-node-${s.rng.int(1, 3)}`), r("watch", "pods"), r("watch", "namespaces"), r("watch", "serviceaccounts")]));
  s.every(day, 60, (t) => s.burst(t, calicoKc, watchAll([["nodes", ""], ["pods", ""], ["namespaces", ""], ["networkpolicies", "networking.k8s.io"], ["serviceaccounts", ""]])));
  s.every(day, 30, (t) => s.burst(t, metrics, [r("list", "nodes"), r("list", "pods"), r("get", "configmaps", "kube-system", "extension-apiserver-authentication"), r("create", "subjectaccessreviews", "", "", "authorization.k8s.io")]));
  s.every(day, 10, (t) => s.burst(t, nginx, [r("get", "leases", "ingress-nginx", "ingress-nginx-leader", "coordination.k8s.io"), r("update", "leases", "ingress-nginx", "ingress-nginx-leader", "coordination.k8s.io")]));
  s.every(day, 60, (t) => s.burst(t, nginx, [...watchAll([["ingresses", "networking.k8s.io"], ["services", ""], ["endpointslices", "discovery.k8s.io"], ["secrets", ""], ["ingressclasses", "networking.k8s.io"]]), r("update", "ingresses", "shop-frontend", "web", "networking.k8s.io", "status")]));
  s.every(day, 60, (t) => s.burst(t, certs, [...watchAll([["certificates", "cert-manager.io"], ["certificaterequests", "cert-manager.io"], ["issuers", "cert-manager.io"], ["ingresses", "networking.k8s.io"]]), r("get", "secrets", "shop-frontend", "web-tls"), r("update", "leases", "kube-system", "cert-manager-controller", "coordination.k8s.io")]));
  s.every(day, 120, (t) => s.burst(t, cainjector, [r("watch", "validatingwebhookconfigurations", "", "", "admissionregistration.k8s.io"), r("watch", "mutatingwebhookconfigurations", "", "", "admissionregistration.k8s.io"), r("patch", "validatingwebhookconfigurations", "", "cert-manager-webhook", "admissionregistration.k8s.io")]));
  s.every(day, 60, (t) => s.burst(t, gk, [r("list", "pods"), r("list", "namespaces"), r("list", "ingresses", "", "", "networking.k8s.io"), r("watch", "k8srequiredlabels", "", "", "constraints.gatekeeper.sh"), r("update", "k8srequiredlabels", "", "ns-must-have-cost-center", "constraints.gatekeeper.sh", "status")]));
  s.every(day, 60, (t) => s.burst(t, prom, [...watchAll([["pods", ""], ["services", ""], ["endpoints", ""], ["nodes", ""]]), url("get", "/metrics")]));
  s.every(day, 60, (t) => s.burst(t, ksm, watchAll([["pods", ""], ["deployments", "apps"], ["nodes", ""], ["secrets", ""], ["configmaps", ""], ["jobs", "batch"]])));
  s.every(day, 120, (t) => s.burst(t, grafana, [r("watch", "configmaps", "monitoring"), r("watch", "secrets", "monitoring")]));
}

/** The GitLab runner: build pods in ci, then `kubectl apply` + `rollout status` into a team namespace. */
function ci(s: AuditScript, day: number): void {
  const runner = s.serviceAccount("ci", "deployer", "gitlab-runner 17.4.0 (17-4-stable; go1.22.7; linux/amd64)", "10.244.1.30", "gitlab-runner-6d9c8b7f5d-x2k4p", "prod-node-2");
  const kubectl = { user: { ...runner.user, userAgent: "kubectl/v1.31.4 (linux/amd64) kubernetes/a78aa47", sourceIP: "10.244.2.41" } };
  const pipelines = isWorkday(day) ? s.rng.int(5, 9) : s.rng.int(0, 1);
  for (let i = 0; i < pipelines; i++) {
    const t = s.office(day);
    const pod = `runner-${s.rng.token(8)}-project-42-concurrent-0-${s.rng.token(8)}`;
    s.burst(t, runner, [r("create", "secrets", "ci"), r("create", "pods", "ci"), r("get", "pods", "ci", pod), r("get", "pods", "ci", pod), r("create", "pods", "ci", pod, "", "attach"), r("get", "pods", "ci", pod, "", "log"), r("delete", "pods", "ci", pod), r("delete", "secrets", "ci", `runner-${s.rng.token(8)}-project-42`)]);
    const ns = s.rng.pick(Object.keys(TEAM_APPS));
    const app = TEAM_APPS[ns];
    const apply = [url("get", "/api"), url("get", "/apis"), ...app.configmaps.flatMap((c) => [r("get", "configmaps", ns, c), r("patch", "configmaps", ns, c)])];
    for (const d of s.rng.sample(app.deployments, s.rng.int(1, app.deployments.length))) apply.push(r("get", "deployments", ns, d, "apps"), r("patch", "deployments", ns, d, "apps"), r("get", "services", ns, d), r("patch", "services", ns, d), r("watch", "deployments", ns, d, "apps"), r("get", "deployments", ns, d, "apps"));
    if (app.ingress) apply.push(r("get", "ingresses", ns, app.ingress, "networking.k8s.io"), r("patch", "ingresses", ns, app.ingress, "networking.k8s.io"));
    if (ns === "shop-backend" && s.rng.chance(0.3)) apply.push(r("create", "jobs", ns, "", "batch"), r("get", "jobs", ns, "orders-db-migrate", "batch"));
    s.burst(t + 4 * MINUTE, kubectl, apply);
  }
}

function workloads(s: AuditScript, day: number): void {
  const reports = s.serviceAccount("data", "reports", "reports/2.3.1 (node-fetch)", "10.244.1.51");
  s.every(day, 30, (t) => s.at(t, reports, r("get", "secrets", "data", "reports-db")));
  const airflow = s.serviceAccount("data", "airflow", "kubernetes-python-client/29.0.0 (airflow 2.10.2)", "10.244.2.52");
  s.every(day, 120, (t) => {
    const pod = `nightly-export-${s.rng.token(8)}`;
    s.burst(t, airflow, [r("list", "configmaps", "data"), r("create", "pods", "data"), r("get", "pods", "data", pod), r("get", "pods", "data", pod, "", "log"), r("delete", "pods", "data", pod)]);
  });
  s.every(day, 60, (t) => s.at(t, airflow, r("watch", "pods", "data")));
  if (day === DEMO_AUDIT_START + 5 * DAY) {
    const bff = s.serviceAccount("shop-frontend", "storefront-bff", "storefront-bff/4.1.0", "10.244.1.60");
    s.burst(s.office(day), bff, [r("list", "endpoints", "shop-backend"), r("list", "endpoints", "shop-backend"), r("list", "endpoints", "shop-backend")]);
  }
}

function people(s: AuditScript, day: number, n: number): void {
  const vpn = () => `10.8.${s.rng.int(0, 3)}.${s.rng.int(2, 250)}`;
  const sam = s.person("sam@acme.io", ["acme:platform", "acme:engineering", "acme:oncall"], vpn());
  const lee = s.person("lee@acme.io", ["acme:platform", "acme:engineering"], vpn());
  const kim = s.person("kim@acme.io", ["acme:security", "acme:engineering"], vpn());
  const ana = s.person("ana@acme.io", ["acme:team-storefront", "acme:engineering"], vpn());
  const omar = s.person("omar@acme.io", ["acme:team-commerce", "acme:engineering", "acme:oncall"], vpn());
  const raj = s.person("raj@acme.io", ["acme:payments-leads", "acme:team-payments", "acme:engineering"], vpn());
  const priya = s.person("priya@acme.io", ["acme:team-payments", "acme:engineering"], vpn());
  const mia = s.person("mia@acme.io", ["acme:team-data", "acme:engineering"], vpn());
  if (!isWorkday(day)) return;
  const disc = [url("get", "/api"), url("get", "/apis")];
  s.burst(s.office(day), sam, [...disc, r("get", "nodes"), r("list", "pods"), r("get", "pods", "kube-system"), r("list", "events", "kube-system")]);
  s.burst(s.office(day), lee, [...disc, r("list", "namespaces"), r("list", "secrets", "ingress-nginx"), r("get", "deployments", "ingress-nginx", "ingress-nginx-controller", "apps"), r("list", "pods", "monitoring")]);
  s.burst(s.office(day), ana, [...disc, r("list", "pods", "shop-frontend"), r("get", "pods", "shop-frontend", `web-${s.rng.token(5)}`, "", "log"), r("list", "events", "shop-frontend")]);
  s.burst(s.office(day), omar, [...disc, r("list", "pods", "shop-backend"), r("get", "pods", "shop-backend", `orders-${s.rng.token(5)}`, "", "log")]);
  s.burst(s.office(day), priya, [...disc, r("list", "pods", "payments"), r("get", "pods", "payments", `payments-api-${s.rng.token(5)}`, "", "log")]);
  s.burst(s.office(day), mia, [...disc, r("list", "pods", "data"), r("get", "configmaps", "data", "airflow-config"), r("get", "pods", "data", "jupyter-0", "", "log")]);
  if (n % 5 === 1) s.burst(s.office(day), kim, [...disc, r("list", "clusterroles", "", "", "rbac.authorization.k8s.io"), r("list", "clusterrolebindings", "", "", "rbac.authorization.k8s.io"), r("list", "roles", "", "", "rbac.authorization.k8s.io"), r("list", "rolebindings", "", "", "rbac.authorization.k8s.io")]);
  if (n % 7 === 2) s.burst(s.office(day), ana, [r("get", "pods", "shop-frontend", "web-0"), r("create", "pods", "shop-frontend", "web-0", "", "portforward")]);
  if (n % 3 === 0) s.burst(s.office(day), mia, [r("get", "pods", "data", "jupyter-0"), r("create", "pods", "data", "jupyter-0", "", "exec")]);
  switch (n) {
    case 2: // onboarding a team: the platform engineer wires RBAC
      s.burst(s.office(day), sam, [r("create", "rolebindings", "data", "", "rbac.authorization.k8s.io"), r("get", "clusterroles", "", "view", "rbac.authorization.k8s.io")]);
      break;
    case 9: // an incident in shop-backend: the on-call engineer execs into the database pod and restarts the API
      s.burst(day + 3 * HOUR + 17 * MINUTE, omar, [r("get", "pods", "shop-backend", "orders-db-0"), r("create", "pods", "shop-backend", "orders-db-0", "", "exec"), r("create", "pods", "shop-backend", "orders-db-0", "", "exec"), r("patch", "deployments", "shop-backend", "api", "apps")]);
      break;
    case 11: // node maintenance: cordon and drain prod-node-3
      s.burst(s.office(day), sam, [r("patch", "nodes", "", "prod-node-3"), r("list", "pods"), r("create", "pods", "data", "jupyter-0", "", "eviction"), r("create", "pods", "monitoring", "grafana-0", "", "eviction"), r("patch", "nodes", "", "prod-node-3")]);
      break;
    case 12: // a lead checks the database credentials
      s.burst(s.office(day), raj, [r("get", "secrets", "payments", "payments-db-app")]);
      s.burst(s.office(day), priya, [r("get", "secrets", "payments", "payments-db-app")]);
      break;
    case 15: // break-glass certificate (system:masters) and an external auditor through the access-review webhook
      s.burst(s.office(day), s.person("break-glass", ["system:masters"], "10.0.0.5", "kubectl/v1.31.4 (linux/amd64) kubernetes/a78aa47"), [r("get", "nodes"), r("get", "clusterrolebindings", "", "ci-deployer-admin", "rbac.authorization.k8s.io")]);
      s.burst(s.office(day), { ...s.person("oidc:ext-auditor@audit.example", ["ext-auditors"], "203.0.113.77"), authorizer: "webhook" }, [r("list", "namespaces"), r("get", "namespaces", "", "payments")]);
      break;
  }
}

/** The demo log's events in time order (see file comment). */
export function demoAuditEvents(index: RbacIndex, seed = 20261011): TimedEvent[] {
  const s = new AuditScript(index, Rng.for(seed, "demo-audit"));
  for (let n = 0; n < DEMO_AUDIT_DAYS; n++) {
    const day = DEMO_AUDIT_START + n * DAY;
    controlPlane(s, day);
    nodes(s, day);
    addOns(s, day);
    ci(s, day);
    workloads(s, day);
    people(s, day, n);
  }
  return s.sorted();
}

/**
 * The log as kube-apiserver leaves it with `--audit-log-maxbackup` and `--audit-log-compress`: one
 * gzip'd file per rotated week (named after the rotation time) and the current `audit.log`. The first
 * rotated file ends in a line cut short — what a crash during rotation leaves — which the reader
 * must report with file and line, and get past.
 */
export function demoAuditFiles(index: RbacIndex, seed?: number): { name: string; gzip: boolean; text: string }[] {
  const events = demoAuditEvents(index, seed);
  const cut = (k: number) => DEMO_AUDIT_START + 7 * k * DAY;
  const name = (k: number) => `audit-${new Date(cut(k)).toISOString().replace(/:/g, "-").replace("Z", "")}.log.gz`;
  const files = [
    { name: name(1), gzip: true, lines: [] as string[] },
    { name: name(2), gzip: true, lines: [] as string[] },
    { name: "audit.log", gzip: false, lines: [] as string[] },
  ];
  for (const e of events) files[e.time < cut(1) ? 0 : e.time < cut(2) ? 1 : 2].lines.push(JSON.stringify(e.event));
  const last = files[0].lines.pop()!;
  files[0].lines.push(last.slice(0, Math.floor(last.length / 2)));
  return files.map((f) => ({ name: f.name, gzip: f.gzip, text: `${f.lines.join("\n")}\n` }));
}
