/**
 * Container hygiene outside the Pod Security Standards: read-only root filesystems, image
 * references, resource limits and service-account tokens.
 */
import type { Container, ServiceAccount } from "../model";
import { allContainers, type PodView } from "./units";

/** The containers that run the workload: regular and init containers (ephemeral debug containers are not part of the workload). */
export function workloadContainers(pod: PodView): Container[] {
  return allContainers(pod.spec)
    .filter((c) => c.kind !== "ephemeralContainer")
    .map((c) => c.container);
}

/**
 * Polaris `notReadOnlyRootFilesystem` / Kubescape C-0017: containers without readOnlyRootFilesystem:
 * true — ephemeral containers included, as kubescape/regolibrary rules/immutable-container-filesystem
 * checks them (test pod-ephemeralcontainer): a debug container with a writable root is still one.
 */
export function writableRootFs(pod: PodView): string[] {
  return allContainers(pod.spec)
    .map((c) => c.container)
    .filter((c) => c.securityContext?.readOnlyRootFilesystem !== true)
    .map((c) => c.name);
}

export interface ImageRef {
  name: string;
  tag?: string;
  digest?: string;
}

/**
 * Splits `[registry[:port]/]path[:tag][@digest]` as the container runtime does: the tag is after
 * the last colon of the last path component (a registry port is not a tag).
 */
export function parseImage(image: string): ImageRef {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  let tag: string | undefined;
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { name: rest, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

export interface ImageProblem {
  container: string;
  image: string;
  problem: "no-tag" | "latest" | "no-digest";
  /** As written; the API defaults it to Always for :latest and untagged images. */
  pullPolicy?: string;
}

/** Polaris `tagNotSpecified` / Kubescape C-0075: images pinned by neither a version tag nor a digest; and images without a digest. */
export function imageProblems(pod: PodView): ImageProblem[] {
  const out: ImageProblem[] = [];
  for (const c of workloadContainers(pod)) {
    const ref = parseImage(c.image);
    if (ref.digest) continue;
    const problem = !ref.tag ? "no-tag" : ref.tag === "latest" ? "latest" : "no-digest";
    out.push({ container: c.name, image: c.image, problem, ...(c.imagePullPolicy ? { pullPolicy: c.imagePullPolicy } : {}) });
  }
  return out;
}

/** Polaris `cpuLimitsMissing` / `memoryLimitsMissing`: regular containers without a CPU or memory limit (init containers run to completion and are exempt). */
export function missingLimits(pod: PodView): { container: string; missing: ("cpu" | "memory")[] }[] {
  const out: { container: string; missing: ("cpu" | "memory")[] }[] = [];
  for (const c of pod.spec.containers) {
    const missing = (["cpu", "memory"] as const).filter((r) => !c.resources.limits?.[r]);
    if (missing.length) out.push({ container: c.name, missing: [...missing] });
  }
  return out;
}

/**
 * Whether the API token of the pod's service account is mounted: the pod's
 * automountServiceAccountToken wins, then the ServiceAccount's, and the default is true
 * (kubernetes.io docs, "Opt out of API credential automounting").
 */
export function tokenMounted(pod: PodView, sa: ServiceAccount | undefined): { mounted: boolean; setBy: "pod" | "serviceaccount" | "default" } {
  if (pod.spec.automountServiceAccountToken !== undefined) return { mounted: pod.spec.automountServiceAccountToken, setBy: "pod" };
  if (sa?.automountServiceAccountToken !== undefined) return { mounted: sa.automountServiceAccountToken, setBy: "serviceaccount" };
  return { mounted: true, setBy: "default" };
}
