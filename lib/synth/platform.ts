/**
 * The system and platform namespaces every large cluster has: kube-system (CNI, kube-proxy, DNS,
 * control-plane static pods), an ingress controller, cert-manager, monitoring, logging, Argo CD,
 * Gatekeeper and CI — with the images, host access and service accounts their upstream manifests use.
 */
import { HARDENED, NODE_AGENT, makeApp } from "./apps";
import { bootstrapNamespaceRbac, controllerServiceAccounts, rule } from "./bootstrap";
import type { ClusterShape } from "./shapes";
import type { AppPlan, BindingDesc, NamespacePlan, RoleDesc, ServiceAccountDesc, WebhookDesc } from "./types";

const K8S_VERSION = "v1.31.4";
/** The ingress controller's external address; every Ingress reports it in its status. */
export const INGRESS_IP = "203.0.113.10";
const rec = (name: string, instance: string, component: string) => ({
  "app.kubernetes.io/name": name,
  "app.kubernetes.io/instance": instance,
  "app.kubernetes.io/component": component,
});

function ns(name: string, apps: AppPlan[], serviceAccounts: string[], extra: Partial<NamespacePlan> = {}): NamespacePlan {
  return {
    name,
    labels: {},
    annotations: {},
    system: true,
    apps,
    serviceAccounts: ["default", ...serviceAccounts].map((n): ServiceAccountDesc => ({ name: n })),
    roles: [],
    roleBindings: [],
    policies: [],
    ingresses: [],
    ageDays: 900,
    ...extra,
  };
}

function nsRole(name: string, rules: RoleDesc["rules"], saNamespace: string, sa: string): { role: RoleDesc; binding: BindingDesc } {
  return {
    role: { name, rules },
    binding: { name, roleRef: { kind: "Role", name }, subjects: [{ kind: "ServiceAccount", name: sa, namespace: saNamespace }] },
  };
}

function withRoles(plan: NamespacePlan, pairs: { role: RoleDesc; binding: BindingDesc }[]): NamespacePlan {
  plan.roles.push(...pairs.map((p) => p.role));
  plan.roleBindings.push(...pairs.map((p) => p.binding));
  return plan;
}

/** Platform namespaces with their workloads, service accounts and namespaced RBAC. */
export function platformNamespaces(shape: ClusterShape): NamespacePlan[] {
  const r = shape.nodes < 10 ? 1 : shape.nodes < 100 ? 3 : 10;
  const boot = bootstrapNamespaceRbac();
  const hostPathAgent = (paths: string[]) => ({ ...NODE_AGENT, hostPaths: paths });

  const kubeSystem = ns(
    "kube-system",
    [
      makeApp({ kind: "DaemonSet", namespace: "kube-system", name: "kube-proxy", image: "registry.k8s.io/kube-proxy", tag: K8S_VERSION, labels: { "k8s-app": "kube-proxy" }, serviceAccount: "kube-proxy", hardening: hostPathAgent(["/run/xtables.lock", "/lib/modules"]), daemonNodes: "all", tier: "system" }),
      makeApp({ kind: "DaemonSet", namespace: "kube-system", name: "calico-node", image: "docker.io/calico/node", tag: "v3.30.3", labels: { "k8s-app": "calico-node" }, serviceAccount: "calico-node", hardening: hostPathAgent(["/lib/modules", "/run/xtables.lock", "/var/run/calico", "/var/lib/calico", "/etc/cni/net.d", "/opt/cni/bin"]), daemonNodes: "all", tier: "system" }),
      makeApp({ kind: "Deployment", namespace: "kube-system", name: "coredns", image: "registry.k8s.io/coredns/coredns", tag: "v1.11.3", labels: { "k8s-app": "kube-dns" }, serviceAccount: "coredns", replicas: 2 * r, ports: [{ name: "dns", containerPort: 53, protocol: "UDP" }, { name: "dns-tcp", containerPort: 53 }, { name: "metrics", containerPort: 9153 }], service: "ClusterIP", serviceName: "kube-dns", hardening: { readOnlyRootFilesystem: true, dropAll: true, addCapabilities: ["NET_BIND_SERVICE"], allowPrivilegeEscalation: false }, tier: "system" }),
      makeApp({ kind: "Deployment", namespace: "kube-system", name: "metrics-server", image: "registry.k8s.io/metrics-server/metrics-server", tag: "v0.7.2", labels: { "k8s-app": "metrics-server" }, serviceAccount: "metrics-server", ports: [{ name: "https", containerPort: 10250 }], service: "ClusterIP", hardening: HARDENED, tier: "system" }),
      makeApp({ kind: "Deployment", namespace: "kube-system", name: "calico-kube-controllers", image: "docker.io/calico/kube-controllers", tag: "v3.30.3", labels: { "k8s-app": "calico-kube-controllers" }, serviceAccount: "calico-kube-controllers", tier: "system" }),
      ...["kube-apiserver", "etcd", "kube-controller-manager", "kube-scheduler"].map((c) =>
        makeApp({ kind: "StaticPod", namespace: "kube-system", name: c, image: c === "etcd" ? "registry.k8s.io/etcd" : `registry.k8s.io/${c}`, tag: c === "etcd" ? "3.5.15-0" : K8S_VERSION, labels: { component: c, tier: "control-plane" }, hardening: { hostNetwork: true, hostPaths: c === "etcd" ? ["/var/lib/etcd", "/etc/kubernetes/pki/etcd"] : ["/etc/kubernetes/pki", "/etc/ssl/certs"] }, tier: "system" }),
      ),
    ],
    [
      ...controllerServiceAccounts().map((s) => s.name),
      "kube-proxy", "calico-node", "calico-kube-controllers", "coredns", "metrics-server", "bootstrap-signer", "cloud-provider", "token-cleaner", "tiller",
    ],
    { roles: boot["kube-system"].roles, roleBindings: boot["kube-system"].bindings },
  );

  const ingress = withRoles(
    ns(
      "ingress-nginx",
      [
        makeApp({ kind: "Deployment", namespace: "ingress-nginx", name: "ingress-nginx-controller", image: "registry.k8s.io/ingress-nginx/controller", tag: "v1.11.2", labels: { ...rec("ingress-nginx", "ingress-nginx", "controller") }, selector: rec("ingress-nginx", "ingress-nginx", "controller"), serviceAccount: "ingress-nginx", replicas: r + 1, ports: [{ name: "http", containerPort: 80 }, { name: "https", containerPort: 443 }, { name: "webhook", containerPort: 8443 }], service: "LoadBalancer", loadBalancerIP: INGRESS_IP, hardening: { runAsNonRoot: true, runAsUser: 101, dropAll: true, addCapabilities: ["NET_BIND_SERVICE"], allowPrivilegeEscalation: true, seccompRuntimeDefault: true }, helm: "ingress-nginx", tier: "frontend" }),
      ],
      ["ingress-nginx", "ingress-nginx-admission"],
      { labels: { "pod-security.kubernetes.io/enforce": "baseline" } },
    ),
    [nsRole("ingress-nginx", [rule([""], ["namespaces"], ["get"]), rule([""], ["configmaps", "pods", "secrets", "endpoints"], ["get", "list", "watch"]), rule(["coordination.k8s.io"], ["leases"], ["get", "create", "update"])], "ingress-nginx", "ingress-nginx")],
  );

  const certManager = withRoles(
    ns(
      "cert-manager",
      (
        [
          ["cert-manager", "cert-manager-controller", "cert-manager"],
          ["cert-manager-cainjector", "cert-manager-cainjector", "cainjector"],
          ["cert-manager-webhook", "cert-manager-webhook", "webhook"],
        ] as const
      ).map(([name, image, short]) =>
        makeApp({ kind: "Deployment", namespace: "cert-manager", name, image: `quay.io/jetstack/${image}`, tag: "v1.15.3", labels: rec(short, "cert-manager", short), serviceAccount: name, hardening: HARDENED, helm: "cert-manager", ...(short === "webhook" ? { ports: [{ name: "https", containerPort: 10250 }], service: "ClusterIP" as const } : {}), tier: "system" }),
      ),
      ["cert-manager", "cert-manager-cainjector", "cert-manager-webhook"],
      { labels: { "pod-security.kubernetes.io/enforce": "restricted" } },
    ),
    [
      nsRole("cert-manager:leaderelection", [rule(["coordination.k8s.io"], ["leases"], ["get", "create", "update", "patch"])], "cert-manager", "cert-manager"),
      nsRole("cert-manager-webhook:dynamic-serving", [rule([""], ["secrets"], ["get", "list", "watch", "update"], ["cert-manager-webhook-ca"]), rule([""], ["secrets"], ["create"])], "cert-manager", "cert-manager-webhook"),
    ],
  );

  const monitoring = withRoles(
    ns(
      "monitoring",
      [
        makeApp({ kind: "StatefulSet", namespace: "monitoring", name: "prometheus-k8s", image: "quay.io/prometheus/prometheus", tag: "v2.54.1", labels: rec("prometheus", "k8s", "prometheus"), serviceAccount: "prometheus-k8s", replicas: 2, ports: [{ name: "web", containerPort: 9090 }], service: "ClusterIP", hardening: HARDENED, tier: "system" }),
        makeApp({ kind: "StatefulSet", namespace: "monitoring", name: "alertmanager-main", image: "quay.io/prometheus/alertmanager", tag: "v0.27.0", labels: rec("alertmanager", "main", "alert-router"), serviceAccount: "alertmanager-main", replicas: 2, ports: [{ name: "web", containerPort: 9093 }], service: "ClusterIP", hardening: HARDENED, tier: "system" }),
        makeApp({ kind: "Deployment", namespace: "monitoring", name: "prometheus-operator", image: "quay.io/prometheus-operator/prometheus-operator", tag: "v0.76.1", labels: rec("prometheus-operator", "prometheus-operator", "controller"), serviceAccount: "prometheus-operator", ports: [{ name: "https", containerPort: 8443 }], service: "ClusterIP", hardening: HARDENED, tier: "system" }),
        makeApp({ kind: "Deployment", namespace: "monitoring", name: "kube-state-metrics", image: "registry.k8s.io/kube-state-metrics/kube-state-metrics", tag: "v2.13.0", labels: rec("kube-state-metrics", "kube-state-metrics", "exporter"), serviceAccount: "kube-state-metrics", ports: [{ name: "http-metrics", containerPort: 8080 }], service: "ClusterIP", hardening: HARDENED, tier: "system" }),
        // A NodePort left over from a debugging session, and an admin UI running as root.
        makeApp({ kind: "Deployment", namespace: "monitoring", name: "grafana", image: "docker.io/grafana/grafana", tag: "latest", labels: rec("grafana", "grafana", "grafana"), serviceAccount: "grafana", ports: [{ name: "http", containerPort: 3000 }], service: "NodePort", hardening: { runAsUser: 0, noLimits: true }, tier: "frontend" }),
        makeApp({ kind: "DaemonSet", namespace: "monitoring", name: "node-exporter", image: "quay.io/prometheus/node-exporter", tag: "v1.8.2", labels: rec("node-exporter", "node-exporter", "exporter"), serviceAccount: "node-exporter", ports: [{ name: "https", containerPort: 9100, hostPort: 9100 }], hardening: { hostNetwork: true, hostPID: true, hostPaths: ["/", "/proc", "/sys"], runAsNonRoot: true, runAsUser: 65534, readOnlyRootFilesystem: true }, daemonNodes: "all", tier: "system" }),
      ],
      ["prometheus-k8s", "alertmanager-main", "prometheus-operator", "kube-state-metrics", "grafana", "node-exporter"],
      { labels: { "pod-security.kubernetes.io/enforce": "privileged" } },
    ),
    [nsRole("grafana", [rule([""], ["configmaps", "secrets"], ["get", "watch", "list"])], "monitoring", "grafana")],
  );

  const logging = ns(
    "logging",
    [makeApp({ kind: "DaemonSet", namespace: "logging", name: "fluent-bit", image: "cr.fluentbit.io/fluent/fluent-bit", tag: "3.1.7", labels: rec("fluent-bit", "fluent-bit", "agent"), serviceAccount: "fluent-bit", ports: [{ name: "http", containerPort: 2020 }], hardening: { runAsUser: 0, hostPaths: ["/var/log", "/var/lib/docker/containers"] }, daemonNodes: "workers", tier: "system" })],
    ["fluent-bit"],
  );

  const argo = (name: string, kind: "Deployment" | "StatefulSet", extra: Partial<AppPlan> = {}) =>
    makeApp({ kind, namespace: "argocd", name, image: name === "argocd-redis" ? "docker.io/library/redis" : "quay.io/argoproj/argocd", tag: name === "argocd-redis" ? "7.0.15-alpine" : "v2.12.3", labels: { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "argocd" }, serviceAccount: name === "argocd-redis" ? "default" : name, hardening: HARDENED, tier: "system", ...extra });
  const argocd = withRoles(
    ns(
      "argocd",
      [
        argo("argocd-application-controller", "StatefulSet"),
        argo("argocd-server", "Deployment", { replicas: 2, ports: [{ name: "server", containerPort: 8080 }], service: "ClusterIP", tier: "frontend" }),
        argo("argocd-repo-server", "Deployment", { replicas: 2, ports: [{ name: "server", containerPort: 8081 }], service: "ClusterIP" }),
        argo("argocd-redis", "Deployment", { ports: [{ name: "redis", containerPort: 6379 }], service: "ClusterIP" }),
      ],
      ["argocd-application-controller", "argocd-server", "argocd-repo-server"],
      { ingresses: [{ name: "argocd-server", host: "argocd.example.com", service: "argocd-server", port: 8080, tls: true, className: "nginx" }] },
    ),
    [nsRole("argocd-server", [rule([""], ["secrets", "configmaps"], ["create", "get", "list", "watch", "update", "patch", "delete"]), rule(["argoproj.io"], ["applications", "appprojects"], ["create", "get", "list", "watch", "update", "delete", "patch"])], "argocd", "argocd-server")],
  );

  const gatekeeper = withRoles(
    ns(
      "gatekeeper-system",
      [
        makeApp({ kind: "Deployment", namespace: "gatekeeper-system", name: "gatekeeper-controller-manager", image: "openpolicyagent/gatekeeper", tag: "v3.17.1", labels: { "control-plane": "controller-manager", "gatekeeper.sh/operation": "webhook" }, serviceAccount: "gatekeeper-admin", replicas: r, ports: [{ name: "webhook-server", containerPort: 8443 }], service: "ClusterIP", serviceName: "gatekeeper-webhook-service", hardening: HARDENED, tier: "system" }),
        makeApp({ kind: "Deployment", namespace: "gatekeeper-system", name: "gatekeeper-audit", image: "openpolicyagent/gatekeeper", tag: "v3.17.1", labels: { "control-plane": "audit-controller", "gatekeeper.sh/operation": "audit" }, serviceAccount: "gatekeeper-admin", hardening: HARDENED, tier: "system" }),
      ],
      ["gatekeeper-admin"],
      { labels: { "admission.gatekeeper.sh/ignore": "no-self-managing", "pod-security.kubernetes.io/enforce": "restricted" } },
    ),
    [nsRole("gatekeeper-manager-role", [rule([""], ["secrets"], ["create", "delete", "get", "list", "patch", "update", "watch"]), rule([""], ["events"], ["create", "patch"])], "gatekeeper-system", "gatekeeper-admin")],
  );

  const ci = withRoles(
    ns(
      "ci",
      [
        makeApp({ kind: "StatefulSet", namespace: "ci", name: "jenkins", image: "docker.io/jenkins/jenkins", tag: "2.462.2-lts", labels: rec("jenkins", "jenkins", "controller"), serviceAccount: "jenkins", ports: [{ name: "http", containerPort: 8080 }, { name: "agent", containerPort: 50000 }], service: "ClusterIP", hardening: { runAsUser: 1000 }, tier: "frontend" }),
        // Docker-in-docker runners: privileged, the docker socket mounted, an unpinned image.
        makeApp({ kind: "Deployment", namespace: "ci", name: "gitlab-runner", image: "docker.io/gitlab/gitlab-runner", tag: "latest", labels: rec("gitlab-runner", "gitlab-runner", "runner"), serviceAccount: "gitlab-runner", replicas: r + 1, hardening: { privileged: true, runAsUser: 0, hostPaths: ["/var/run/docker.sock"], noLimits: true }, tier: "backend" }),
      ],
      ["jenkins", "gitlab-runner", "deployer", "rbac-operator"],
      { ingresses: [{ name: "jenkins", host: "jenkins.example.com", service: "jenkins", port: 8080, tls: true, className: "nginx" }] },
    ),
    [nsRole("gitlab-runner", [rule([""], ["pods", "pods/exec", "pods/attach", "secrets", "configmaps"], ["create", "delete", "get", "list", "patch", "update", "watch"])], "ci", "gitlab-runner")],
  );

  return [
    kubeSystem,
    ns("kube-public", [], [], { roles: boot["kube-public"].roles, roleBindings: boot["kube-public"].bindings }),
    ns("kube-node-lease", [], []),
    ns("default", [], []),
    ingress,
    certManager,
    monitoring,
    logging,
    argocd,
    gatekeeper,
    ci,
  ];
}

/** Admission webhooks of the platform: Gatekeeper fails open (Ignore), cert-manager and ingress-nginx fail closed. */
export function platformWebhooks(): WebhookDesc[] {
  const all = ["*"];
  return [
    { kind: "ValidatingWebhookConfiguration", name: "gatekeeper-validating-webhook-configuration", namespace: "gatekeeper-system", service: "gatekeeper-webhook-service", failurePolicy: "Ignore", resources: all, apiGroups: all },
    { kind: "MutatingWebhookConfiguration", name: "gatekeeper-mutating-webhook-configuration", namespace: "gatekeeper-system", service: "gatekeeper-webhook-service", failurePolicy: "Ignore", resources: all, apiGroups: all },
    { kind: "ValidatingWebhookConfiguration", name: "cert-manager-webhook", namespace: "cert-manager", service: "cert-manager-webhook", failurePolicy: "Fail", resources: all, apiGroups: ["cert-manager.io", "acme.cert-manager.io"] },
    { kind: "MutatingWebhookConfiguration", name: "cert-manager-webhook", namespace: "cert-manager", service: "cert-manager-webhook", failurePolicy: "Fail", resources: all, apiGroups: ["cert-manager.io", "acme.cert-manager.io"] },
    { kind: "ValidatingWebhookConfiguration", name: "ingress-nginx-admission", namespace: "ingress-nginx", service: "ingress-nginx-controller-admission", failurePolicy: "Fail", resources: ["ingresses"], apiGroups: ["networking.k8s.io"] },
  ];
}
