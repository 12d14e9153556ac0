import { describe, expect, it } from "vitest";
import { normalizeObject } from "./normalize";
import type { NetworkPolicy, Pod, Service } from "./types";

function ok<T>(raw: unknown): T {
  const r = normalizeObject(raw);
  if (r.status !== "ok") throw new Error(JSON.stringify(r));
  return r.record as T;
}

const np = (spec: object) => ({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "p", namespace: "n" }, spec });

describe("NetworkPolicy defaulting (SetDefaults_NetworkPolicy)", () => {
  it("defaults policyTypes to Ingress when there are no egress rules", () => {
    expect(ok<NetworkPolicy>(np({ podSelector: {} })).policyTypes).toEqual(["Ingress"]);
    expect(ok<NetworkPolicy>(np({ podSelector: {}, egress: [] })).policyTypes).toEqual(["Ingress"]);
  });
  it("adds Egress iff spec.egress is non-empty", () => {
    const p = ok<NetworkPolicy>(np({ podSelector: {}, egress: [{}] }));
    expect(p.policyTypes).toEqual(["Ingress", "Egress"]);
    expect(p.policyTypesDefaulted).toBe(true);
  });
  it("keeps explicit policyTypes", () => {
    const p = ok<NetworkPolicy>(np({ podSelector: {}, policyTypes: ["Egress"], ingress: [{}] }));
    expect(p.policyTypes).toEqual(["Egress"]);
    expect(p.policyTypesDefaulted).toBeUndefined();
  });
  it("defaults port protocol to TCP and keeps named ports", () => {
    const p = ok<NetworkPolicy>(np({ podSelector: {}, ingress: [{ ports: [{ port: "http" }, { protocol: "UDP", port: 53 }, { port: 8000, endPort: 8080 }] }] }));
    expect(p.ingress[0].ports).toEqual([
      { protocol: "TCP", port: "http" },
      { protocol: "UDP", port: 53 },
      { protocol: "TCP", port: 8000, endPort: 8080 },
    ]);
  });
  it("an empty rule means all peers and all ports", () => {
    const p = ok<NetworkPolicy>(np({ podSelector: {}, ingress: [{}] }));
    expect(p.ingress).toEqual([{ from: [], ports: [] }]);
  });
  it("rejects invalid selectors, CIDRs, ports and mixed ipBlock peers", () => {
    const bad = [
      np({ podSelector: { matchExpressions: [{ key: "a", operator: "In" }] } }),
      np({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/33" } }] }] }),
      np({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/8" }, podSelector: {} }] }] }),
      np({ podSelector: {}, ingress: [{ ports: [{ port: 70000 }] }] }),
      np({ podSelector: {}, ingress: [{ ports: [{ port: "http", endPort: 90 }] }] }),
      np({ podSelector: {}, ingress: [{ ports: [{ port: "Not_A_Name" }] }] }),
      np({ podSelector: {}, ingress: [{ from: [{}] }] }),
      np({ podSelector: {}, policyTypes: ["Sideways"] }),
    ];
    for (const b of bad) {
      const r = normalizeObject(b);
      expect(r.status, JSON.stringify(b)).toBe("invalid");
    }
  });
  it("names the field in the error", () => {
    const r = normalizeObject(np({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "300.0.0.0/8" } }] }] }));
    expect(r.status === "invalid" && r.message).toMatch(/spec\.ingress\[0\]\.from\[0\]\.ipBlock\.cidr/);
  });
});

describe("pods and services", () => {
  it("drops env values and last-applied annotations, defaults the service account", () => {
    const p = ok<Pod>({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "a", annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{...}", keep: 1 } },
      spec: { containers: [{ name: "c", image: "x", env: [{ name: "PASSWORD", value: "hunter2" }], ports: [{ containerPort: 80, name: "http" }] }] },
    });
    expect(p.namespace).toBe("default");
    expect(p.spec.serviceAccountName).toBe("default");
    expect(p.annotations).toEqual({ keep: "1" });
    expect(p.spec.containers[0].envNames).toEqual(["PASSWORD"]);
    expect(JSON.stringify(p)).not.toContain("hunter2");
    expect(p.spec.containers[0].ports[0].protocol).toBe("TCP");
  });
  it("defaults Service type and targetPort", () => {
    const s = ok<Service>({ apiVersion: "v1", kind: "Service", metadata: { name: "s", namespace: "n" }, spec: { selector: { app: "x" }, ports: [{ port: 80 }] } });
    expect(s.type).toBe("ClusterIP");
    expect(s.ports[0]).toEqual({ port: 80, targetPort: 80, protocol: "TCP" });
  });
  it("reports unknown kinds as warnings and ignores known-but-unused kinds", () => {
    expect(normalizeObject({ apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: { a: "b" } })).toEqual({ status: "ignored", kind: "Secret" });
    const r = normalizeObject({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } });
    expect(r).toMatchObject({ status: "invalid", severity: "warning", kind: "Widget" });
  });
  it("a kind named like an Object.prototype member is an unknown kind, not a handler (found by the hostile fuzz target)", () => {
    for (const kind of ["valueOf", "toString", "constructor", "hasOwnProperty", "__proto__"]) {
      expect(normalizeObject({ apiVersion: "v1", kind, metadata: { name: "x" } }), kind).toMatchObject({ status: "invalid", severity: "warning" });
      const ext = normalizeObject({ apiVersion: "cilium.io/v2", kind, metadata: { name: "x" } });
      if (ext.status === "ok") expect(JSON.stringify(ext.record), kind).toContain(`(${kind})`);
    }
  });
  it("rejects documents that are not Kubernetes objects", () => {
    expect(normalizeObject("hello")).toMatchObject({ status: "invalid" });
    expect(normalizeObject({ foo: 1 })).toMatchObject({ status: "invalid", message: expect.stringMatching(/kind is missing/) });
  });
});

describe("record field order (JSON outputs and the demo cache write records as built)", () => {
  const spec = {
    serviceAccountName: "api",
    automountServiceAccountToken: false,
    nodeName: "n1",
    hostNetwork: true,
    hostUsers: false,
    securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault", localhostProfile: null } },
    containers: [
      {
        name: "c",
        image: "img",
        imagePullPolicy: "Always",
        ports: [{ name: "http", containerPort: 80, hostPort: 8080, hostIP: "0.0.0.0" }, { containerPort: 53, protocol: "UDP" }],
        securityContext: { privileged: true, capabilities: { add: ["NET_ADMIN"], drop: null } },
        resources: { limits: { cpu: 1, memory: "1Gi" }, requests: { cpu: "100m" } },
        volumeMounts: [{ name: "v", mountPath: "/v", readOnly: true }, { name: "w", mountPath: "/w" }],
        env: [{ name: "A", value: "secret" }],
      },
    ],
    initContainers: [{ name: "i", image: "init", resources: {} }],
    volumes: [{ name: "v", hostPath: { path: "/var" } }],
  };
  it("a pod's record lists its fields in the order of the Pod type, optional ones in place", () => {
    const pod = ok<Pod>({ apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "n", uid: "u", ownerReferences: [{ kind: "ReplicaSet", name: "rs", controller: true }] }, spec, status: { phase: "Running", podIP: "10.0.0.1", hostIP: "192.168.0.1" } });
    expect(JSON.stringify(pod)).toBe(
      '{"name":"p","labels":{},"annotations":{},"namespace":"n","uid":"u","ownerReferences":[{"kind":"ReplicaSet","name":"rs","controller":true}],"owner":{"kind":"Pod","name":"p"},' +
        '"spec":{"serviceAccountName":"api","automountServiceAccountToken":false,"nodeName":"n1","hostNetwork":true,"hostPID":false,"hostIPC":false,"hostUsers":false,"securityContext":{"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}},' +
        '"containers":[{"name":"c","image":"img","imagePullPolicy":"Always","ports":[{"name":"http","containerPort":80,"protocol":"TCP","hostPort":8080,"hostIP":"0.0.0.0"},{"containerPort":53,"protocol":"UDP"}],' +
        '"securityContext":{"privileged":true,"capabilities":{"add":["NET_ADMIN"]}},"resources":{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"100m"}},"volumeMounts":[{"name":"v","mountPath":"/v","readOnly":true},{"name":"w","mountPath":"/w"}],"envNames":["A"]}],' +
        '"initContainers":[{"name":"i","image":"init","ports":[],"resources":{},"volumeMounts":[],"envNames":[]}],"ephemeralContainers":[],"volumes":[{"name":"v","type":"hostPath","hostPath":{"path":"/var"}}]},' +
        '"phase":"Running","podIPs":["10.0.0.1"],"hostIP":"192.168.0.1"}',
    );
  });
  it("a workload's record: metadata, kind, owners, template, then replicas and selector (schedule for a CronJob)", () => {
    const template = { metadata: { labels: { app: "a" } }, spec: { containers: [{ name: "c", image: "i" }] } };
    const keys = (raw: object) => Object.keys(ok<object>(raw));
    const m = { name: "w", namespace: "n", creationTimestamp: "2024-01-01T00:00:00Z" };
    const head = ["name", "labels", "annotations", "namespace", "creationTimestamp", "kind", "ownerReferences", "template"];
    expect(keys({ apiVersion: "apps/v1", kind: "Deployment", metadata: m, spec: { selector: { matchLabels: { app: "a" } }, template } })).toEqual([...head, "replicas", "selector"]);
    expect(keys({ apiVersion: "apps/v1", kind: "DaemonSet", metadata: m, spec: { selector: { matchLabels: { app: "a" } }, template } })).toEqual([...head, "selector"]);
    expect(keys({ apiVersion: "batch/v1", kind: "Job", metadata: m, spec: { template } })).toEqual([...head, "replicas"]);
    expect(keys({ apiVersion: "batch/v1", kind: "CronJob", metadata: m, spec: { schedule: "* * * * *", jobTemplate: { spec: { template } } } })).toEqual([...head, "schedule", "replicas"]);
    expect(keys({ apiVersion: "v1", kind: "ReplicationController", metadata: m, spec: { template } })).toEqual([...head, "replicas", "selector"]);
  });
});

describe("service record field order", () => {
  it("metadata, type, selector, ports, clusterIP, externalIPs, externalName, load balancer fields", () => {
    const svc = ok<Service>({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "s", namespace: "n" },
      spec: { type: "LoadBalancer", selector: { app: "a" }, ports: [{ name: "http", port: 80, targetPort: "web", nodePort: 30080 }, { port: 53, protocol: "UDP" }], clusterIP: "10.0.0.1", externalIPs: ["1.2.3.4"], loadBalancerSourceRanges: ["10.0.0.0/8"] },
      status: { loadBalancer: { ingress: [{ ip: "5.6.7.8" }, { hostname: "lb.example" }] } },
    });
    expect(JSON.stringify(svc)).toBe(
      '{"name":"s","labels":{},"annotations":{},"namespace":"n","type":"LoadBalancer","selector":{"app":"a"},"ports":[{"name":"http","port":80,"targetPort":"web","protocol":"TCP","nodePort":30080},{"port":53,"targetPort":53,"protocol":"UDP"}],' +
        '"clusterIP":"10.0.0.1","externalIPs":["1.2.3.4"],"loadBalancerIngress":["5.6.7.8","lb.example"],"loadBalancerSourceRanges":["10.0.0.0/8"]}',
    );
  });
});
