/**
 * A pod template moved to a Pod Security Standards level: for each control the pod fails, the
 * least change that passes it (kubernetes/pod-security-admission `policy/check_*.go`, as
 * lib/posture/pss evaluates them), and a note for each change that can alter what the workload
 * does at run time. Baseline: no host namespaces, privileged, HostProcess, host ports; capabilities
 * added only from the Baseline set; AppArmor/seccomp not Unconfined; SELinux type within the
 * container domains and no user or role; procMount Default; only safe sysctls; a hostPath volume
 * becomes an emptyDir. Restricted adds: only the Restricted volume types (others become emptyDir),
 * allowPrivilegeEscalation false, runAsNonRoot true at pod level (runAsUser 0 removed), seccomp
 * RuntimeDefault at pod level unless a valid profile is set, capabilities drop ALL and add at most
 * NET_BIND_SERVICE.
 */
import type { Container, ContainerSecurityContext, PodSpec, PodTemplate, Volume } from "../model";
import { APPARMOR_ANNOTATION_PREFIX, BASELINE_CAPABILITIES, SAFE_SYSCTLS, SECCOMP_CONTAINER_ANNOTATION_PREFIX, SECCOMP_POD_ANNOTATION, SELINUX_TYPES } from "../posture/pss/baseline";
import { RESTRICTED_VOLUME_TYPES } from "../posture/pss/restricted";

export type TargetLevel = "baseline" | "restricted";

export interface Hardened {
  template: PodTemplate;
  /** Changes that can change run-time behaviour, in words, for the reviewer. */
  notes: string[];
}

const okProfile = (t: string | undefined) => t === undefined || t === "RuntimeDefault" || t === "Localhost";
const okSeccomp = (t: string | undefined) => t === "RuntimeDefault" || t === "Localhost";

function seLinux<T extends { type?: string; user?: string; role?: string; level?: string }>(o: T | undefined): T | undefined {
  if (!o) return o;
  const out = { ...o };
  if (!SELINUX_TYPES.has(out.type ?? "")) delete out.type;
  delete out.user;
  delete out.role;
  return Object.keys(out).length ? out : undefined;
}

function clean<T extends object>(o: T): T | undefined {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return Object.keys(o).length ? o : undefined;
}

function hardenContainer(c: Container, level: TargetLevel, notes: string[]): Container {
  const sc: ContainerSecurityContext = { ...(c.securityContext ?? {}) };
  if (sc.privileged) notes.push(`container "${c.name}" no longer runs privileged`);
  delete sc.privileged;
  if (sc.windowsOptions?.hostProcess) sc.windowsOptions = clean({ ...sc.windowsOptions, hostProcess: undefined });
  if (!okProfile(sc.appArmorProfile?.type)) sc.appArmorProfile = { type: "RuntimeDefault" };
  if (sc.seccompProfile?.type === "Unconfined") sc.seccompProfile = { type: "RuntimeDefault" };
  sc.seLinuxOptions = seLinux(sc.seLinuxOptions);
  if (sc.procMount !== undefined && sc.procMount !== "Default") delete sc.procMount;
  const add = sc.capabilities?.add ?? [];
  const keep = add.filter((x) => (level === "restricted" ? x === "NET_BIND_SERVICE" : BASELINE_CAPABILITIES.has(x)));
  if (keep.length < add.length) notes.push(`container "${c.name}" loses capabilities ${add.filter((x) => !keep.includes(x)).join(", ")}`);
  if (level === "restricted") {
    sc.allowPrivilegeEscalation = false;
    if (sc.runAsNonRoot === false) delete sc.runAsNonRoot;
    if (sc.runAsUser === 0) {
      delete sc.runAsUser;
      notes.push(`container "${c.name}" no longer runs as UID 0: its image must run as a non-root user`);
    }
    if (sc.seccompProfile && !okSeccomp(sc.seccompProfile.type)) sc.seccompProfile = { type: "RuntimeDefault" };
    const drop = sc.capabilities?.drop ?? [];
    sc.capabilities = { ...(keep.length ? { add: keep } : {}), drop: drop.includes("ALL") ? drop : ["ALL"] };
  } else if (sc.capabilities) {
    sc.capabilities = clean({ ...sc.capabilities, add: keep.length ? keep : undefined });
  }
  const ports = c.ports.map((p) => {
    if (!p.hostPort) return p;
    notes.push(`container "${c.name}" no longer binds host port ${p.hostPort}: reach it through a Service`);
    const { hostPort, hostIP, ...rest } = p;
    void hostPort;
    void hostIP;
    return rest;
  });
  const securityContext = clean(sc);
  const out: Container = { ...c, ports };
  if (securityContext) out.securityContext = securityContext;
  else delete out.securityContext;
  return out;
}

function hardenVolume(v: Volume, level: TargetLevel, notes: string[]): Volume {
  const allowed = level === "restricted" ? RESTRICTED_VOLUME_TYPES.has(v.type) : v.type !== "hostPath";
  if (allowed) return v;
  notes.push(`volume "${v.name}" (${v.type}${v.hostPath ? ` ${v.hostPath.path}` : ""}) becomes an emptyDir: the pod no longer sees that storage`);
  return { name: v.name, type: "emptyDir" };
}

/** The template at `level` (see file comment); a template already there comes back unchanged. */
export function hardenTemplate(t: PodTemplate, level: TargetLevel): Hardened {
  const notes: string[] = [];
  const s = t.spec;
  const psc = { ...s.securityContext };
  for (const k of ["hostNetwork", "hostPID", "hostIPC"] as const) if (s[k]) notes.push(`the pod leaves the node's ${k.slice(4).toLowerCase()} namespace`);
  if (psc.windowsOptions?.hostProcess) psc.windowsOptions = clean({ ...psc.windowsOptions, hostProcess: undefined });
  if (!okProfile(psc.appArmorProfile?.type)) psc.appArmorProfile = { type: "RuntimeDefault" };
  if (psc.seccompProfile?.type === "Unconfined") psc.seccompProfile = { type: "RuntimeDefault" };
  psc.seLinuxOptions = seLinux(psc.seLinuxOptions);
  const unsafe = (psc.sysctls ?? []).filter((x) => !SAFE_SYSCTLS.has(x.name));
  if (unsafe.length) {
    notes.push(`sysctls ${unsafe.map((x) => x.name).join(", ")} removed: tune them on the node instead`);
    psc.sysctls = (psc.sysctls ?? []).filter((x) => SAFE_SYSCTLS.has(x.name));
    if (!psc.sysctls.length) delete psc.sysctls;
  }
  if (level === "restricted") {
    psc.runAsNonRoot = true;
    if (psc.runAsUser === 0) {
      delete psc.runAsUser;
      notes.push("the pod no longer runs as UID 0: its images must run as a non-root user");
    }
    if (!okSeccomp(psc.seccompProfile?.type)) psc.seccompProfile = { type: "RuntimeDefault" };
  }
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(t.annotations)) {
    if (k.startsWith(APPARMOR_ANNOTATION_PREFIX) && !(v === "" || v === "runtime/default" || v.startsWith("localhost/"))) annotations[k] = "runtime/default";
    else if ((k === SECCOMP_POD_ANNOTATION || k.startsWith(SECCOMP_CONTAINER_ANNOTATION_PREFIX)) && v === "unconfined") annotations[k] = "runtime/default";
    else annotations[k] = v;
  }
  const spec: PodSpec = {
    ...s,
    hostNetwork: false,
    hostPID: false,
    hostIPC: false,
    securityContext: clean(psc) ?? {},
    containers: s.containers.map((c) => hardenContainer(c, level, notes)),
    initContainers: s.initContainers.map((c) => hardenContainer(c, level, notes)),
    ephemeralContainers: s.ephemeralContainers.map((c) => hardenContainer(c, level, notes)),
    volumes: s.volumes.map((v) => hardenVolume(v, level, notes)),
  };
  return { template: { ...t, annotations, spec }, notes };
}

/** Hygiene findings a template edit fixes: the rule → the edit, with its run-time note. */
export const HYGIENE_EDITS: Readonly<Record<string, (t: PodTemplate) => Hardened>> = {
  "HY-sa-token": (t) => ({ template: { ...t, spec: { ...t.spec, automountServiceAccountToken: false } }, notes: ["the pods no longer get an API token: nothing in them may call the API server"] }),
  "HY-writable-root-fs": (t) => ({
    template: { ...t, spec: { ...t.spec, containers: t.spec.containers.map((c) => ({ ...c, securityContext: { ...c.securityContext, readOnlyRootFilesystem: true } })) } },
    notes: ["the containers' root filesystems become read-only: mount an emptyDir where they write"],
  }),
  "RT-linux-hardening": (t) => ({ template: { ...t, spec: { ...t.spec, securityContext: { ...t.spec.securityContext, seccompProfile: t.spec.securityContext.seccompProfile?.type === "Localhost" ? t.spec.securityContext.seccompProfile : { type: "RuntimeDefault" } } } }, notes: ["the runtime's default seccomp filter applies: unusual system calls fail"] }),
};
