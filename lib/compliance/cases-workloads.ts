/**
 * Cases for workload, network and admission controls, each transcribing a test
 * of kubescape/regolibrary (rules/<rule>/test/<case>) — or, marked so, a case the control's
 * definition or the Pod Security Standards decide — with Kubescape's verdict and ours. A difference
 * must be explained on the control (KubescapeControl.differences, docs/compliance.md).
 */
import { binding, cronjob, deployment, namespace, pod, role } from "./testing";

const NS = namespace("shop", { "pod-security.kubernetes.io/enforce": "baseline" });
const sc = (securityContext: object) => ({ securityContext });
const hostPath = { volumes: [{ name: "test-volume", hostPath: { path: "/var" } }] };

import type { KubescapeCase } from "./cases-rbac";

export const WORKLOAD_CASES: KubescapeCase[] = [
  // C-0013 non-root
  { control: "C-0013", source: "non-root-containers/test/pod", objects: [NS, pod("shop", "static-web", sc({ runAsNonRoot: false }), sc({ runAsGroup: 1000 }))], kubescape: ["Pod shop/static-web"], ours: ["Pod shop/static-web"] },
  { control: "C-0013", source: "non-root-containers/test/deployment-pass", objects: [NS, deployment("shop", "nginx", {}, sc({ runAsNonRoot: true, runAsGroup: 2000 }))], kubescape: [], ours: [] },
  { control: "C-0013", source: "non-root-containers/test/cronjob-runasuser", objects: [NS, cronjob("shop", "hello", {}, sc({ runAsUser: 0 }))], kubescape: ["CronJob shop/hello"], ours: ["CronJob shop/hello"] },
  { control: "C-0013", source: "non-root-containers/test/pod-ephemeralcontainer", objects: [NS, pod("shop", "test", { ephemeralContainers: [{ name: "debugger", image: "busybox:1.36" }] }, sc({ runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000 }))], kubescape: ["Pod shop/test"], ours: ["Pod shop/test"] },
  { control: "C-0013", source: "PSS restricted Running as Non-root: runAsUser 1000 without runAsNonRoot", objects: [NS, pod("shop", "web", {}, sc({ runAsUser: 1000, runAsGroup: 1000 }))], kubescape: [], ours: ["Pod shop/web"] },
  // C-0016 privilege escalation
  { control: "C-0016", source: "rule-allow-privilege-escalation/test/pod", objects: [NS, pod("shop", "audit-pod", {}, sc({ allowPrivilegeEscalation: true }))], kubescape: ["Pod shop/audit-pod"], ours: ["Pod shop/audit-pod"] },
  { control: "C-0016", source: "rule-allow-privilege-escalation: allowPrivilegeEscalation false passes", objects: [NS, pod("shop", "ok", {}, sc({ allowPrivilegeEscalation: false }))], kubescape: [], ours: [] },
  // C-0017 immutable root filesystem
  { control: "C-0017", source: "immutable-container-filesystem/test/pod-ephemeralcontainer", objects: [NS, pod("shop", "test", { ephemeralContainers: [{ name: "debugger", image: "busybox:1.36" }] }, sc({ readOnlyRootFilesystem: true }))], kubescape: ["Pod shop/test"], ours: ["Pod shop/test"] },
  { control: "C-0017", source: "immutable-container-filesystem/test/workloads-initcontainer", objects: [NS, deployment("shop", "my-deployment", { initContainers: [{ name: "init-setup", image: "busybox:1.36" }] }, sc({ readOnlyRootFilesystem: true }))], kubescape: ["Deployment shop/my-deployment"], ours: ["Deployment shop/my-deployment"] },
  { control: "C-0017", source: "immutable-container-filesystem: readOnlyRootFilesystem everywhere passes", objects: [NS, pod("shop", "ro", {}, sc({ readOnlyRootFilesystem: true }))], kubescape: [], ours: [] },
  // C-0038, C-0275, C-0276 host PID / IPC; C-0041 host network
  { control: "C-0038", source: "host-pid-ipc-privileges/test/cronjob", objects: [NS, cronjob("shop", "hello", { hostIPC: true })], kubescape: ["CronJob shop/hello"], ours: ["CronJob shop/hello"] },
  { control: "C-0038", source: "host-pid-ipc-privileges/test/pod", objects: [NS, pod("shop", "test", { hostNetwork: true, hostPID: true })], kubescape: ["Pod shop/test"], ours: ["Pod shop/test"] },
  { control: "C-0038", source: "host-network-access/test/pod: hostNetwork alone is not C-0038", objects: [NS, pod("shop", "test", { hostNetwork: true })], kubescape: [], ours: [] },
  { control: "C-0275", source: "host-pid-privileges: hostPID", objects: [NS, pod("shop", "test", { hostPID: true })], kubescape: ["Pod shop/test"], ours: ["Pod shop/test"] },
  { control: "C-0275", source: "host-pid-privileges: hostIPC is not hostPID", objects: [NS, pod("shop", "test", { hostIPC: true })], kubescape: [], ours: [] },
  { control: "C-0276", source: "host-ipc-privileges: hostIPC", objects: [NS, pod("shop", "test", { hostIPC: true })], kubescape: ["Pod shop/test"], ours: ["Pod shop/test"] },
  { control: "C-0041", source: "host-network-access/test/workloads", objects: [NS, deployment("shop", "my-deployment", { hostNetwork: true })], kubescape: ["Deployment shop/my-deployment"], ours: ["Deployment shop/my-deployment"] },
  // C-0044 host ports
  { control: "C-0044", source: "container-hostPort/test/pod", objects: [NS, pod("shop", "influxdb", {}, { ports: [{ containerPort: 8086, hostPort: 8086 }] })], kubescape: ["Pod shop/influxdb"], ours: ["Pod shop/influxdb"] },
  // C-0045 writable hostPath, C-0048 any hostPath
  { control: "C-0045", source: "alert-rw-hostpath/test/pod-initcontainer", objects: [NS, pod("shop", "test-pd", { ...hostPath, initContainers: [{ name: "init", image: "busybox:1.36", volumeMounts: [{ name: "test-volume", mountPath: "/data" }] }] })], kubescape: ["Pod shop/test-pd"], ours: ["Pod shop/test-pd"] },
  { control: "C-0045", source: "alert-rw-hostpath: a readOnly mount passes", objects: [NS, pod("shop", "test-pd", hostPath, { volumeMounts: [{ name: "test-volume", mountPath: "/data", readOnly: true }] })], kubescape: [], ours: [] },
  { control: "C-0048", source: "alert-any-hostpath/test/pod", objects: [NS, pod("shop", "test-pd", hostPath, { volumeMounts: [{ name: "test-volume", mountPath: "/data", readOnly: true }] })], kubescape: ["Pod shop/test-pd"], ours: ["Pod shop/test-pd"] },
  // C-0046 capabilities
  { control: "C-0046", source: "insecure-capabilities/test/pod-ephemeralcontainer", objects: [NS, pod("shop", "test", { ephemeralContainers: [{ name: "debugger", image: "busybox:1.36", securityContext: { capabilities: { add: ["ALL"] } } }] })], kubescape: ["Pod shop/test"], ours: ["Pod shop/test"] },
  { control: "C-0046", source: "insecure-capabilities/test/pod", objects: [NS, pod("shop", "test", {}, sc({ capabilities: { add: ["SETPCAP", "MAC_OVERRIDE"] } }))], kubescape: ["Pod shop/test"], ours: ["Pod shop/test"] },
  { control: "C-0046", source: "PSS baseline Capabilities: SETPCAP is allowed", objects: [NS, pod("shop", "test", {}, sc({ capabilities: { add: ["SETPCAP"] } }))], kubescape: ["Pod shop/test"], ours: [] },
  { control: "C-0046", source: "PSS baseline Capabilities: SYS_TIME is not", objects: [NS, pod("shop", "test", {}, sc({ capabilities: { add: ["SYS_TIME"] } }))], kubescape: [], ours: ["Pod shop/test"] },
  // C-0055 Linux hardening (seccomp)
  { control: "C-0055", source: "linux-hardening/test/container-without-seccomp-but-has-selinux", objects: [NS, pod("shop", "mixed", {}, sc({ seLinuxOptions: { level: "s0:c123,c456" } }))], kubescape: ["Pod shop/mixed"], ours: ["Pod shop/mixed"] },
  { control: "C-0055", source: "linux-hardening/test/pod-level-seccomp-container-without", objects: [NS, pod("shop", "test-pod", { securityContext: { seccompProfile: { type: "RuntimeDefault" } } })], kubescape: [], ours: [] },
  { control: "C-0055", source: "PSS baseline Seccomp: Unconfined is forbidden", objects: [NS, pod("shop", "test-pod", { securityContext: { seccompProfile: { type: "Unconfined" } } })], kubescape: [], ours: ["Pod shop/test-pod"] },
  // C-0057 privileged
  { control: "C-0057", source: "rule-privileged-container: privileged true", objects: [NS, pod("shop", "priv", {}, sc({ privileged: true }))], kubescape: ["Pod shop/priv"], ours: ["Pod shop/priv"] },
  { control: "C-0057", source: "rule-privileged-container/test/cronjob (SYS_ADMIN added)", objects: [NS, cronjob("shop", "hello", {}, sc({ capabilities: { add: ["NET_ADMIN", "SYS_TIME", "SYS_ADMIN"] } }))], kubescape: ["CronJob shop/hello"], ours: [] },
  // C-0075 pull policy of floating images
  { control: "C-0075", source: "image-pull-policy-is-not-set-to-always/test/pod", objects: [NS, pod("shop", "test", {}, { image: "test:latest", imagePullPolicy: "Never" })], kubescape: ["Pod shop/test"], ours: ["Pod shop/test"] },
  { control: "C-0075", source: "image-pull-policy: :latest without a policy is pulled Always (API defaulting)", objects: [NS, pod("shop", "test", {}, { image: "test:latest" })], kubescape: [], ours: [] },
  // C-0009, C-0270, C-0271 limits
  { control: "C-0270", source: "resources-cpu-limits/test/pod (log-aggregator has no CPU limit)", objects: [NS, pod("shop", "frontend", {}, { resources: { limits: { memory: "128Mi" } } })], kubescape: ["Pod shop/frontend"], ours: ["Pod shop/frontend"] },
  { control: "C-0271", source: "resources-memory-limits: the memory limit is set", objects: [NS, pod("shop", "frontend", {}, { resources: { limits: { memory: "128Mi" } } })], kubescape: [], ours: [] },
  { control: "C-0009", source: "resource-policies/test/pod", objects: [NS, pod("shop", "frontend", {}, { resources: { limits: { memory: "128Mi" } } })], kubescape: ["Pod shop/frontend"], ours: ["Pod shop/frontend"] },
  // C-0210 seccomp RuntimeDefault
  { control: "C-0210", source: "set-seccomp-profile-RuntimeDefault/test/pod (Localhost)", objects: [NS, pod("shop", "audit-pod", { securityContext: { seccompProfile: { type: "Localhost", localhostProfile: "p.json" } } })], kubescape: ["Pod shop/audit-pod"], ours: [] },
  { control: "C-0210", source: "set-seccomp-profile-RuntimeDefault: no profile", objects: [NS, pod("shop", "audit-pod")], kubescape: ["Pod shop/audit-pod"], ours: ["Pod shop/audit-pod"] },
  // C-0034 / C-0190 token automount
  ...["C-0034", "C-0190"].flatMap((control) => [
    { control, source: "automount-service-account/test/pod-mount", objects: [NS, pod("shop", "test-pd", { automountServiceAccountToken: true })], kubescape: ["Pod shop/test-pd"], ours: ["Pod shop/test-pd"] },
    { control, source: "automount-service-account/test/deployment-pod-false-sa-true", objects: [NS, { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace: "shop" }, automountServiceAccountToken: true }, deployment("shop", "test-deploy", { automountServiceAccountToken: false })], kubescape: [], ours: [] },
  ]),
  // C-0212 default namespace
  { control: "C-0212", source: "service-in-default-namespace/test/kubernetes-default-allowed", objects: [{ apiVersion: "v1", kind: "Service", metadata: { name: "kubernetes", namespace: "default" }, spec: { ports: [{ port: 443 }] } }], kubescape: [], ours: [] },
  { control: "C-0212", source: "service-in-default-namespace/test/service", objects: [{ apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "default" }, spec: { ports: [{ port: 80 }] } }], kubescape: ["Service default/web"], ours: ["Service default/web"] },
  { control: "C-0212", source: "serviceaccount-in-default-namespace/test/serviceaccount (the controller-made default)", objects: [{ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace: "default" } }], kubescape: ["ServiceAccount default/default"], ours: [] },
  { control: "C-0212", source: "rolebinding-in-default-namespace/test/rolebinding", objects: [binding("RoleBinding", "rb", "ClusterRole/view", ["User:jane"], "default")], kubescape: ["RoleBinding default/rb"], ours: ["RoleBinding default/rb"] },
  { control: "C-0212", source: "pods-in-default-namespace/test/workload", objects: [deployment("default", "nginx")], kubescape: ["Deployment default/nginx"], ours: ["Deployment default/nginx"] },
  // C-0054 / C-0206 namespaces without NetworkPolicy
  ...["C-0054", "C-0206"].flatMap((control) => [
    { control, source: "internal-networking/test/namespace-failed", objects: [namespace("team"), pod("team", "web")], kubescape: ["Namespace team"], ours: ["Namespace team"] },
    { control, source: "internal-networking/test/namespace-passed", objects: [namespace("team"), pod("team", "web"), { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "p", namespace: "team" }, spec: { podSelector: { matchLabels: { app: "x" } } } }], kubescape: [], ours: [] },
    { control, source: "internal-networking: an empty namespace", objects: [namespace("empty")], kubescape: ["Namespace empty"], ours: [] },
  ]),
  // C-0272 / C-0267 workload tokens
  {
    control: "C-0272", source: "workload-with-administrative-roles/test/fail-wl-creates-pod (bound to cluster-admin)",
    objects: [NS, { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "ops", namespace: "shop" } }, binding("ClusterRoleBinding", "ops-admin", "ClusterRole/cluster-admin", ["ServiceAccount:shop/ops"]), deployment("shop", "ops", { serviceAccountName: "ops" })],
    kubescape: ["Deployment shop/ops"], ours: ["Deployment shop/ops"],
  },
  {
    control: "C-0267", source: "workload-with-cluster-takeover-roles/test/fail-wl-gets-secrets",
    objects: [NS, { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "ops", namespace: "shop" } }, role("ClusterRole", "secrets", [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] }]), binding("ClusterRoleBinding", "ops-secrets", "ClusterRole/secrets", ["ServiceAccount:shop/ops"]), deployment("shop", "ops", { serviceAccountName: "ops" })],
    kubescape: ["Deployment shop/ops"], ours: ["Deployment shop/ops"],
  },
  {
    control: "C-0267", source: "workload-with-cluster-takeover-roles/test/pass-wl-not-mount-sa-token",
    objects: [NS, { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "ops", namespace: "shop" } }, role("ClusterRole", "secrets", [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] }]), binding("ClusterRoleBinding", "ops-secrets", "ClusterRole/secrets", ["ServiceAccount:shop/ops"]), deployment("shop", "ops", { serviceAccountName: "ops", automountServiceAccountToken: false })],
    kubescape: [], ours: [],
  },
  // CIS 5.2.x admission controls: C-0192 and C-0193 (the restricted-level ones share their checks)
  { control: "C-0193", source: "pod-security-admission-baseline-applied-1/test/test (no enforce label)", objects: [namespace("team")], kubescape: ["Namespace team"], ours: ["Namespace team"] },
  { control: "C-0193", source: "pod-security-admission-baseline-applied-1/test/test2 (enforce baseline)", objects: [namespace("team", { "pod-security.kubernetes.io/enforce": "baseline" })], kubescape: [], ours: [] },
  { control: "C-0193", source: "pod-security-admission-baseline-applied-1: enforce privileged, a recorded decision", objects: [namespace("team", { "pod-security.kubernetes.io/enforce": "privileged" })], kubescape: ["Namespace team"], ours: [] },
  { control: "C-0193", source: "CIS 5.2.2 audit: a privileged workload that runs", objects: [NS, pod("shop", "priv", {}, sc({ privileged: true }))], kubescape: [], ours: ["Pod shop/priv"] },
  { control: "C-0197", source: "pod-security-admission-restricted-applied-1: enforce baseline, compliant workloads", objects: [NS, pod("shop", "ok", {}, sc({ allowPrivilegeEscalation: false }))], kubescape: ["Namespace shop"], ours: [] },
  { control: "C-0192", source: "pod-security-admission-applied-1/test (no enforce label)", objects: [namespace("team")], kubescape: ["Namespace team"], ours: ["Namespace team"] },
  // The other CIS 5.2.x admission controls: a namespace without an enforce label fails each; a workload fails the one it breaks.
  ...[
    ["C-0198", { securityContext: { runAsUser: 0 } }],
    ["C-0199", {}],
    ["C-0200", { securityContext: { capabilities: { add: ["NET_ADMIN"] } } }],
    ["C-0201", {}],
    ["C-0202", { securityContext: { windowsOptions: { hostProcess: true } } }],
    ["C-0204", { ports: [{ containerPort: 80, hostPort: 80 }] }],
  ].map(([control, container]) => ({
    control: control as string, source: `pod-security-admission-*-applied-1/test/test and the CIS audit's pod listing (${control as string})`,
    objects: [namespace("team"), pod("team", "app", {}, container as Record<string, unknown>)], kubescape: ["Namespace team"], ours: ["Namespace team", "Pod team/app"],
  })),
  { control: "C-0203", source: "pod-security-admission-baseline-applied-1 and the CIS 5.2.12 audit (hostPath)", objects: [namespace("team"), pod("team", "app", hostPath)], kubescape: ["Namespace team"], ours: ["Namespace team", "Pod team/app"] },
];
