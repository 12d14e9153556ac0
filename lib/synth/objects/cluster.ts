/** Namespaces, Nodes and admission webhook configurations. */
import { Rng } from "../random";
import type { KubeObject, NamespacePlan, NodePlan, WebhookDesc } from "../types";
import { objectMeta } from "./meta";

/** A Namespace, with the kubernetes.io/metadata.name label the API server adds. */
export function namespace(seed: number, ns: NamespacePlan): KubeObject {
  const rng = Rng.for(seed, "Namespace", ns.name);
  return {
    apiVersion: "v1",
    kind: "Namespace",
    // The API server sets kubernetes.io/metadata.name on every namespace (since 1.21).
    metadata: objectMeta({ seed, kind: "Namespace", name: ns.name, labels: { ...ns.labels, "kubernetes.io/metadata.name": ns.name }, annotations: ns.annotations, ageDays: ns.ageDays }, rng),
    spec: { finalizers: ["kubernetes"] },
    status: { phase: "Active" },
  };
}

const NODE_IMAGES = [
  "registry.k8s.io/kube-proxy", "docker.io/calico/node", "docker.io/calico/cni", "quay.io/prometheus/node-exporter", "cr.fluentbit.io/fluent/fluent-bit",
  "registry.k8s.io/coredns/coredns", "registry.k8s.io/pause", "docker.io/library/postgres", "docker.io/library/redis", "registry.example.com/payments/api",
  "registry.example.com/checkout/web", "ghcr.io/example-corp/search/indexer", "quay.io/jetstack/cert-manager-controller", "registry.k8s.io/ingress-nginx/controller",
];

/** A Node as the kubelet reports it: labels, podCIDR, capacity, conditions, images, nodeInfo versions. */
export function node(seed: number, n: NodePlan): KubeObject {
  const rng = Rng.for(seed, "Node", n.name);
  const cpu = n.instanceType.includes("4xlarge") ? 16 : n.instanceType.includes("2xlarge") ? 8 : 4;
  const memKi = cpu * 4 * 1024 * 1024 * (n.instanceType.startsWith("r6i") ? 2 : 1);
  const maxPods = "250";
  const ready = { lastHeartbeatTime: "2026-01-15T11:59:30Z", lastTransitionTime: "2025-12-01T09:00:00Z" };
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: objectMeta(
      {
        seed,
        kind: "Node",
        name: n.name,
        labels: {
          "beta.kubernetes.io/arch": "amd64",
          "beta.kubernetes.io/instance-type": n.instanceType,
          "beta.kubernetes.io/os": "linux",
          "kubernetes.io/arch": "amd64",
          "kubernetes.io/hostname": n.name,
          "kubernetes.io/os": "linux",
          "node.kubernetes.io/instance-type": n.instanceType,
          "topology.kubernetes.io/region": "eu-west-1",
          "topology.kubernetes.io/zone": n.zone,
          ...(n.controlPlane ? { "node-role.kubernetes.io/control-plane": "" } : { "node-role.kubernetes.io/worker": "" }),
        },
        annotations: { "node.alpha.kubernetes.io/ttl": "0", "projectcalico.org/IPv4Address": `${n.internalIP}/20`, "volumes.kubernetes.io/controller-managed-attach-detach": "true" },
        ageDays: n.ageDays,
      },
      rng,
    ),
    spec: {
      podCIDR: n.podCIDR,
      podCIDRs: [n.podCIDR],
      providerID: `aws:///${n.zone}/i-0${rng.hex(16)}`,
      ...(n.controlPlane ? { taints: [{ effect: "NoSchedule", key: "node-role.kubernetes.io/control-plane" }] } : {}),
    },
    status: {
      addresses: [
        { address: n.internalIP, type: "InternalIP" },
        { address: n.name, type: "Hostname" },
        { address: n.name, type: "InternalDNS" },
      ],
      allocatable: { cpu: `${cpu * 1000 - 90}m`, "ephemeral-storage": "95491281146", memory: `${memKi - 700_000}Ki`, pods: maxPods },
      capacity: { cpu: String(cpu), "ephemeral-storage": "104845292Ki", memory: `${memKi}Ki`, pods: maxPods },
      conditions: [
        { ...ready, message: "kubelet has sufficient memory available", reason: "KubeletHasSufficientMemory", status: "False", type: "MemoryPressure" },
        { ...ready, message: "kubelet has no disk pressure", reason: "KubeletHasNoDiskPressure", status: "False", type: "DiskPressure" },
        { ...ready, message: "kubelet has sufficient PID available", reason: "KubeletHasSufficientPID", status: "False", type: "PIDPressure" },
        { ...ready, message: "kubelet is posting ready status", reason: "KubeletReady", status: "True", type: "Ready" },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      images: rng.sample(NODE_IMAGES, rng.int(6, NODE_IMAGES.length)).map((image) => ({ names: [`${image}@sha256:${rng.hex(64)}`], sizeBytes: rng.int(5_000_000, 400_000_000) })),
      nodeInfo: {
        architecture: "amd64",
        bootID: rng.uuid(),
        containerRuntimeVersion: "containerd://1.7.22",
        kernelVersion: "6.1.112-124.190.amzn2023.x86_64",
        kubeProxyVersion: n.kubeletVersion,
        kubeletVersion: n.kubeletVersion,
        machineID: rng.hex(32),
        operatingSystem: "linux",
        osImage: "Amazon Linux 2023.6.20241010",
        systemUUID: rng.uuid(),
      },
    },
  };
}

/** A Validating/MutatingWebhookConfiguration with one webhook served by an in-cluster Service. */
export function webhookConfiguration(seed: number, d: WebhookDesc): KubeObject {
  const rng = Rng.for(seed, d.kind, d.name);
  return {
    apiVersion: "admissionregistration.k8s.io/v1",
    kind: d.kind,
    metadata: objectMeta({ seed, kind: d.kind, name: d.name, ageDays: rng.int(30, 600), generation: rng.int(1, 5) }, rng),
    webhooks: [
      {
        admissionReviewVersions: ["v1"],
        clientConfig: { caBundle: `LS0tLS1CRUdJTi${rng.token(120, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")}`, service: { name: d.service, namespace: d.namespace, path: d.kind === "MutatingWebhookConfiguration" ? "/mutate" : "/validate", port: 443 } },
        failurePolicy: d.failurePolicy,
        matchPolicy: "Equivalent",
        name: `${d.kind === "MutatingWebhookConfiguration" ? "mutation" : "validation"}.${d.name}.example.com`,
        namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "NotIn", values: [d.namespace, "kube-system"] }] },
        objectSelector: {},
        ...(d.kind === "MutatingWebhookConfiguration" ? { reinvocationPolicy: "Never" } : {}),
        rules: [{ apiGroups: d.apiGroups, apiVersions: ["*"], operations: ["CREATE", "UPDATE"], resources: d.resources, scope: "*" }],
        sideEffects: "None",
        timeoutSeconds: d.failurePolicy === "Ignore" ? 3 : 10,
      },
    ],
  };
}
