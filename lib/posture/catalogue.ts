/**
 * The posture rules: workload hardening (Pod Security Standards, runtime protection, container
 * hygiene), admission control and platform facts. References use the ids of CIS Kubernetes
 * Benchmark v1.12 (section 5), Kubescape controls and Polaris checks (the mapping to framework controls is lib/compliance, explained in docs/compliance.md).
 */
import type { RuleInfo, Severity } from "../findings/types";

function workload(rule: string, severity: Severity, title: string, description: string, remediation: string, references: string[]): RuleInfo {
  return { rule, category: "workload", severity, title, description, remediation, references };
}

const pss = (level: "baseline" | "restricted", control: string) => `PSS ${level}: ${control}`;

export const PSS_RULES: readonly RuleInfo[] = [
  workload("PSS-host-process", "critical", "Windows HostProcess container", "A HostProcess container runs as a process on the Windows node, with the node's privileges.", "Remove securityContext.windowsOptions.hostProcess, or run the workload in a namespace explicitly labelled privileged.", [pss("baseline", "HostProcess"), "CIS 5.2.11", "Kubescape C-0202", "Trivy KSV-0103"]),
  workload("PSS-host-namespaces", "high", "Shares the node's network, PID or IPC namespace", "hostNetwork, hostPID or hostIPC let the pod see and talk to everything on the node: other pods' processes, node-local services, loopback listeners.", "Remove hostNetwork, hostPID and hostIPC from the pod spec.", [pss("baseline", "Host namespaces"), "CIS 5.2.3", "CIS 5.2.4", "CIS 5.2.5", "Kubescape C-0038", "Kubescape C-0041", "Kubescape C-0275", "Kubescape C-0276", "Polaris hostNetworkSet", "Polaris hostPIDSet", "Polaris hostIPCSet"]),
  workload("PSS-privileged", "critical", "Privileged container", "A privileged container has every capability and the node's devices: escaping to the node is a single command.", "Remove securityContext.privileged; grant the one capability the workload needs instead.", [pss("baseline", "Privileged containers"), "CIS 5.2.2", "Kubescape C-0057", "Kubescape C-0193", "Polaris runAsPrivileged"]),
  workload("PSS-capabilities-baseline", "high", "Adds Linux capabilities beyond the default set", "Capabilities outside the container runtime's default set (NET_ADMIN, SYS_ADMIN, ...) widen what a compromised process can do on the node.", "Remove the capabilities from securityContext.capabilities.add, or replace them with a narrower one.", [pss("baseline", "Capabilities"), "CIS 5.2.9", "Kubescape C-0046", "Kubescape C-0200", "Polaris dangerousCapabilities", "Polaris insecureCapabilities"]),
  workload("PSS-host-path", "high", "Mounts a hostPath volume", "A hostPath volume exposes the node's filesystem to the pod; writable mounts of /, /etc, the kubelet's directory or a runtime socket give the node away.", "Use a PersistentVolumeClaim, emptyDir or projected volume instead of hostPath.", [pss("baseline", "HostPath volumes"), "CIS 5.2.12", "Kubescape C-0048", "Kubescape C-0045", "Kubescape C-0203", "Polaris hostPathSet"]),
  workload("PSS-host-ports", "medium", "Binds a host port", "A hostPort exposes the container on the node's address, bypassing Services and often NetworkPolicy.", "Remove hostPort and expose the workload through a Service.", [pss("baseline", "Host ports"), "CIS 5.2.13", "Kubescape C-0044", "Kubescape C-0204", "Polaris hostPortSet"]),
  workload("PSS-apparmor", "medium", "AppArmor disabled", "An Unconfined AppArmor profile removes the runtime's default mandatory access control.", "Use appArmorProfile type RuntimeDefault or a Localhost profile.", [pss("baseline", "AppArmor")]),
  workload("PSS-selinux", "medium", "Custom SELinux options", "Setting an SELinux type outside the container domains, or a user or role, can lift the container out of its SELinux confinement.", "Remove seLinuxOptions.user and .role; use a container_* type or none.", [pss("baseline", "SELinux")]),
  workload("PSS-proc-mount", "medium", "Unmasked /proc", "procMount Unmasked exposes /proc paths the runtime normally hides (kernel and host information).", "Remove securityContext.procMount or set it to Default.", [pss("baseline", "/proc mount type")]),
  workload("PSS-seccomp-baseline", "medium", "Seccomp disabled", "A seccomp profile of Unconfined lets the container call every system call, including those used in container escapes.", "Set seccompProfile.type to RuntimeDefault (or Localhost) instead of Unconfined.", [pss("baseline", "Seccomp"), "Kubescape C-0055"]),
  workload("PSS-sysctls", "medium", "Unsafe sysctls", "Sysctls outside the safe set are not isolated between pods and can affect the whole node.", "Remove the sysctls or move the tuning to the node configuration.", [pss("baseline", "Sysctls"), "Trivy KSV-0026"]),
  workload("PSS-volume-types", "low", "Volume type outside the restricted list", "Restricted pods use only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret volumes.", "Mount the storage through a PersistentVolumeClaim.", [pss("restricted", "Volume types")]),
  workload("PSS-privilege-escalation", "medium", "Privilege escalation allowed", "Without allowPrivilegeEscalation: false, a process can gain more privileges than its parent (setuid binaries, file capabilities).", "Set securityContext.allowPrivilegeEscalation: false on every container.", [pss("restricted", "Privilege escalation"), "CIS 5.2.6", "Kubescape C-0016", "Kubescape C-0197", "Polaris privilegeEscalationAllowed"]),
  workload("PSS-run-as-non-root", "medium", "May run as root", "Without runAsNonRoot: true the image decides the user, and most images run as root.", "Set securityContext.runAsNonRoot: true (pod level) and a non-zero runAsUser.", [pss("restricted", "Running as non-root"), "CIS 5.2.7", "Kubescape C-0013", "Kubescape C-0198", "Polaris runAsRootAllowed"]),
  workload("PSS-run-as-user", "medium", "Runs as root (runAsUser: 0)", "runAsUser: 0 runs the container as root explicitly.", "Set runAsUser to a non-zero UID.", [pss("restricted", "Running as non-root user"), "CIS 5.2.7", "Kubescape C-0013", "Kubescape C-0198"]),
  workload("PSS-seccomp-restricted", "low", "No seccomp profile", "Unless seccompProfile is RuntimeDefault or Localhost, the container runs without a syscall filter on most clusters.", "Set securityContext.seccompProfile.type: RuntimeDefault at pod level.", [pss("restricted", "Seccomp"), "CIS 5.7.2", "Kubescape C-0210", "Kubescape C-0055"]),
  workload("PSS-capabilities-restricted", "low", "Does not drop all capabilities", "Containers keep the runtime's default capabilities (NET_RAW among them) unless they drop ALL.", "Set securityContext.capabilities.drop: [\"ALL\"] and add back only NET_BIND_SERVICE if needed.", [pss("restricted", "Capabilities"), "CIS 5.2.8", "CIS 5.2.10", "Kubescape C-0199", "Kubescape C-0201"]),
];

export const HARDENING_RULES: readonly RuleInfo[] = [
  workload("RT-linux-hardening", "medium", "No Linux hardening", "None of AppArmor, seccomp, SELinux or dropped capabilities is configured: the container relies entirely on defaults.", "Set seccompProfile RuntimeDefault and drop ALL capabilities; add an AppArmor or SELinux profile where available.", ["Polaris linuxHardening"]),
  workload("HY-writable-root-fs", "low", "Writable root filesystem", "A writable root filesystem lets an attacker drop tools and modify binaries inside the container.", "Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the app must write.", ["Kubescape C-0017", "Polaris notReadOnlyRootFilesystem"]),
  workload("HY-image-tag", "medium", "Image without a tag or with :latest", "An image without a tag or tagged latest changes under you: what runs is not what was reviewed, and rollbacks are guesswork.", "Pin the image to a version tag, ideally with its digest (image:1.2.3@sha256:...).", ["Kubescape C-0075", "Polaris tagNotSpecified"]),
  workload("HY-image-digest", "info", "Image not pinned by digest", "A tag can be moved to another image; only a digest names exactly one image.", "Reference images by digest (image:tag@sha256:...), e.g. with a CI step that resolves tags.", ["Polaris tagNotSpecified"]),
  workload("HY-resource-limits", "low", "Missing CPU or memory limits", "A container without limits can starve its neighbours on the node (noisy neighbour, denial of service).", "Set resources.limits.cpu and resources.limits.memory (or a LimitRange in the namespace).", ["Kubescape C-0009", "Kubescape C-0270", "Kubescape C-0271", "Polaris cpuLimitsMissing", "Polaris memoryLimitsMissing"]),
  workload("HY-sa-token", "low", "Service account token mounted but not needed", "The pod gets an API token for its service account; a compromised container can use it against the API server.", "Set automountServiceAccountToken: false on the pod (or the ServiceAccount) unless the workload calls the API.", ["CIS 5.1.6", "Kubescape C-0034", "Kubescape C-0190", "Polaris automountServiceAccountToken"]),
  workload("HY-default-namespace", "low", "Object in the default namespace", "The default namespace is shared by everything that forgot to choose one; policies and RBAC for it are rarely deliberate.", "Move the object (and the workload it belongs to) to a namespace of its own.", ["CIS 5.7.4", "Kubescape C-0212"]),
];

function admission(rule: string, severity: Severity, title: string, description: string, remediation: string, references: string[]): RuleInfo {
  return { rule, category: "admission", severity, title, description, remediation, references };
}

export const ADMISSION_RULES: readonly RuleInfo[] = [
  admission("ADM-psa-no-enforce", "medium", "Namespace without Pod Security enforcement", "Without a pod-security.kubernetes.io/enforce label, Pod Security Admission admits any pod in the namespace (audit and warn only report).", "Label the namespace pod-security.kubernetes.io/enforce=baseline (or restricted) with a pinned enforce-version.", ["CIS 5.2.1", "Kubescape C-0192"]),
  admission("ADM-psa-would-reject", "medium", "Workload violates its namespace's Pod Security level", "The namespace enforces (or, through audit/warn, intends) a Pod Security level this workload does not meet: its next pod would be rejected, or will be once enforcement is switched on.", "Fix the failing controls, or lower the namespace's level deliberately.", []),
  admission("ADM-psa-invalid-label", "low", "Invalid Pod Security label", "A pod-security.kubernetes.io label has a value Pod Security Admission does not understand.", "Use privileged, baseline or restricted for levels, and latest or v1.N for versions.", []),
  admission("ADM-webhook-fail-open", "medium", "Security webhook fails open", "A policy webhook with failurePolicy: Ignore admits every request unchecked while it is slow or down — an attacker only has to make it time out.", "Set failurePolicy: Fail on policy webhooks and run them highly available.", []),
  admission("ADM-webhook-no-endpoints", "high", "Webhook service has no endpoints", "The webhook's Service has no ready endpoints: with failurePolicy Fail every matching request is rejected, with Ignore it waits for the timeout and is admitted unchecked.", "Restore the webhook's pods, or delete the leftover webhook configuration.", []),
  admission("ADM-vap-unbound", "low", "ValidatingAdmissionPolicy without a binding", "A ValidatingAdmissionPolicy does nothing until a ValidatingAdmissionPolicyBinding references it.", "Create a ValidatingAdmissionPolicyBinding with validationActions [Deny], or delete the policy.", []),
  admission("ADM-vap-not-enforcing", "low", "Admission policy binding does not deny", "The binding's validationActions do not include Deny: violations are only audited or warned about.", "Add Deny to validationActions once the policy is proven.", []),
  admission("ADM-vap-missing-policy", "low", "Binding references a missing policy", "A ValidatingAdmissionPolicyBinding names a policy that does not exist, so nothing is enforced.", "Fix spec.policyName or remove the binding.", []),
  admission("ADM-gatekeeper-not-enforcing", "low", "Gatekeeper constraint does not enforce", "The constraint's enforcementAction is dryrun or warn: violating objects are admitted.", "Set enforcementAction: deny once the existing violations are fixed.", []),
  admission("ADM-gatekeeper-violations", "medium", "Gatekeeper constraint reports violations", "Gatekeeper's audit found existing objects that violate the constraint.", "Fix the listed objects; then switch the constraint to deny.", []),
  admission("ADM-no-policy-enforcement", "medium", "No admission policy is enforced", "No namespace enforces a Pod Security level and no webhook, ValidatingAdmissionPolicy or Gatekeeper constraint denies anything: any pod spec is admitted.", "Enforce Pod Security Admission (baseline at least) on every application namespace.", ["CIS 5.2.1", "Kubescape C-0192"]),
];

function platform(rule: string, severity: Severity, title: string, description: string, remediation: string, references: string[]): RuleInfo {
  return { rule, category: "platform", severity, title, description, remediation, references };
}

export const PLATFORM_RULES: readonly RuleInfo[] = [
  platform("PL-kubelet-unsupported", "medium", "Kubernetes version out of support", "Nodes run a kubelet minor version whose upstream support has ended: security fixes no longer ship for it.", "Upgrade the nodes (and the control plane) to a supported Kubernetes minor version.", []),
  platform("PL-version-skew", "medium", "Kubelet versions too far apart", "The nodes' kubelet minor versions differ by more than the supported skew (3 minor versions since 1.28), so no control-plane version supports all of them.", "Upgrade the oldest nodes.", []),
  platform("PL-runtime-outdated", "low", "Outdated container runtime", "The node's container runtime is deprecated or older than the versions still receiving fixes.", "Upgrade the container runtime with the node image.", []),
  platform("PL-no-mtls", "medium", "No service mesh mTLS: in-cluster traffic is unencrypted", "Neither Istio (PeerAuthentication STRICT) nor Linkerd is present: pod-to-pod traffic travels in clear text and is not authenticated.", "Adopt a mesh that enforces mTLS (Istio with mesh-wide STRICT PeerAuthentication, or Linkerd), or encrypt at the CNI (WireGuard/IPsec).", []),
  platform(
    "PL-hidden-characters",
    "medium",
    "Name with hidden characters",
    "An object or a RoleBinding subject is named with control, bidirectional or invisible characters: on a terminal it can act (clear the screen, write to the clipboard), and anywhere it can display as another name (`user\u202eevil\u202c`). Clearance shows such names escaped, behind ⚠.",
    "Find who created the object or binding (audit log) and remove or rename it; Kubernetes does not validate subject names, so restrict who may create RoleBindings.",
    [],
  ),
  platform("PL-mtls-not-strict", "low", "Namespace accepts plain-text traffic", "The mesh is present but this namespace's PeerAuthentication is PERMISSIVE or DISABLE (or it is not meshed), so plain-text connections are accepted.", "Apply a STRICT PeerAuthentication to the namespace (or mesh-wide), or inject the mesh proxy.", []),
];

export const POSTURE_RULES: readonly RuleInfo[] = [...PSS_RULES, ...HARDENING_RULES, ...ADMISSION_RULES, ...PLATFORM_RULES];
