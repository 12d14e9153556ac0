/**
 * Workloads and their pods as the controllers leave them: Deployment → ReplicaSets (one per
 * revision, named `<deployment>-<pod-template-hash>`, old ones scaled to 0) → Pods; StatefulSet and
 * DaemonSet pods with controller-revision-hash; CronJob → Job → Pod; static pods owned by their Node.
 */
import { Rng } from "../random";
import type { AppPlan, JsonObject, KubeObject, Labels, NodePlan, PodPlan } from "../types";
import { controllerRef, objectMeta, uidOf } from "./meta";
import { podSpec, podStatus } from "./pod-spec";

function template(seed: number, app: AppPlan, tag: string, extraLabels: Labels = {}): JsonObject {
  const rng = Rng.for(seed, "template", app.namespace, app.name, tag);
  return { metadata: { creationTimestamp: null, labels: { ...app.labels, ...extraLabels } }, spec: podSpec(app, tag, rng) };
}

function helmAnnotations(app: AppPlan): Labels {
  return app.helm ? { "meta.helm.sh/release-name": app.helm, "meta.helm.sh/release-namespace": app.namespace } : {};
}

/** The `kubectl apply` annotation: the whole manifest again, as a string (the loader drops it). */
function lastApplied(app: AppPlan, spec: JsonObject): Labels {
  const manifest = { apiVersion: "apps/v1", kind: app.kind, metadata: { annotations: {}, labels: app.labels, name: app.name, namespace: app.namespace }, spec };
  return { "kubectl.kubernetes.io/last-applied-configuration": JSON.stringify(manifest) + "\n" };
}

/** A Deployment with status as the deployment controller reports it, Helm or kubectl-apply annotations. */
export function deployment(seed: number, app: AppPlan): KubeObject {
  const rng = Rng.for(seed, "Deployment", app.namespace, app.name);
  const current = app.revisions[app.revisions.length - 1];
  const spec: JsonObject = {
    progressDeadlineSeconds: 600,
    replicas: app.replicas,
    revisionHistoryLimit: 10,
    selector: { matchLabels: app.selector },
    strategy: { rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" }, type: "RollingUpdate" },
    template: template(seed, app, current.tag),
  };
  const ready = current.pods.filter((p) => p.phase === "Running" && !p.crashLooping).length;
  const generation = app.revisions.length + rng.int(0, 3);
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: objectMeta(
      {
        seed,
        kind: "Deployment",
        namespace: app.namespace,
        name: app.name,
        labels: app.labels,
        annotations: { "deployment.kubernetes.io/revision": String(current.revision), ...helmAnnotations(app), ...(!app.helm && rng.chance(0.4) ? lastApplied(app, spec) : {}) },
        ageDays: app.ageDays,
        generation,
      },
      rng,
    ),
    spec,
    status: {
      ...(ready ? { availableReplicas: ready } : {}),
      conditions: [
        { lastTransitionTime: "2026-01-10T08:00:00Z", lastUpdateTime: "2026-01-10T08:00:00Z", message: ready === app.replicas ? "Deployment has minimum availability." : "Deployment does not have minimum availability.", reason: ready === app.replicas ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable", status: ready === app.replicas ? "True" : "False", type: "Available" },
        { lastTransitionTime: "2025-11-02T10:00:00Z", lastUpdateTime: "2026-01-10T08:00:00Z", message: `ReplicaSet "${app.name}-${current.hash}" has successfully progressed.`, reason: "NewReplicaSetAvailable", status: "True", type: "Progressing" },
      ],
      observedGeneration: generation,
      ...(ready ? { readyReplicas: ready } : {}),
      ...(app.replicas ? { replicas: app.replicas, updatedReplicas: app.replicas } : {}),
      ...(ready < app.replicas ? { unavailableReplicas: app.replicas - ready } : {}),
    },
  };
}

/** One ReplicaSet per revision, named `<deployment>-<pod-template-hash>`, owned by the Deployment; old ones at 0 replicas. */
export function replicaSets(seed: number, app: AppPlan): KubeObject[] {
  return app.revisions.map((rev, i) => {
    const rng = Rng.for(seed, "ReplicaSet", app.namespace, app.name, rev.hash);
    const replicas = i === app.revisions.length - 1 ? app.replicas : 0;
    const ready = rev.pods.filter((p) => p.phase === "Running" && !p.crashLooping).length;
    const hashLabel = { "pod-template-hash": rev.hash };
    return {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: objectMeta(
        {
          seed,
          kind: "ReplicaSet",
          namespace: app.namespace,
          name: `${app.name}-${rev.hash}`,
          labels: { ...app.labels, ...hashLabel },
          annotations: { "deployment.kubernetes.io/desired-replicas": String(app.replicas), "deployment.kubernetes.io/max-replicas": String(app.replicas + Math.ceil(app.replicas / 4)), "deployment.kubernetes.io/revision": String(rev.revision), ...helmAnnotations(app) },
          ageDays: Math.max(0, app.ageDays - i * 7),
          generation: rng.int(1, 4),
          ownerReferences: [controllerRef(seed, "apps/v1", "Deployment", app.namespace, app.name)],
        },
        rng,
      ),
      spec: { replicas, selector: { matchLabels: { ...app.selector, ...hashLabel } }, template: template(seed, app, rev.tag, hashLabel) },
      status: replicas ? { availableReplicas: ready, fullyLabeledReplicas: replicas, observedGeneration: 1, readyReplicas: ready, replicas } : { observedGeneration: 1, replicas: 0 },
    };
  });
}

function revisionHash(seed: number, app: AppPlan): string {
  return Rng.for(seed, "revision", app.namespace, app.name).token(10);
}

/** A StatefulSet with a volumeClaimTemplate and its governing (headless) Service name. */
export function statefulSet(seed: number, app: AppPlan): KubeObject {
  const rng = Rng.for(seed, "StatefulSet", app.namespace, app.name);
  const running = app.pods.filter((p) => p.phase === "Running").length;
  const rev = `${app.name}-${revisionHash(seed, app)}`;
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: objectMeta({ seed, kind: "StatefulSet", namespace: app.namespace, name: app.name, labels: app.labels, annotations: helmAnnotations(app), ageDays: app.ageDays, generation: 1 }, rng),
    spec: {
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
      podManagementPolicy: "OrderedReady",
      replicas: app.replicas,
      revisionHistoryLimit: 10,
      selector: { matchLabels: app.selector },
      serviceName: app.serviceName ?? app.name,
      template: template(seed, app, app.tag),
      updateStrategy: { rollingUpdate: { partition: 0 }, type: "RollingUpdate" },
      volumeClaimTemplates: [{ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { creationTimestamp: null, name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "20Gi" } }, volumeMode: "Filesystem" }, status: { phase: "Pending" } }],
    },
    status: { availableReplicas: running, collisionCount: 0, currentReplicas: app.replicas, currentRevision: rev, observedGeneration: 1, readyReplicas: running, replicas: app.replicas, updateRevision: rev, updatedReplicas: app.replicas },
  };
}

/** A DaemonSet scheduled on every (or every worker) node. */
export function daemonSet(seed: number, app: AppPlan): KubeObject {
  const rng = Rng.for(seed, "DaemonSet", app.namespace, app.name);
  const n = app.pods.length;
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: objectMeta({ seed, kind: "DaemonSet", namespace: app.namespace, name: app.name, labels: app.labels, annotations: { "deprecated.daemonset.template.generation": "1", ...helmAnnotations(app) }, ageDays: app.ageDays, generation: 1 }, rng),
    spec: { revisionHistoryLimit: 10, selector: { matchLabels: app.selector }, template: template(seed, app, app.tag), updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 }, type: "RollingUpdate" } },
    status: { currentNumberScheduled: n, desiredNumberScheduled: n, numberAvailable: n, numberMisscheduled: 0, numberReady: n, observedGeneration: 1, updatedNumberScheduled: n },
  };
}

/** A CronJob; its Jobs are emitted separately (owned by it). */
export function cronJob(seed: number, app: AppPlan): KubeObject {
  const rng = Rng.for(seed, "CronJob", app.namespace, app.name);
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: objectMeta({ seed, kind: "CronJob", namespace: app.namespace, name: app.name, labels: app.labels, ageDays: app.ageDays, generation: 1 }, rng),
    spec: { concurrencyPolicy: "Forbid", failedJobsHistoryLimit: 1, jobTemplate: { metadata: { creationTimestamp: null }, spec: { backoffLimit: 3, template: template(seed, app, app.tag) } }, schedule: app.schedule ?? "0 * * * *", successfulJobsHistoryLimit: 3, suspend: false },
    status: { lastScheduleTime: "2026-01-15T11:00:00Z", lastSuccessfulTime: "2026-01-15T11:00:31Z" },
  };
}

/** The completed Jobs of a CronJob, labelled with their controller-uid as the Job controller does. */
export function jobs(seed: number, app: AppPlan): KubeObject[] {
  return app.jobs.map((job) => {
    const rng = Rng.for(seed, "Job", app.namespace, job.name);
    const uid = uidOf(seed, "Job", app.namespace, job.name);
    const jobLabels = { "batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": job.name, "controller-uid": uid, "job-name": job.name };
    return {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: objectMeta({ seed, kind: "Job", namespace: app.namespace, name: job.name, labels: { ...app.labels, ...jobLabels }, ageDays: 0.2, generation: 1, ownerReferences: [controllerRef(seed, "batch/v1", "CronJob", app.namespace, app.name)] }, rng),
      spec: { backoffLimit: 3, completionMode: "NonIndexed", completions: 1, manualSelector: false, parallelism: 1, podReplacementPolicy: "TerminatingOrFailed", selector: { matchLabels: { "batch.kubernetes.io/controller-uid": uid } }, suspend: false, template: template(seed, app, app.tag, jobLabels) },
      status: { completionTime: "2026-01-15T11:00:31Z", conditions: [{ lastProbeTime: "2026-01-15T11:00:31Z", lastTransitionTime: "2026-01-15T11:00:31Z", status: "True", type: "Complete" }], ready: 0, startTime: "2026-01-15T11:00:02Z", succeeded: 1, terminating: 0, uncountedTerminatedPods: {} },
    };
  });
}

function pod(seed: number, app: AppPlan, plan: PodPlan, nodes: readonly NodePlan[], tag: string, owner: JsonObject | undefined, extraLabels: Labels, generateName?: string, annotations: Labels = {}): KubeObject {
  const rng = Rng.for(seed, "Pod", app.namespace, plan.name);
  const node = plan.node >= 0 ? nodes[plan.node] : undefined;
  const ageDays = Math.min(app.ageDays, rng.next() * 30);
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: objectMeta({ seed, kind: "Pod", namespace: app.namespace, name: plan.name, generateName, labels: { ...app.labels, ...extraLabels }, annotations, ageDays, ...(owner ? { ownerReferences: [owner] } : {}) }, rng),
    spec: podSpec(app, tag, rng, { plan, node }),
    status: podStatus(app, tag, plan, node, ageDays, rng),
  };
}

/** Every pod of an app, with owner references, controller labels and generated names. */
export function podsOf(seed: number, app: AppPlan, nodes: readonly NodePlan[]): KubeObject[] {
  const ns = app.namespace;
  switch (app.kind) {
    case "Deployment":
      return app.revisions.flatMap((rev) =>
        rev.pods.map((p) => pod(seed, app, p, nodes, rev.tag, controllerRef(seed, "apps/v1", "ReplicaSet", ns, `${app.name}-${rev.hash}`), { "pod-template-hash": rev.hash }, `${app.name}-${rev.hash}-`)),
      );
    case "StatefulSet": {
      const rev = `${app.name}-${revisionHash(seed, app)}`;
      return app.pods.map((p) => pod(seed, app, p, nodes, app.tag, controllerRef(seed, "apps/v1", "StatefulSet", ns, app.name), { "apps.kubernetes.io/pod-index": p.name.slice(app.name.length + 1), "controller-revision-hash": rev, "statefulset.kubernetes.io/pod-name": p.name }, `${app.name}-`));
    }
    case "DaemonSet": {
      const rev = revisionHash(seed, app);
      return app.pods.map((p) => pod(seed, app, p, nodes, app.tag, controllerRef(seed, "apps/v1", "DaemonSet", ns, app.name), { "controller-revision-hash": rev, "pod-template-generation": "1" }, `${app.name}-`));
    }
    case "CronJob":
      return app.jobs.flatMap((job) => {
        const uid = uidOf(seed, "Job", ns, job.name);
        const labels = { "batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": job.name, "controller-uid": uid, "job-name": job.name };
        return job.pods.map((p) => pod(seed, app, p, nodes, app.tag, controllerRef(seed, "batch/v1", "Job", ns, job.name), labels, `${job.name}-`));
      });
    case "StaticPod":
      return app.pods.map((p) => {
        const node = nodes[p.node];
        const owner = { apiVersion: "v1", kind: "Node", name: node.name, uid: uidOf(seed, "Node", "", node.name), controller: true };
        return pod(seed, app, p, nodes, app.tag, owner, {}, undefined, { "kubernetes.io/config.source": "file", "kubernetes.io/config.hash": Rng.for(seed, "static", p.name).hex(32), "kubernetes.io/config.seen": "2025-12-01T09:00:00.000000000Z" });
      });
  }
}
