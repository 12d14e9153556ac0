/**
 * Kubescape's workload and admission controls as Clearance checks them (see kubescape-rbac.ts for
 * the layout). Workload rules are checked once per workload on its representative pod, over every
 * container — init and ephemeral ones included, as pod-security-admission visits them
 * (kubernetes/pod-security-admission policy/visitor.go) and as Kubescape's rules do.
 * Where Kubescape and the Pod Security Standards disagree, the PSS decide
 * (kubernetes.io/docs/concepts/security/pod-security-standards).
 */
import type { KubescapeControl } from "./types";

const PSS = "kubernetes.io/docs/concepts/security/pod-security-standards";
/** CIS 5.2.x "Minimize the admission of ...": Kubescape checks the namespace's enforce label only. */
const ADMISSION = [
  "Kubescape checks only each namespace's pod-security.kubernetes.io/enforce label. We also check what runs (the CIS audit procedure lists offending pods too); a namespace enforcing no level fails (ADM-psa-no-enforce), one that enforces `privileged` explicitly is a recorded decision and passes.",
];
const RESTRICTED_ADMISSION = [
  ...ADMISSION,
  "Kubescape requires `restricted` for this control; a namespace enforcing `baseline` passes here when its workloads meet the control.",
];

export const KUBESCAPE_WORKLOAD_CONTROLS: readonly KubescapeControl[] = [
  {
    id: "C-0009", name: "Resource limits", rules: ["resource-policies"], scope: ["workloads"],
    checks: ["HY-resource-limits"],
    differences: ["LimitRange objects are not read (Kubescape accepts a namespace LimitRange as the limit), so a container relying on one fails here."],
  },
  {
    id: "C-0013", name: "Non-root containers", rules: ["non-root-containers"], scope: ["workloads"],
    checks: ["PSS-run-as-non-root", "PSS-run-as-user"],
    differences: [
      `We follow the PSS restricted controls (${PSS}, Running as Non-root): runAsNonRoot must be true, so runAsUser: 1000 without runAsNonRoot fails here and passes Kubescape; runAsGroup is not part of the PSS, so runAsGroup 0 fails Kubescape only.`,
    ],
  },
  {
    id: "C-0016", name: "Allow privilege escalation", rules: ["rule-allow-privilege-escalation"], scope: ["workloads"],
    checks: ["PSS-privilege-escalation"],
    differences: [],
  },
  {
    id: "C-0017", name: "Immutable container filesystem", rules: ["immutable-container-filesystem"], scope: ["workloads"],
    checks: ["HY-writable-root-fs"],
    differences: [],
  },
  {
    id: "C-0038", name: "Host PID/IPC privileges", rules: ["host-pid-ipc-privileges"], scope: ["workloads"],
    checks: ["PSS-host-namespaces:hostPID", "PSS-host-namespaces:hostIPC"],
    differences: [],
  },
  {
    id: "C-0041", name: "HostNetwork access", rules: ["host-network-access"], scope: ["workloads"],
    checks: ["PSS-host-namespaces:hostNetwork", "NP09"],
    differences: [],
  },
  {
    id: "C-0044", name: "Container hostPort", rules: ["container-hostPort"], scope: ["workloads"],
    checks: ["PSS-host-ports"],
    differences: [],
  },
  {
    id: "C-0045", name: "Writable hostPath mount", rules: ["alert-rw-hostpath"], scope: ["workloads"],
    checks: ["PSS-host-path:writable"],
    differences: [],
  },
  {
    id: "C-0046", name: "Insecure capabilities", rules: ["insecure-capabilities"], scope: ["workloads"],
    checks: ["PSS-capabilities-baseline"],
    differences: [
      `We fail what the PSS baseline forbids (${PSS}, Capabilities): any added capability outside its allowed list. Kubescape fails a configured list (default-config-inputs.json insecureCapabilities), which includes SETPCAP — allowed by the baseline — and leaves out others the baseline forbids (SYS_TIME, SYS_NICE, ...).`,
    ],
  },
  {
    id: "C-0048", name: "HostPath mount", rules: ["alert-any-hostpath"], scope: ["workloads"],
    checks: ["PSS-host-path"],
    differences: [],
  },
  {
    id: "C-0055", name: "Linux hardening", rules: ["linux-hardening"], scope: ["workloads"],
    checks: ["PSS-seccomp-baseline", "PSS-seccomp-restricted"],
    differences: [
      `Kubescape fails a container with no seccompProfile at pod or container level and passes any profile, Unconfined included. We follow the PSS (${PSS}, Seccomp): Unconfined fails (baseline), and no profile fails (restricted).`,
    ],
  },
  {
    id: "C-0057", name: "Privileged container", rules: ["rule-privileged-container"], scope: ["workloads"],
    checks: ["PSS-privileged"],
    differences: [
      `Adding SYS_ADMIN is not \`privileged\` (no devices, seccomp and AppArmor still apply): Kubescape fails it here, we fail it under C-0046 and the PSS baseline Capabilities control (${PSS}).`,
    ],
  },
  {
    id: "C-0075", name: "Image pull policy on latest tag", rules: ["image-pull-policy-is-not-set-to-always"], scope: ["workloads"],
    checks: ["HY-image-tag:pull-policy"],
    differences: ["Floating tags other than latest (Kubescape's configurable floatingImageTags) are not known here: only `:latest` and untagged images count."],
  },
  {
    id: "C-0210", name: "Ensure that the seccomp profile is set to docker/default in your pod definitions", rules: ["set-seccomp-profile-RuntimeDefault"], scope: ["workloads"],
    checks: ["PSS-seccomp-restricted"],
    differences: [`A Localhost profile passes: the PSS restricted Seccomp control allows RuntimeDefault or Localhost (${PSS}); Kubescape requires RuntimeDefault.`],
  },
  {
    id: "C-0212", name: "The default namespace should not be used", rules: ["pods-in-default-namespace", "service-in-default-namespace", "serviceaccount-in-default-namespace", "rolebinding-in-default-namespace"], scope: ["namespaced-objects"],
    checks: ["HY-default-namespace"],
    differences: [
      "The `default` ServiceAccount of the default namespace is created by the serviceaccounts controller in every namespace (kubernetes.io/docs/concepts/security/service-accounts, Default service accounts), as the `kubernetes` Service is by the API server; Kubescape excludes the Service (kubescape/regolibrary#644) but fails the ServiceAccount. We exclude both.",
      "ConfigMaps, Secrets, Leases, PVCs and the other kinds C-0212 also covers are not read (Clearance never lists Secrets).",
    ],
  },
  {
    id: "C-0270", name: "Ensure CPU limits are set", rules: ["resources-cpu-limits"], scope: ["workloads"],
    checks: ["HY-resource-limits:cpu"],
    differences: [],
  },
  {
    id: "C-0271", name: "Ensure memory limits are set", rules: ["resources-memory-limits"], scope: ["workloads"],
    checks: ["HY-resource-limits:memory"],
    differences: [],
  },
  {
    id: "C-0192", name: "Ensure that the cluster has at least one active policy control mechanism in place", rules: ["pod-security-admission-applied-1", "pod-security-admission-applied-2"], scope: ["namespaces", "cluster"],
    checks: ["ADM-psa-no-enforce", "ADM-no-policy-enforcement"],
    differences: ["Kubescape passes every namespace as soon as any admission webhook exists, though a webhook may enforce nothing; we fail each namespace without an enforce label, and the cluster when nothing denies anything (ADM-no-policy-enforcement)."],
  },
  { id: "C-0193", name: "Minimize the admission of privileged containers", rules: ["pod-security-admission-baseline-applied-1"], scope: ["workloads", "namespaces"], checks: ["PSS-privileged", "ADM-psa-no-enforce"], differences: ADMISSION },
  { id: "C-0275", name: "Minimize the admission of containers wishing to share the host process ID namespace", rules: ["host-pid-privileges"], scope: ["workloads"], checks: ["PSS-host-namespaces:hostPID"], differences: [] },
  { id: "C-0276", name: "Minimize the admission of containers wishing to share the host IPC namespace", rules: ["host-ipc-privileges"], scope: ["workloads"], checks: ["PSS-host-namespaces:hostIPC"], differences: [] },
  { id: "C-0197", name: "Minimize the admission of containers with allowPrivilegeEscalation", rules: ["pod-security-admission-restricted-applied-1"], scope: ["workloads", "namespaces"], checks: ["PSS-privilege-escalation", "ADM-psa-no-enforce"], differences: RESTRICTED_ADMISSION },
  { id: "C-0198", name: "Minimize the admission of root containers", rules: ["pod-security-admission-restricted-applied-1"], scope: ["workloads", "namespaces"], checks: ["PSS-run-as-non-root", "PSS-run-as-user", "ADM-psa-no-enforce"], differences: RESTRICTED_ADMISSION },
  { id: "C-0199", name: "Minimize the admission of containers with the NET_RAW capability", rules: ["pod-security-admission-baseline-applied-1"], scope: ["workloads", "namespaces"], checks: ["PSS-capabilities-restricted", "ADM-psa-no-enforce"], differences: [...ADMISSION, "NET_RAW is in the runtime's default set: only dropping it removes it, so a container that does not drop ALL fails (PSS restricted Capabilities)."] },
  { id: "C-0200", name: "Minimize the admission of containers with added capabilities", rules: ["pod-security-admission-restricted-applied-1"], scope: ["workloads", "namespaces"], checks: ["PSS-capabilities-baseline", "ADM-psa-no-enforce"], differences: RESTRICTED_ADMISSION },
  { id: "C-0201", name: "Minimize the admission of containers with capabilities assigned", rules: ["pod-security-admission-restricted-applied-1"], scope: ["workloads", "namespaces"], checks: ["PSS-capabilities-restricted", "ADM-psa-no-enforce"], differences: RESTRICTED_ADMISSION },
  { id: "C-0202", name: "Minimize the admission of Windows HostProcess Containers", rules: ["pod-security-admission-baseline-applied-1"], scope: ["workloads", "namespaces"], checks: ["PSS-host-process", "ADM-psa-no-enforce"], differences: ADMISSION },
  { id: "C-0203", name: "Minimize the admission of HostPath volumes", rules: ["pod-security-admission-baseline-applied-1"], scope: ["workloads", "namespaces"], checks: ["PSS-host-path", "ADM-psa-no-enforce"], differences: ADMISSION },
  { id: "C-0204", name: "Minimize the admission of containers which use HostPorts", rules: ["pod-security-admission-baseline-applied-1"], scope: ["workloads", "namespaces"], checks: ["PSS-host-ports", "ADM-psa-no-enforce"], differences: ADMISSION },
];

/** Controls of Kubescape's CIS and NSA frameworks that read-only API objects cannot answer. */
export const KUBESCAPE_UNCHECKED: readonly KubescapeControl[] = [
  ["C-0005", "API server insecure port is enabled", "an API server flag"],
  ["C-0012", "Applications credentials in configuration files", "environment values and ConfigMap data are dropped at the boundary, Secrets never read"],
  ["C-0058", "CVE-2021-25741 - Using symlink for arbitrary host file system access.", "a kubelet version and node configuration check"],
  ["C-0059", "CVE-2021-25742-nginx-ingress-snippet-annotation-vulnerability", "the ingress-nginx ConfigMap is not read"],
  ["C-0066", "Secret/etcd encryption enabled", "an API server flag"],
  ["C-0067", "Audit logs enabled", "an API server flag"],
  ["C-0068", "PSP enabled", "PodSecurityPolicy was removed in Kubernetes 1.25"],
  ["C-0069", "Disable anonymous access to Kubelet service", "a kubelet flag"],
  ["C-0070", "Enforce Kubelet client TLS authentication", "a kubelet flag"],
  ["C-0207", "Prefer using secrets as files over secrets as environment variables", "environment sources are dropped at the boundary"],
  ["C-0208", "Consider external secret storage", "manual in CIS"],
  ["C-0209", "Create administrative boundaries between resources using namespaces", "manual in CIS"],
  ["C-0211", "Apply Security Context to Your Pods and Containers", "a bundle of 15 Kubescape rules; its parts are the PSS controls counted separately"],
  ["C-0289", "Configure Image Provenance using ImagePolicyWebhook admission controller", "an API server flag"],
  ["C-0292", "Nginx Ingress Controller End of Life", "image versions are not matched against end-of-life lists"],
].map(([id, name, why]) => ({ id, name, rules: [], scope: [], checks: [], notChecked: `Not visible in read-only API objects: ${why}.`, differences: [] }));
