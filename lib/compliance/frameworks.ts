/**
 * The three frameworks as lists of controls: CIS Kubernetes Benchmark v1.12 section 5 and the
 * NSA/CISA hardening guidance as Kubescape encodes them (kubescape/regolibrary
 * frameworks/cis-v1.12.0.json and frameworks/nsaframework.json: each control is a Kubescape
 * control), and the Pod Security Standards (kubernetes.io/docs/concepts/security/pod-security-standards).
 * A control's checks come from its Kubescape control (kubescape-*.ts) or, for the PSS, from the
 * lib/posture rule implementing it.
 */
import { PSS_RULES } from "../posture/catalogue";
import { KUBESCAPE_DEFINITIONS } from "./definitions";
import { KUBESCAPE_RBAC_CONTROLS } from "./kubescape-rbac";
import { KUBESCAPE_UNCHECKED, KUBESCAPE_WORKLOAD_CONTROLS } from "./kubescape-workloads";
import type { ControlDef, Framework, KubescapeControl } from "./types";

export const KUBESCAPE_CONTROLS: ReadonlyMap<string, KubescapeControl> = new Map(
  [...KUBESCAPE_RBAC_CONTROLS, ...KUBESCAPE_WORKLOAD_CONTROLS, ...KUBESCAPE_UNCHECKED].map((c) => [c.id, c]),
);

/** CIS id, Kubescape control, title — frameworks/cis-v1.12.0.json, section 5 (policies). */
const CIS_V1_12: readonly (readonly [string, string, string])[] = [
  ["5.1.1", "C-0185", "Ensure that the cluster-admin role is only used where required"],
  ["5.1.2", "C-0186", "Minimize access to secrets"],
  ["5.1.3", "C-0187", "Minimize wildcard use in Roles and ClusterRoles"],
  ["5.1.4", "C-0188", "Minimize access to create pods"],
  ["5.1.5", "C-0189", "Ensure that default service accounts are not actively used"],
  ["5.1.6", "C-0190", "Ensure that Service Account Tokens are only mounted where necessary"],
  ["5.1.7", "C-0246", "Avoid use of system:masters group"],
  ["5.1.8", "C-0191", "Limit use of the Bind, Impersonate and Escalate permissions in the Kubernetes cluster"],
  ["5.1.9", "C-0278", "Minimize access to create persistent volumes"],
  ["5.1.10", "C-0279", "Minimize access to the proxy sub-resource of nodes"],
  ["5.1.11", "C-0280", "Minimize access to the approval sub-resource of certificatesigningrequests objects"],
  ["5.1.12", "C-0281", "Minimize access to webhook configuration objects"],
  ["5.1.13", "C-0282", "Minimize access to the service account token creation"],
  ["5.2.1", "C-0192", "Ensure that the cluster has at least one active policy control mechanism in place"],
  ["5.2.2", "C-0193", "Minimize the admission of privileged containers"],
  ["5.2.3", "C-0275", "Minimize the admission of containers wishing to share the host process ID namespace"],
  ["5.2.4", "C-0276", "Minimize the admission of containers wishing to share the host IPC namespace"],
  ["5.2.5", "C-0041", "Minimize the admission of containers wishing to share the host network namespace"],
  ["5.2.6", "C-0197", "Minimize the admission of containers with allowPrivilegeEscalation"],
  ["5.2.7", "C-0198", "Minimize the admission of root containers"],
  ["5.2.8", "C-0199", "Minimize the admission of containers with the NET_RAW capability"],
  ["5.2.9", "C-0200", "Minimize the admission of containers with added capabilities"],
  ["5.2.10", "C-0201", "Minimize the admission of containers with capabilities assigned"],
  ["5.2.11", "C-0202", "Minimize the admission of Windows HostProcess Containers"],
  ["5.2.12", "C-0203", "Minimize the admission of HostPath volumes"],
  ["5.2.13", "C-0204", "Minimize the admission of containers which use HostPorts"],
  ["5.3.1", "C-0205", "Ensure that the CNI in use supports Network Policies"],
  ["5.3.2", "C-0206", "Ensure that all Namespaces have Network Policies defined"],
  ["5.4.1", "C-0207", "Prefer using secrets as files over secrets as environment variables"],
  ["5.4.2", "C-0208", "Consider external secret storage"],
  ["5.5.1", "C-0289", "Configure Image Provenance using ImagePolicyWebhook admission controller"],
  ["5.7.1", "C-0209", "Create administrative boundaries between resources using namespaces"],
  ["5.7.2", "C-0210", "Ensure that the seccomp profile is set to docker/default in your pod definitions"],
  ["5.7.3", "C-0211", "Apply Security Context to Your Pods and Containers"],
  ["5.7.4", "C-0212", "The default namespace should not be used"],
];

/** frameworks/nsaframework.json: the NSA/CISA Kubernetes Hardening Guidance as Kubescape controls. */
const NSA_CONTROLS: readonly string[] = [
  "C-0002", "C-0005", "C-0012", "C-0013", "C-0016", "C-0017", "C-0030", "C-0034", "C-0035", "C-0038", "C-0041", "C-0044", "C-0046",
  "C-0054", "C-0055", "C-0057", "C-0058", "C-0059", "C-0066", "C-0067", "C-0068", "C-0069", "C-0070", "C-0270", "C-0271", "C-0292",
];

/** The Pod Security Standards' controls, as the page states them (kubernetes.io/docs/concepts/security/pod-security-standards). */
const PSS_DEFINITIONS: Readonly<Record<string, string>> = {
  HostProcess: "Windows pods offer the ability to run HostProcess containers which enables privileged access to the Windows host machine: securityContext.windowsOptions.hostProcess must be unset or false.",
  "Host namespaces": "Sharing the host namespaces must be disallowed: hostNetwork, hostPID and hostIPC must be unset or false.",
  "Privileged containers": "Privileged Pods disable most security mechanisms and must be disallowed: securityContext.privileged must be unset or false.",
  Capabilities: "Adding additional capabilities beyond those listed must be disallowed (baseline: AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT); restricted: containers must drop ALL and may only add back NET_BIND_SERVICE.",
  "HostPath volumes": "HostPath volumes must be forbidden.",
  "Host ports": "HostPorts should be disallowed entirely (recommended) or restricted to a known list.",
  AppArmor: "On supported hosts, the RuntimeDefault AppArmor profile is applied by default. The baseline policy should prevent overriding or disabling the default AppArmor profile, or restrict overrides to an allowed set of profiles (RuntimeDefault, Localhost).",
  SELinux: "Setting the SELinux type is restricted (container_t, container_init_t, container_kvm_t, container_engine_t), and setting a custom SELinux user or role option is forbidden.",
  "/proc mount type": "The default /proc masks are set up to reduce attack surface, and should be required: procMount must be unset or Default.",
  Seccomp: "Baseline: seccomp profile must not be explicitly set to Unconfined. Restricted: it must be explicitly set to RuntimeDefault or Localhost.",
  Sysctls: "Sysctls can disable security mechanisms or affect all containers on a host, and should be disallowed except for an allowed safe subset.",
  "Volume types": "The restricted policy only permits configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret volumes.",
  "Privilege escalation": "Privilege escalation (such as via set-user-ID or set-group-ID file mode) should not be allowed: allowPrivilegeEscalation must be false.",
  "Running as non-root": "Containers must be required to run as non-root users: runAsNonRoot must be true.",
  "Running as non-root user": "Containers must not set runAsUser to 0.",
};

const PSS_SOURCE = "kubernetes.io/docs/concepts/security/pod-security-standards";

/** A Kubescape control as a control of its own (for controls the findings cite outside the three frameworks). */
export function kubescapeControlDef(id: string): ControlDef {
  const k = KUBESCAPE_CONTROLS.get(id);
  return fromKubescape("NSA", id, id, k?.name ?? id, `Kubescape ${id} (kubescape/regolibrary controls/${id})`);
}

function fromKubescape(framework: Framework, id: string, ks: string, title: string, source: string): ControlDef {
  const k = KUBESCAPE_CONTROLS.get(ks);
  if (!k) throw new Error(`no Kubescape control ${ks} for ${framework} ${id}`);
  return {
    framework, id, title, source, kubescape: ks,
    definition: KUBESCAPE_DEFINITIONS[ks] ?? title,
    scope: k.scope, checks: k.checks, differences: k.differences,
    ...(k.notChecked ? { notChecked: k.notChecked } : {}),
  };
}

function pssControls(): ControlDef[] {
  return PSS_RULES.flatMap((r) => {
    const ref = r.references.map((x) => /^PSS (baseline|restricted): (.+)$/.exec(x)).find((m) => m);
    if (!ref) return [];
    const [, level, control] = ref;
    return [{ framework: "PSS" as const, id: `${level}: ${control}`, title: `${control} (${level})`, definition: PSS_DEFINITIONS[control] ?? control, source: PSS_SOURCE, scope: ["workloads" as const], checks: [r.rule], differences: [] }];
  });
}

export const FRAMEWORK_TITLES: Readonly<Record<Framework, string>> = {
  CIS: "CIS Kubernetes Benchmark v1.12, section 5 (policies)",
  NSA: "NSA/CISA Kubernetes Hardening Guidance (Kubescape's control set)",
  PSS: "Pod Security Standards (baseline and restricted)",
};

/** Every control of every framework, in the framework's order. */
export const FRAMEWORK_CONTROLS: Readonly<Record<Framework, readonly ControlDef[]>> = {
  CIS: CIS_V1_12.map(([id, ks, title]) => fromKubescape("CIS", id, ks, title, `CIS Kubernetes Benchmark v1.12 ${id}; Kubescape ${ks} (kubescape/regolibrary frameworks/cis-v1.12.0.json)`)),
  NSA: NSA_CONTROLS.map((ks) => fromKubescape("NSA", ks, ks, KUBESCAPE_CONTROLS.get(ks)?.name ?? ks, `NSA/CISA Kubernetes Hardening Guidance; Kubescape ${ks} (kubescape/regolibrary frameworks/nsaframework.json)`)),
  PSS: pssControls(),
};
