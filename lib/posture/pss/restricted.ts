/**
 * Pod Security Standards, Restricted level (on top of Baseline): current pod hardening practice.
 * Semantics follow kubernetes/pod-security-admission `policy/check_*.go` at the latest policy
 * version. Container-level settings override pod-level ones where the API says so.
 */
import type { Container } from "../../model";
import type { PodView } from "../units";
import { allContainers } from "../units";
import { ALLOWED, containersPhrase, inUserNamespace, quote, setters, type ControlResult, type PssControl } from "./control";

/** check_restrictedVolumes.go: the volume types a restricted pod may use. */
export const RESTRICTED_VOLUME_TYPES = new Set(["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"]);

/** Only RESTRICTED_VOLUME_TYPES (hostPath included in the failure). */
export function checkVolumeTypes(p: PodView): ControlResult {
  const bad = p.spec.volumes.filter((v) => !RESTRICTED_VOLUME_TYPES.has(v.type));
  if (!bad.length) return ALLOWED;
  return {
    allowed: false,
    detail: `restricted volume ${bad.length === 1 ? "type" : "types"}: ${bad.map((v) => `"${v.name}" (${v.type})`).join(", ")}`,
  };
}

/** check_allowPrivilegeEscalation.go: every container must set allowPrivilegeEscalation=false explicitly. */
export function checkPrivilegeEscalation(p: PodView): ControlResult {
  const bad = allContainers(p.spec).filter(({ container }) => container.securityContext?.allowPrivilegeEscalation !== false).map(({ container }) => container.name);
  if (!bad.length) return ALLOWED;
  return { allowed: false, detail: `${containersPhrase(bad)} must set securityContext.allowPrivilegeEscalation=false` };
}

/**
 * check_runAsNonRoot.go: runAsNonRoot=true at pod level (not overridden to false by a container),
 * or on every container. Pods in a user namespace are exempt (1.34+).
 */
export function checkRunAsNonRoot(p: PodView): ControlResult {
  if (inUserNamespace(p)) return ALLOWED;
  const podValue = p.spec.securityContext.runAsNonRoot;
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  for (const { container } of allContainers(p.spec)) {
    const v = container.securityContext?.runAsNonRoot;
    if (v === false) explicitlyBad.push(container.name);
    else if (v === undefined && podValue !== true) implicitlyBad.push(container.name);
  }
  if (podValue === false || explicitlyBad.length) {
    return { allowed: false, detail: `${setters(podValue === false, explicitlyBad)} must not set securityContext.runAsNonRoot=false` };
  }
  if (implicitlyBad.length) return { allowed: false, detail: `pod or ${containersPhrase(implicitlyBad)} must set securityContext.runAsNonRoot=true` };
  return ALLOWED;
}

/** check_runAsUser.go: neither the pod nor any container may set runAsUser=0 (user-namespace pods exempt, 1.34+). */
export function checkRunAsUser(p: PodView): ControlResult {
  if (inUserNamespace(p)) return ALLOWED;
  const podBad = p.spec.securityContext.runAsUser === 0;
  const bad = allContainers(p.spec).filter(({ container }) => container.securityContext?.runAsUser === 0).map(({ container }) => container.name);
  if (!podBad && !bad.length) return ALLOWED;
  return { allowed: false, detail: `${setters(podBad, bad)} must not set runAsUser=0` };
}

const validSeccomp = (t: string) => t === "RuntimeDefault" || t === "Localhost";

/**
 * check_seccompProfile_restricted.go: seccompProfile.type RuntimeDefault or Localhost, set at pod
 * level (containers may not weaken it) or on every container.
 */
export function checkSeccompRestricted(p: PodView): ControlResult {
  const podType = p.spec.securityContext.seccompProfile?.type;
  const podBad = podType !== undefined && !validSeccomp(podType);
  const podSet = podType !== undefined && validSeccomp(podType);
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  for (const { container } of allContainers(p.spec)) {
    const t = container.securityContext?.seccompProfile?.type;
    if (t !== undefined) {
      if (!validSeccomp(t)) explicitlyBad.push(container.name);
    } else if (!podSet) {
      implicitlyBad.push(container.name);
    }
  }
  if (podBad || explicitlyBad.length) {
    return { allowed: false, detail: `${setters(podBad, explicitlyBad)} must not set securityContext.seccompProfile.type to anything but "RuntimeDefault" or "Localhost"` };
  }
  if (implicitlyBad.length) {
    return { allowed: false, detail: `pod or ${containersPhrase(implicitlyBad)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"` };
  }
  return ALLOWED;
}

function dropsAll(c: Container): boolean {
  return (c.securityContext?.capabilities?.drop ?? []).includes("ALL");
}

/** check_capabilities_restricted.go: every container drops ALL and adds nothing but NET_BIND_SERVICE. */
export function checkCapabilitiesRestricted(p: PodView): ControlResult {
  const notDropping: string[] = [];
  const adding: string[] = [];
  const added = new Set<string>();
  for (const { container } of allContainers(p.spec)) {
    if (!dropsAll(container)) notDropping.push(container.name);
    const extra = (container.securityContext?.capabilities?.add ?? []).filter((c) => c !== "NET_BIND_SERVICE");
    if (extra.length) {
      adding.push(container.name);
      for (const c of extra) added.add(c);
    }
  }
  const parts: string[] = [];
  if (notDropping.length) parts.push(`${containersPhrase(notDropping)} must set securityContext.capabilities.drop=["ALL"]`);
  if (adding.length) parts.push(`${containersPhrase(adding)} must not include ${quote([...added].sort())} in securityContext.capabilities.add`);
  return parts.length ? { allowed: false, detail: parts.join("; ") } : ALLOWED;
}

export const RESTRICTED_CONTROLS: readonly PssControl[] = [
  { rule: "PSS-volume-types", level: "restricted", control: "Volume types", check: checkVolumeTypes },
  { rule: "PSS-privilege-escalation", level: "restricted", control: "Privilege escalation", check: checkPrivilegeEscalation },
  { rule: "PSS-run-as-non-root", level: "restricted", control: "Running as non-root", check: checkRunAsNonRoot },
  { rule: "PSS-run-as-user", level: "restricted", control: "Running as non-root user", check: checkRunAsUser },
  { rule: "PSS-seccomp-restricted", level: "restricted", control: "Seccomp", check: checkSeccompRestricted },
  { rule: "PSS-capabilities-restricted", level: "restricted", control: "Capabilities", check: checkCapabilitiesRestricted },
];
