/**
 * Pod specs and statuses as a live API server returns them: defaulted fields (dnsPolicy,
 * schedulerName, terminationMessagePath, ...), the projected service-account token volume the
 * admission plugin adds, tolerations the DefaultTolerationSeconds plugin adds, container statuses.
 */
import type { Rng } from "../random";
import type { AppPlan, JsonObject, NodePlan, PodPlan } from "../types";
import { timestamp } from "./meta";

/** `repo:tag`, or the bare repository (which the runtime resolves to `latest`). */
export function imageRef(app: AppPlan, tag = app.tag): string {
  return tag ? `${app.image}:${tag}` : app.image;
}

function securityContext(app: AppPlan): JsonObject | undefined {
  const h = app.hardening;
  const sc: JsonObject = {};
  if (h.privileged) sc.privileged = true;
  if (h.allowPrivilegeEscalation !== undefined) sc.allowPrivilegeEscalation = h.allowPrivilegeEscalation;
  if (h.dropAll || h.addCapabilities) sc.capabilities = { ...(h.addCapabilities ? { add: h.addCapabilities } : {}), ...(h.dropAll ? { drop: ["ALL"] } : {}) };
  if (h.readOnlyRootFilesystem) sc.readOnlyRootFilesystem = true;
  if (h.runAsNonRoot) sc.runAsNonRoot = true;
  if (h.runAsUser !== undefined) sc.runAsUser = h.runAsUser;
  return Object.keys(sc).length ? sc : undefined;
}

function resources(app: AppPlan): JsonObject {
  const requests = { cpu: app.tier === "system" ? "100m" : "250m", memory: app.tier === "data" ? "1Gi" : "256Mi" };
  return app.hardening.noLimits ? { requests } : { limits: { cpu: "1", memory: app.tier === "data" ? "4Gi" : "512Mi" }, requests };
}

function env(app: AppPlan): JsonObject[] {
  return app.env.map((name) =>
    name.startsWith("DATABASE") ? { name, valueFrom: { secretKeyRef: { key: "host", name: `${app.name}-credentials` } } } : { name, value: name === "PORT" ? "8080" : "info" },
  );
}

function probe(app: AppPlan): JsonObject | undefined {
  const port = app.ports.find((p) => p.name === "http");
  if (!port) return undefined;
  return { failureThreshold: 3, httpGet: { path: "/healthz", port: "http", scheme: "HTTP" }, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 };
}

function container(app: AppPlan, tag: string, mounts: JsonObject[]): JsonObject {
  const p = probe(app);
  return {
    name: app.name,
    image: imageRef(app, tag),
    imagePullPolicy: !tag || tag === "latest" ? "Always" : "IfNotPresent",
    ...(app.args ? { args: app.args } : {}),
    ...(app.env.length ? { env: env(app) } : {}),
    ...(app.ports.length
      ? { ports: app.ports.map((port) => ({ containerPort: port.containerPort, name: port.name, protocol: port.protocol ?? "TCP", ...(port.hostPort ? { hostPort: port.hostPort } : {}) })) }
      : {}),
    ...(p ? { livenessProbe: p, readinessProbe: p } : {}),
    resources: resources(app),
    ...(securityContext(app) ? { securityContext: securityContext(app) } : {}),
    terminationMessagePath: "/dev/termination-log",
    terminationMessagePolicy: "File",
    ...(mounts.length ? { volumeMounts: mounts } : {}),
  };
}

const DEFAULT_TOLERATIONS: JsonObject[] = [
  { effect: "NoExecute", key: "node.kubernetes.io/not-ready", operator: "Exists", tolerationSeconds: 300 },
  { effect: "NoExecute", key: "node.kubernetes.io/unreachable", operator: "Exists", tolerationSeconds: 300 },
];

/**
 * A pod spec. For a template (`pod` undefined) it is what the workload declares; for a pod it adds
 * what admission and the scheduler add (token volume, tolerations, nodeName).
 */
export function podSpec(app: AppPlan, tag: string, rng: Rng, pod?: { plan: PodPlan; node?: NodePlan }): JsonObject {
  const h = app.hardening;
  const volumes: JsonObject[] = [];
  const mounts: JsonObject[] = [];
  (h.hostPaths ?? []).forEach((path, i) => {
    const name = `host-${i}`;
    volumes.push({ name, hostPath: { path, type: path.endsWith(".sock") ? "Socket" : "" } });
    mounts.push({ mountPath: path === "/" ? "/host" : path, name, ...(path === "/" ? { readOnly: true } : {}) });
  });
  if (app.tier !== "system" && app.kind !== "StaticPod") {
    volumes.push({ configMap: { defaultMode: 420, name: `${app.name}-config` }, name: "config" });
    mounts.push({ mountPath: "/etc/config", name: "config", readOnly: true });
  }
  const automount = h.automountToken !== false && app.kind !== "StaticPod";
  if (pod && automount) {
    const name = `kube-api-access-${rng.token(5)}`;
    volumes.push({
      name,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
          { configMap: { items: [{ key: "ca.crt", path: "ca.crt" }], name: "kube-root-ca.crt" } },
          { downwardAPI: { items: [{ fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" }, path: "namespace" }] } },
        ],
      },
    });
    mounts.push({ mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", name, readOnly: true });
  }
  const podSecurity: JsonObject = {};
  if (h.seccompRuntimeDefault) podSecurity.seccompProfile = { type: "RuntimeDefault" };
  if (h.runAsNonRoot && app.tier !== "system") podSecurity.fsGroup = h.runAsUser ?? 1000;
  const node = pod?.node;
  return {
    ...(h.automountToken === false ? { automountServiceAccountToken: false } : {}),
    containers: [container(app, tag, mounts)],
    dnsPolicy: h.hostNetwork ? "ClusterFirstWithHostNet" : "ClusterFirst",
    enableServiceLinks: true,
    ...(h.hostNetwork ? { hostNetwork: true } : {}),
    ...(h.hostPID ? { hostPID: true } : {}),
    ...(node ? { nodeName: node.name } : {}),
    ...(pod ? { preemptionPolicy: "PreemptLowerPriority", priority: app.tier === "system" ? 2000001000 : 0 } : {}),
    ...(app.tier === "system" ? { priorityClassName: "system-node-critical" } : {}),
    restartPolicy: app.kind === "CronJob" ? "OnFailure" : "Always",
    schedulerName: "default-scheduler",
    securityContext: podSecurity,
    ...(app.kind !== "StaticPod" ? { serviceAccount: app.serviceAccount, serviceAccountName: app.serviceAccount } : {}),
    terminationGracePeriodSeconds: 30,
    ...(pod ? { tolerations: app.kind === "DaemonSet" ? [{ operator: "Exists" }, ...DEFAULT_TOLERATIONS] : DEFAULT_TOLERATIONS } : {}),
    ...(volumes.length ? { volumes } : {}),
  };
}

function condition(type: string, status: boolean, ageDays: number): JsonObject {
  return { lastProbeTime: null, lastTransitionTime: timestamp(ageDays), status: status ? "True" : "False", type };
}

/** A pod's status: conditions, container statuses with image digests, addresses. */
export function podStatus(app: AppPlan, tag: string, plan: PodPlan, node: NodePlan | undefined, ageDays: number, rng: Rng): JsonObject {
  if (plan.phase === "Pending") {
    return {
      conditions: [{ ...condition("PodScheduled", false, ageDays), message: "no node has enough free cpu: Insufficient cpu.", reason: "Unschedulable" }],
      phase: "Pending",
      qosClass: "Burstable",
    };
  }
  const done = plan.phase === "Succeeded";
  const ready = !done && !plan.crashLooping;
  const started = timestamp(ageDays, -rng.int(5, 60));
  const state = done
    ? { terminated: { containerID: `containerd://${rng.hex(64)}`, exitCode: 0, finishedAt: started, reason: "Completed", startedAt: started } }
    : plan.crashLooping
      ? { waiting: { message: `back-off 5m0s restarting failed container=${app.name}`, reason: "CrashLoopBackOff" } }
      : { running: { startedAt: started } };
  return {
    conditions: [
      condition("PodReadyToStartContainers", !done, ageDays),
      condition("Initialized", true, ageDays),
      condition("Ready", ready, ageDays),
      condition("ContainersReady", ready, ageDays),
      condition("PodScheduled", true, ageDays),
    ],
    containerStatuses: [
      {
        containerID: `containerd://${rng.hex(64)}`,
        image: imageRef(app, tag),
        imageID: `${app.image}@sha256:${rng.hex(64)}`,
        lastState: plan.crashLooping ? { terminated: { exitCode: 1, reason: "Error", startedAt: started, finishedAt: started, containerID: `containerd://${rng.hex(64)}` } } : {},
        name: app.name,
        ready,
        restartCount: plan.crashLooping ? rng.int(20, 400) : rng.chance(0.1) ? rng.int(1, 3) : 0,
        started: ready,
        state,
      },
    ],
    hostIP: node?.internalIP,
    hostIPs: node ? [{ ip: node.internalIP }] : undefined,
    phase: plan.phase,
    podIP: plan.ip ?? undefined,
    podIPs: plan.ip ? [{ ip: plan.ip }] : undefined,
    qosClass: "Burstable",
    startTime: timestamp(ageDays),
  };
}
