import { describe, expect, it } from "vitest";
import { snapshotFromYaml } from "../testing";
import { workloadUnits } from "../units";
import { meshChecks } from "./mesh";
import { nodeChecks, parseRuntime } from "./nodes";
import { endOfLife, parseVersion } from "./versions";

const node = (name: string, kubelet: string, runtime = "containerd://2.2.1") => `apiVersion: v1
kind: Node
metadata: {name: ${name}}
status: {nodeInfo: {kubeletVersion: ${kubelet}, containerRuntimeVersion: "${runtime}", osImage: Ubuntu 24.04 LTS}}
---
`;
const at = (date: string) => ({ now: new Date(`${date}T00:00:00Z`) });

describe("versions", () => {
  it("parses kubelet and runtime versions with vendor suffixes", () => {
    expect(parseVersion("v1.29.3-eks-adc7111")).toMatchObject({ major: 1, minor: 29, patch: 3 });
    expect(parseVersion("v1.28.5+k3s1")).toMatchObject({ minor: 28 });
    expect(parseVersion("garbage")).toBeUndefined();
    expect(parseRuntime("containerd://1.7.22")).toMatchObject({ name: "containerd", version: { major: 1, minor: 7 } });
  });

  it("end of life: own entry, older than the table, newer than the table", () => {
    const table = { "1.30": "2025-06-28", "1.31": "2025-10-28" };
    expect(endOfLife(parseVersion("v1.31.0")!, table)).toBe("2025-10-28");
    expect(endOfLife(parseVersion("v1.12.0")!, table)).toBe("2025-06-28");
    expect(endOfLife(parseVersion("v1.40.0")!, table)).toBeUndefined();
  });
});

describe("node checks", () => {
  it("out-of-support kubelets: one finding per minor, id stable as nodes change", () => {
    const s = snapshotFromYaml(node("a", "v1.31.4") + node("b", "v1.31.4") + node("c", "v1.34.1"));
    const f = nodeChecks(s, at("2026-01-15")).findings;
    expect(f.map((x) => [x.rule, x.title, x.severity, x.resources.length])).toEqual([["PL-kubelet-unsupported", "Kubernetes 1.31 is out of support", "medium", 2]]);
    const fewer = nodeChecks(snapshotFromYaml(node("a", "v1.31.4")), at("2026-01-15")).findings;
    expect(fewer[0].id).toBe(f[0].id);
    // a year past end of life is high
    expect(nodeChecks(s, at("2027-01-15")).findings.find((x) => x.rule === "PL-kubelet-unsupported" && x.details?.minor === "1.31")!.severity).toBe("high");
    expect(nodeChecks(s, at("2025-09-01")).findings).toEqual([]);
  });

  it("kubelet skew beyond three minors", () => {
    expect(nodeChecks(snapshotFromYaml(node("a", "v1.32.0") + node("b", "v1.35.0")), at("2026-01-01")).findings).toEqual([]);
    const f = nodeChecks(snapshotFromYaml(node("a", "v1.31.0") + node("b", "v1.35.0")), at("2025-01-01")).findings;
    expect(f.map((x) => x.rule)).toEqual(["PL-version-skew"]);
    expect(f[0].evidence).toMatch(/1\.31 to 1\.35 \(4 minor versions/);
  });

  it("outdated runtimes: Docker, end-of-life containerd", () => {
    const s = snapshotFromYaml(node("a", "v1.35.0", "docker://20.10.7") + node("b", "v1.35.0", "containerd://1.6.30") + node("c", "v1.35.0", "containerd://2.2.1"));
    const f = nodeChecks(s, at("2026-01-01")).findings.filter((x) => x.rule === "PL-runtime-outdated");
    expect(f.map((x) => x.details?.runtime)).toEqual(["docker://20.10.7", "containerd://1.6.30"]);
  });
});

const ns = (name: string, annotations: Record<string, string> = {}) => `apiVersion: v1
kind: Namespace
metadata: {name: ${name}, annotations: ${JSON.stringify(annotations)}}
---
`;
const deploy = (namespace: string, name = "app", labels: Record<string, string> = { app: name }, annotations: Record<string, string> = {}) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  selector: {matchLabels: ${JSON.stringify(labels)}}
  template:
    metadata: {labels: ${JSON.stringify(labels)}, annotations: ${JSON.stringify(annotations)}}
    spec: {containers: [{name: c, image: nginx}]}
---
`;
const pa = (namespace: string, mode: string) => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: ${namespace}}
spec: {mtls: {mode: ${mode}}}
---
`;
const mesh = (yaml: string) => {
  const s = snapshotFromYaml(yaml);
  return meshChecks(s, workloadUnits(s.pods));
};

describe("service mesh mTLS", () => {
  it("no mesh: one cluster finding naming leftover Linkerd annotations", () => {
    const r = mesh(ns("shop", { "linkerd.io/inject": "enabled" }) + deploy("shop"));
    expect(r.findings.map((f) => f.rule)).toEqual(["PL-no-mtls"]);
    expect(r.findings[0].evidence).toMatch(/linkerd.io\/inject: enabled is set on Namespace shop but no Linkerd control plane runs/);
  });

  it("Istio mesh-wide STRICT covers every namespace unless one relaxes it", () => {
    expect(mesh(pa("istio-system", "STRICT") + deploy("shop") + deploy("pay")).findings).toEqual([]);
    const r = mesh(pa("istio-system", "STRICT") + pa("legacy", "PERMISSIVE") + deploy("shop") + deploy("legacy"));
    expect(r.findings.map((f) => [f.rule, f.namespace])).toEqual([["PL-mtls-not-strict", "legacy"]]);
  });

  it("Istio per-namespace STRICT without a mesh-wide policy", () => {
    const r = mesh(pa("shop", "STRICT") + deploy("shop") + deploy("pay"));
    expect(r.findings.map((f) => [f.rule, f.namespace])).toEqual([["PL-mtls-not-strict", "pay"]]);
  });

  it("Linkerd: control plane running and workloads injected", () => {
    const cp = deploy("linkerd", "linkerd-destination", { "linkerd.io/control-plane-component": "destination" });
    expect(mesh(cp + ns("shop", { "linkerd.io/inject": "enabled" }) + deploy("shop")).findings).toEqual([]);
    const r = mesh(cp + ns("shop", { "linkerd.io/inject": "enabled" }) + deploy("shop") + deploy("pay"));
    expect(r.findings.map((f) => [f.rule, f.namespace])).toEqual([["PL-mtls-not-strict", "pay"]]);
  });
});
