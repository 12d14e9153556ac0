/**
 * A posture fix: the strategic merge patch to the workload that owns a pod (a Deployment, not its
 * ReplicaSet or pods; a CronJob, not its Jobs) that moves it to a Pod Security level (harden.ts),
 * written as a draft document and as the `kubectl patch` that applies it, checked with the Pod
 * Security controls on the patched template. A bare pod's security fields cannot be changed in
 * place (the API rejects it): its patch says to recreate the pod.
 */
import type { ResourceRef } from "../findings/types";
import type { ClusterSnapshot, PodTemplate, Workload } from "../model";
import { podManifest, workloadManifest } from "../model/manifest";
import { topOwner, indexWorkloads } from "../model/owners";
import { evaluatePss, failuresAgainst } from "../posture/pss/evaluate";
import type { PssLevel } from "../posture/pss/control";
import { manifestYaml } from "../whatif/api";
import { diffPatch } from "../whatif/patch";
import { HYGIENE_EDITS, hardenTemplate, type Hardened, type TargetLevel } from "./harden";

export interface PostureFix {
  /** The object patched: the top-level owner, or the bare pod. */
  target: ResourceRef & { namespace: string };
  /** The Pod Security level aimed at, if any; `hygiene` the other rules fixed on the way. */
  level?: TargetLevel;
  hygiene: string[];
  before: PssLevel;
  after: PssLevel;
  /** The Pod Security rules failing before and passing after. */
  fixes: string[];
  /** The patch as an object, as a draft document (`# clearance: patch`), and as a command. */
  patch: unknown;
  yaml: string;
  kubectl: string;
  /** What may change at run time, for the reviewer. */
  notes: string[];
}

const RESOURCE: Record<string, string> = { Deployment: "deployment", StatefulSet: "statefulset", DaemonSet: "daemonset", ReplicaSet: "replicaset", Job: "job", CronJob: "cronjob", ReplicationController: "replicationcontroller", Pod: "pod" };

/** The object whose template decides a workload's pods: the top owner in the snapshot, else the pod. */
export function owningObject(snapshot: ClusterSnapshot, ref: ResourceRef & { namespace?: string }): { workload?: Workload; pod?: ClusterSnapshot["pods"][number] } | undefined {
  const ns = ref.namespace ?? "";
  if (ref.kind === "Pod") {
    const pod = snapshot.pods.find((p) => p.namespace === ns && p.name === ref.name);
    if (!pod) return undefined;
    const owner = topOwner(ns, pod.ownerReferences, indexWorkloads(snapshot.workloads), pod.labels["pod-template-hash"]);
    const w = owner && snapshot.workloads.find((x) => x.namespace === ns && x.kind === owner.kind && x.name === owner.name);
    return w ? { workload: w } : { pod };
  }
  const top = topOwner(ns, [{ kind: ref.kind, name: ref.name, controller: true }], indexWorkloads(snapshot.workloads));
  const w = snapshot.workloads.find((x) => x.namespace === ns && x.kind === (top?.kind ?? ref.kind) && x.name === (top?.name ?? ref.name));
  return w ? { workload: w } : undefined;
}

export interface PostureFixOptions {
  level?: TargetLevel;
  /** Hygiene rules to fix too (keys of HYGIENE_EDITS). */
  hygiene?: readonly string[];
}

/**
 * The patch that moves the workload owning `ref` to `opts.level` and fixes `opts.hygiene`, or
 * undefined when it is not in the snapshot.
 */
export function postureFix(snapshot: ClusterSnapshot, ref: ResourceRef & { namespace?: string }, opts: PostureFixOptions): PostureFix | undefined {
  const owned = owningObject(snapshot, ref);
  if (!owned) return undefined;
  const template: PodTemplate = owned.workload ? owned.workload.template : { labels: owned.pod!.labels, annotations: owned.pod!.annotations, spec: owned.pod!.spec };
  const level = opts.level;
  const hygiene = (opts.hygiene ?? []).filter((r) => HYGIENE_EDITS[r]);
  let hardened: Hardened = level ? hardenTemplate(template, level) : { template, notes: [] };
  for (const r of hygiene) {
    const h = HYGIENE_EDITS[r](hardened.template);
    hardened = { template: h.template, notes: [...hardened.notes, ...h.notes] };
  }
  const view = (t: PodTemplate) => evaluatePss({ spec: t.spec, annotations: t.annotations });
  const before = view(template);
  const after = view(hardened.template);
  const failed = new Set(failuresAgainst(before, level ?? "privileged").map((f) => f.control.rule));
  const still = new Set(failuresAgainst(after, level ?? "privileged").map((f) => f.control.rule));
  const keep = ["apiVersion", "kind", "metadata.name", "metadata.namespace"];
  const patch = owned.workload
    ? diffPatch(workloadManifest(owned.workload), workloadManifest({ ...owned.workload, template: hardened.template }), keep)
    : diffPatch(podManifest(owned.pod!), podManifest({ ...owned.pod!, labels: hardened.template.labels, annotations: hardened.template.annotations, spec: hardened.template.spec }), keep);
  const target = owned.workload ? { kind: owned.workload.kind, namespace: owned.workload.namespace, name: owned.workload.name } : { kind: "Pod", namespace: owned.pod!.namespace, name: owned.pod!.name };
  const notes = [...new Set(hardened.notes)];
  if (!owned.workload) notes.unshift("a Pod's security settings cannot be changed in place: recreate the pod with this change (or run it from a Deployment)");
  const what = [...(level ? [`Pod Security ${level}`] : []), ...hygiene].join(" and ");
  const comment = `${what} for ${target.kind} ${target.namespace}/${target.name}`;
  return {
    target,
    ...(level ? { level } : {}),
    hygiene,
    before: before.level,
    after: after.level,
    fixes: [...[...failed].filter((r) => !still.has(r)).sort(), ...hygiene],
    patch,
    yaml: manifestYaml(patch, { comment, patch: true }),
    kubectl: `kubectl patch ${RESOURCE[target.kind] ?? target.kind.toLowerCase()} ${target.name} -n ${target.namespace} --type strategic --patch-file ${target.name}-${level ?? "hardening"}.yaml`,
    notes,
  };
}
