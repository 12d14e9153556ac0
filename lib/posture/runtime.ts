/**
 * Runtime protection per container: the AppArmor, seccomp and SELinux profile that applies after
 * container-level settings override pod-level ones (fields first, then the legacy annotations),
 * and whether capabilities are dropped.
 */
import type { Container } from "../model";
import { APPARMOR_ANNOTATION_PREFIX, SECCOMP_CONTAINER_ANNOTATION_PREFIX, SECCOMP_POD_ANNOTATION } from "./pss/baseline";
import { allContainers, type PodView } from "./units";

/** "unset" means the runtime default applies only where the node enables it. */
export type ProfileState = "RuntimeDefault" | "Localhost" | "Unconfined" | "unset";

export interface ContainerProtection {
  container: string;
  appArmor: ProfileState;
  seccomp: ProfileState;
  /** The SELinux type (or "custom" when only user/role/level are set), "unset" otherwise. */
  seLinux: string;
  drops: string[];
}

function fromField(type: string | undefined): ProfileState | undefined {
  if (type === undefined) return undefined;
  return type === "RuntimeDefault" || type === "Localhost" || type === "Unconfined" ? type : "Unconfined";
}

/** Legacy annotation values: `runtime/default` (and seccomp's `docker/default`), `localhost/<p>`, `unconfined`. */
function fromAnnotation(v: string | undefined): ProfileState | undefined {
  if (v === undefined || v === "") return undefined;
  if (v === "runtime/default" || v === "docker/default") return "RuntimeDefault";
  if (v.startsWith("localhost/")) return "Localhost";
  return "Unconfined";
}

/** The AppArmor, seccomp and SELinux settings in force for one container, after overrides. */
export function containerProtection(pod: PodView, c: Container): ContainerProtection {
  const ctx = c.securityContext;
  const podCtx = pod.spec.securityContext;
  const appArmor =
    fromField(ctx?.appArmorProfile?.type) ?? fromAnnotation(pod.annotations[`${APPARMOR_ANNOTATION_PREFIX}${c.name}`]) ?? fromField(podCtx.appArmorProfile?.type) ?? "unset";
  const seccomp =
    fromField(ctx?.seccompProfile?.type) ??
    fromAnnotation(pod.annotations[`${SECCOMP_CONTAINER_ANNOTATION_PREFIX}${c.name}`]) ??
    fromField(podCtx.seccompProfile?.type) ??
    fromAnnotation(pod.annotations[SECCOMP_POD_ANNOTATION]) ??
    "unset";
  const se = ctx?.seLinuxOptions ?? podCtx.seLinuxOptions;
  const seLinux = se ? (se.type ?? "custom") : "unset";
  return { container: c.name, appArmor, seccomp, seLinux, drops: ctx?.capabilities?.drop ?? [] };
}

/** Protection of the containers that run the workload (init containers included, ephemeral debug containers not). */
export function runtimeProtection(pod: PodView): ContainerProtection[] {
  return allContainers(pod.spec)
    .filter((c) => c.kind !== "ephemeralContainer")
    .map(({ container }) => containerProtection(pod, container));
}

/**
 * Polaris `linuxHardening` (pkg/config/checks/linuxHardening.yaml): a container passes when any one
 * of AppArmor, seccomp, SELinux or dropped capabilities is configured. An Unconfined profile does
 * not count as configured.
 */
export function isHardened(p: ContainerProtection): boolean {
  const set = (s: ProfileState) => s === "RuntimeDefault" || s === "Localhost";
  return set(p.appArmor) || set(p.seccomp) || p.seLinux !== "unset" || p.drops.length > 0;
}
