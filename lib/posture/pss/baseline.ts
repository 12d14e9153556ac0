/**
 * Pod Security Standards, Baseline level: the controls that prevent known privilege escalations.
 * Semantics follow kubernetes/pod-security-admission `policy/check_*.go` at the latest policy
 * version; every check visits containers, initContainers and ephemeralContainers.
 */
import type { PodView } from "../units";
import { allContainers } from "../units";
import { ALLOWED, containersPhrase, inUserNamespace, quote, setters, type ControlResult, type PssControl } from "./control";

/** check_windowsHostProcess.go: `windowsOptions.hostProcess` must not be true at pod or container level. */
export function checkHostProcess(p: PodView): ControlResult {
  const podSet = p.spec.securityContext.windowsOptions?.hostProcess === true;
  const bad = allContainers(p.spec)
    .filter(({ container }) => container.securityContext?.windowsOptions?.hostProcess === true)
    .map(({ container }) => container.name);
  if (!podSet && !bad.length) return ALLOWED;
  return { allowed: false, detail: `${setters(podSet, bad)} must not set securityContext.windowsOptions.hostProcess=true` };
}

/** check_hostNamespaces.go: hostNetwork, hostPID and hostIPC must be unset or false. */
export function checkHostNamespaces(p: PodView): ControlResult {
  const set = (["hostNetwork", "hostPID", "hostIPC"] as const).filter((k) => p.spec[k]);
  if (!set.length) return ALLOWED;
  return { allowed: false, detail: `${set.map((k) => `${k}=true`).join(", ")}`, fields: [...set] };
}

/** check_privileged.go: no container may set `securityContext.privileged: true`. */
export function checkPrivileged(p: PodView): ControlResult {
  const bad = allContainers(p.spec).filter(({ container }) => container.securityContext?.privileged === true).map(({ container }) => container.name);
  if (!bad.length) return ALLOWED;
  return { allowed: false, detail: `${containersPhrase(bad)} must not set securityContext.privileged=true` };
}

/** check_capabilities_baseline.go: the capabilities a container may add (compared as written, case-sensitive). */
export const BASELINE_CAPABILITIES = new Set([
  "AUDIT_WRITE",
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "MKNOD",
  "NET_BIND_SERVICE",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_CHROOT",
]);

/** Capabilities that amount to root on the node (Polaris `dangerousCapabilities`, plus module/raw-io/BPF). */
const NODE_TAKEOVER_CAPABILITIES = new Set(["ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "BPF", "DAC_READ_SEARCH"]);

/** check_capabilities_baseline.go: capabilities.add only from BASELINE_CAPABILITIES. */
export function checkCapabilitiesBaseline(p: PodView): ControlResult {
  const bad = new Set<string>();
  const containers: string[] = [];
  for (const { container } of allContainers(p.spec)) {
    const added = (container.securityContext?.capabilities?.add ?? []).filter((c) => !BASELINE_CAPABILITIES.has(c));
    if (!added.length) continue;
    containers.push(container.name);
    for (const c of added) bad.add(c);
  }
  if (!containers.length) return ALLOWED;
  const caps = [...bad].sort();
  return {
    allowed: false,
    detail: `${containersPhrase(containers)} must not include ${quote(caps)} in securityContext.capabilities.add`,
    ...(caps.some((c) => NODE_TAKEOVER_CAPABILITIES.has(c.replace(/^CAP_/, ""))) ? { severity: "critical" as const } : {}),
  };
}

/** Host paths whose mount gives away the node: its root, its config, the kubelet's state or a container runtime socket. */
const SENSITIVE_HOST_PATHS = ["/etc", "/proc", "/sys", "/root", "/boot", "/dev", "/var/lib/kubelet", "/var/lib/docker", "/var/lib/containerd", "/var/run", "/run"];

/** Whether mounting this host path hands over the node (root, /etc, kubelet or runtime state, a socket). */
export function isSensitiveHostPath(path: string): boolean {
  const p = path.replace(/\/+$/, "") || "/";
  if (p === "/" || p.endsWith(".sock")) return true;
  return SENSITIVE_HOST_PATHS.some((s) => p === s || (s !== "/var/run" && s !== "/run" && p.startsWith(`${s}/`)));
}

/** check_hostPathVolumes.go: no hostPath volumes. */
export function checkHostPath(p: PodView): ControlResult {
  const vols = p.spec.volumes.filter((v) => v.type === "hostPath");
  if (!vols.length) return ALLOWED;
  const sensitive = vols.some((v) => isSensitiveHostPath(v.hostPath?.path ?? ""));
  const names = new Set(vols.map((v) => v.name));
  // Kubescape C-0045 (rules/alert-rw-hostpath): a mount of a hostPath volume without readOnly: true.
  const writable = allContainers(p.spec).some(({ container }) => container.volumeMounts.some((m) => names.has(m.name) && m.readOnly !== true));
  return {
    allowed: false,
    detail: `hostPath ${vols.length === 1 ? "volume" : "volumes"} ${vols.map((v) => `"${v.name}" (${v.hostPath?.path ?? "?"})`).join(", ")}`,
    ...(sensitive ? { severity: "critical" as const } : {}),
    ...(writable ? { fields: ["writable"] } : {}),
  };
}

/** check_hostPorts.go: no container port may set a non-zero hostPort. */
export function checkHostPorts(p: PodView): ControlResult {
  const ports: string[] = [];
  const names: string[] = [];
  for (const { container } of allContainers(p.spec)) {
    const hp = container.ports.filter((x) => x.hostPort).map((x) => String(x.hostPort));
    if (!hp.length) continue;
    names.push(container.name);
    ports.push(...hp);
  }
  if (!names.length) return ALLOWED;
  return { allowed: false, detail: `${containersPhrase(names)} use hostPort ${ports.join(", ")}` };
}

export const APPARMOR_ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

/**
 * check_appArmorProfile.go: the profile may be unset, RuntimeDefault or Localhost — in the
 * `appArmorProfile` fields (pod and container) and in the legacy per-container annotation
 * (`runtime/default`, `localhost/<name>` or empty).
 */
export function checkAppArmor(p: PodView): ControlResult {
  const bad: string[] = [];
  for (const [k, v] of Object.entries(p.annotations)) {
    if (k.startsWith(APPARMOR_ANNOTATION_PREFIX) && !(v === "" || v === "runtime/default" || v.startsWith("localhost/"))) bad.push(`${k}="${v}"`);
  }
  const okType = (t: string) => t === "RuntimeDefault" || t === "Localhost";
  const podType = p.spec.securityContext.appArmorProfile?.type;
  if (podType !== undefined && !okType(podType)) bad.push(`pod appArmorProfile.type=${podType}`);
  for (const { container } of allContainers(p.spec)) {
    const t = container.securityContext?.appArmorProfile?.type;
    if (t !== undefined && !okType(t)) bad.push(`container "${container.name}" appArmorProfile.type=${t}`);
  }
  if (!bad.length) return ALLOWED;
  return { allowed: false, detail: `forbidden AppArmor ${bad.length === 1 ? "profile" : "profiles"}: ${bad.sort().join(", ")}` };
}

/** check_seLinuxOptions.go: type limited to the container domains; user and role must be unset. */
export const SELINUX_TYPES = new Set(["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"]);

/** check_seLinuxOptions.go at pod and container level. */
export function checkSELinux(p: PodView): ControlResult {
  const problems = new Set<string>();
  const valid = (o: { type?: string; user?: string; role?: string } | undefined): boolean => {
    if (!o) return true;
    let ok = true;
    if (!SELINUX_TYPES.has(o.type ?? "")) {
      problems.add(`type "${o.type}"`);
      ok = false;
    }
    if (o.user) {
      problems.add("user may not be set");
      ok = false;
    }
    if (o.role) {
      problems.add("role may not be set");
      ok = false;
    }
    return ok;
  };
  const podBad = !valid(p.spec.securityContext.seLinuxOptions);
  const bad = allContainers(p.spec).filter(({ container }) => !valid(container.securityContext?.seLinuxOptions)).map(({ container }) => container.name);
  if (!podBad && !bad.length) return ALLOWED;
  return { allowed: false, detail: `${setters(podBad, bad)} set forbidden securityContext.seLinuxOptions: ${[...problems].join("; ")}` };
}

/** check_procMount.go: procMount must be unset or Default (any value is allowed in a user namespace, 1.34+). */
export function checkProcMount(p: PodView): ControlResult {
  if (inUserNamespace(p)) return ALLOWED;
  const bad = allContainers(p.spec).filter(({ container }) => {
    const m = container.securityContext?.procMount;
    return m !== undefined && m !== "Default";
  });
  if (!bad.length) return ALLOWED;
  return {
    allowed: false,
    detail: `${containersPhrase(bad.map((b) => b.container.name))} must not set securityContext.procMount to ${quote([...new Set(bad.map((b) => b.container.securityContext!.procMount!))])}`,
  };
}

export const SECCOMP_POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
export const SECCOMP_CONTAINER_ANNOTATION_PREFIX = "container.seccomp.security.alpha.kubernetes.io/";

/**
 * check_seccompProfile_baseline.go: seccompProfile.type must not be Unconfined (pod or container).
 * The pre-1.19 annotations (`seccomp.security.alpha.kubernetes.io/pod`,
 * `container.seccomp.security.alpha.kubernetes.io/<name>` = `unconfined`) are checked too: PSA
 * only reads them for policy versions before 1.19, but they still state the intent.
 */
export function checkSeccompBaseline(p: PodView): ControlResult {
  const bad: string[] = [];
  if (p.spec.securityContext.seccompProfile?.type === "Unconfined") bad.push("pod");
  for (const { container } of allContainers(p.spec)) {
    if (container.securityContext?.seccompProfile?.type === "Unconfined") bad.push(`container "${container.name}"`);
  }
  for (const [k, v] of Object.entries(p.annotations)) {
    if ((k === SECCOMP_POD_ANNOTATION || k.startsWith(SECCOMP_CONTAINER_ANNOTATION_PREFIX)) && v === "unconfined") bad.push(`annotation ${k}`);
  }
  if (!bad.length) return ALLOWED;
  return { allowed: false, detail: `${bad.join(" and ")} must not set the seccomp profile to Unconfined` };
}

/**
 * check_sysctls.go, latest version: the "safe" sysctls (kubernetes.io docs, "Using sysctls in a
 * Kubernetes Cluster": ip_local_reserved_ports since 1.27, tcp_keepalive_* and tcp_fin_timeout
 * since 1.29, tcp_rmem/tcp_wmem since 1.32).
 */
export const SAFE_SYSCTLS = new Set([
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
  "net.ipv4.tcp_rmem",
  "net.ipv4.tcp_wmem",
]);

/** check_sysctls.go: only SAFE_SYSCTLS in spec.securityContext.sysctls. */
export function checkSysctls(p: PodView): ControlResult {
  const bad = (p.spec.securityContext.sysctls ?? []).map((s) => s.name).filter((n) => !SAFE_SYSCTLS.has(n));
  if (!bad.length) return ALLOWED;
  return { allowed: false, detail: `forbidden sysctls ${bad.join(", ")}` };
}

export const BASELINE_CONTROLS: readonly PssControl[] = [
  { rule: "PSS-host-process", level: "baseline", control: "HostProcess", check: checkHostProcess },
  { rule: "PSS-host-namespaces", level: "baseline", control: "Host namespaces", check: checkHostNamespaces },
  { rule: "PSS-privileged", level: "baseline", control: "Privileged containers", check: checkPrivileged },
  { rule: "PSS-capabilities-baseline", level: "baseline", control: "Capabilities", check: checkCapabilitiesBaseline },
  { rule: "PSS-host-path", level: "baseline", control: "HostPath volumes", check: checkHostPath },
  { rule: "PSS-host-ports", level: "baseline", control: "Host ports", check: checkHostPorts },
  { rule: "PSS-apparmor", level: "baseline", control: "AppArmor", check: checkAppArmor },
  { rule: "PSS-selinux", level: "baseline", control: "SELinux", check: checkSELinux },
  { rule: "PSS-proc-mount", level: "baseline", control: "/proc mount type", check: checkProcMount },
  { rule: "PSS-seccomp-baseline", level: "baseline", control: "Seccomp", check: checkSeccompBaseline },
  { rule: "PSS-sysctls", level: "baseline", control: "Sysctls", check: checkSysctls },
];
