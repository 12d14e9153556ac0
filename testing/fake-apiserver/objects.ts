/** Fixture objects for the fake API server: manifest files from a directory, or generated in bulk. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseManifests } from "../../lib/model/parse";

/** Every object in the YAML/JSON files under `dir` (recursively; List kinds expanded). Throws on bad files. */
export function loadFixtureDir(dir: string): unknown[] {
  const out: unknown[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ya?ml|json)$/i.test(name)) {
        const parsed = parseManifests(readFileSync(full, "utf8"));
        if (parsed.errors.length) throw new Error(`${full}: ${parsed.errors[0].message}`);
        out.push(...parsed.documents.map((doc) => doc.value));
      }
    }
  };
  walk(dir);
  return out;
}

/**
 * `count` Pods of Deployment-like apps, spread over `namespaces` namespaces (`ns-0`, `ns-1`, ...), with
 * the Namespaces. `realistic` pods carry what a real API answer carries (managedFields, env, volumes,
 * conditions, container statuses: about 5 KB of JSON each, like pods of a real cluster).
 */
export function generatedPods(count: number, namespaces = Math.max(1, Math.ceil(count / 10)), realistic = false): unknown[] {
  const out: unknown[] = [];
  for (let n = 0; n < namespaces; n++) out.push({ apiVersion: "v1", kind: "Namespace", metadata: { name: `ns-${n}`, labels: { team: `team-${n % 7}` } } });
  for (let i = 0; i < count; i++) {
    const ns = `ns-${i % namespaces}`;
    const app = `app-${i % 13}`;
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: `${app}-${i}`, namespace: ns, uid: `uid-${i}`, labels: { app, tier: i % 2 ? "web" : "api" } as Record<string, string> },
      spec: {
        serviceAccountName: "default",
        containers: [{ name: "main", image: `registry.example/${app}:1.${i % 5}`, ports: [{ name: "http", containerPort: 8080 }], securityContext: { runAsNonRoot: true } }],
      },
      status: { phase: "Running", podIP: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
    };
    out.push(realistic ? fatten(pod, i) : pod);
  }
  return out;
}

function fatten<P extends { metadata: Record<string, unknown>; spec: { containers: Record<string, unknown>[] }; status: Record<string, unknown> }>(pod: P, i: number): P {
  const time = "2026-11-01T10:00:00Z";
  const fields = Object.fromEntries(Array.from({ length: 25 }, (_, k) => [`f:field${k}`, {}]));
  return {
    ...pod,
    metadata: {
      ...pod.metadata,
      resourceVersion: String(100000 + i),
      creationTimestamp: time,
      generateName: `${pod.metadata.name}-`,
      labels: { ...(pod.metadata.labels as object), "pod-template-hash": "5d9c7f8b6", "app.kubernetes.io/part-of": "shop", "app.kubernetes.io/version": "1.4.2" },
      annotations: { "kubectl.kubernetes.io/restartedAt": time, "prometheus.io/scrape": "true", "prometheus.io/port": "9090" },
      ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: `${pod.metadata.name}-rs`, uid: `rs-${i}`, controller: true, blockOwnerDeletion: true }],
      managedFields: [
        { manager: "kube-controller-manager", operation: "Update", apiVersion: "v1", time, fieldsType: "FieldsV1", fieldsV1: { "f:metadata": fields, "f:spec": fields } },
        { manager: "kubelet", operation: "Update", apiVersion: "v1", time, fieldsType: "FieldsV1", subresource: "status", fieldsV1: { "f:status": fields } },
      ],
    },
    spec: {
      ...pod.spec,
      containers: pod.spec.containers.map((c) => ({
        ...c,
        env: Array.from({ length: 12 }, (_, k) => ({ name: `SETTING_${k}`, value: `value-${k}-${i}` })),
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
        volumeMounts: [{ name: "kube-api-access", mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", readOnly: true }],
        livenessProbe: { httpGet: { path: "/healthz", port: 8080 }, periodSeconds: 10 },
        terminationMessagePath: "/dev/termination-log",
        imagePullPolicy: "IfNotPresent",
      })),
      volumes: [{ name: "kube-api-access", projected: { sources: [{ serviceAccountToken: { path: "token", expirationSeconds: 3607 } }, { configMap: { name: "kube-root-ca.crt" } }] } }],
      nodeName: `node-${i % 50}`,
      restartPolicy: "Always",
      dnsPolicy: "ClusterFirst",
      tolerations: [{ key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 }],
    },
    status: {
      ...pod.status,
      hostIP: `192.168.${(i >> 8) & 255}.${i & 255}`,
      startTime: time,
      qosClass: "Burstable",
      conditions: ["Initialized", "Ready", "ContainersReady", "PodScheduled"].map((type) => ({ type, status: "True", lastTransitionTime: time })),
      containerStatuses: [{ name: "main", ready: true, restartCount: 0, image: "registry.example/app:1.0", imageID: `registry.example/app@sha256:${"ab".repeat(32)}`, containerID: `containerd://${"cd".repeat(32)}`, started: true, state: { running: { startedAt: time } } }],
    },
  };
}
