import { describe, expect, it } from "vitest";
import { snapshotFromYaml } from "../model/testing";
import { fleetCni } from "./cni";

const ds = (name: string, image: string, ns = "kube-system") => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: agent, image: "${image}"}]}
`;

describe("fleetCni: the node agent each plugin's install manifest deploys", () => {
  // [plugin, DaemonSet name, image] as in each project's published install manifest
  const table: [string, string, string, string][] = [
    ["cilium", "cilium", "quay.io/cilium/cilium:v1.16.3@sha256:62d2a09bbef840a46099ac4c69421c90f84f28d018d479749049011329aa7f28", "cilium/cilium install/kubernetes (helm template), DaemonSet cilium"],
    ["calico", "calico-node", "docker.io/calico/node:v3.28.1", "projectcalico/calico manifests/calico.yaml, DaemonSet calico-node"],
    ["calico", "canal", "docker.io/calico/node:v3.28.1", "projectcalico/calico manifests/canal.yaml (Calico policy on flannel)"],
    ["flannel", "kube-flannel-ds", "ghcr.io/flannel-io/flannel:v0.25.6", "flannel-io/flannel Documentation/kube-flannel.yml"],
    ["weave", "weave-net", "weaveworks/weave-kube:latest", "weaveworks/weave prog/weave-kube/weave-daemonset-k8s.yaml"],
    ["aws-vpc-cni", "aws-node", "602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.18.3", "aws/amazon-vpc-cni-k8s config/master/aws-k8s-cni.yaml"],
    ["antrea", "antrea-agent", "antrea/antrea-agent-ubuntu:v2.1.0", "antrea-io/antrea build/yamls/antrea.yml"],
    ["kube-router", "kube-router", "docker.io/cloudnativelabs/kube-router", "cloudnativelabs/kube-router daemonset/kubeadm-kuberouter.yaml"],
  ];
  it.each(table)("%s from DaemonSet %s running %s (%s)", (cni, name, image) => {
    expect(fleetCni(snapshotFromYaml(ds(name, image)))).toBe(cni);
  });

  it("recognises a renamed DaemonSet by its image, and a mirrored image by the DaemonSet's name", () => {
    expect(fleetCni(snapshotFromYaml(ds("net-agent", "registry.corp/mirror/cilium/cilium:v1.16")))).toBe("cilium");
    expect(fleetCni(snapshotFromYaml(ds("calico-node", "registry.corp/calico-node-fips:3.28")))).toBe("calico");
  });

  it("Canal runs flannel too: Calico, which enforces policy, wins", () => {
    expect(fleetCni(snapshotFromYaml(ds("kube-flannel-ds", "flannel/flannel:v0.22") + "---\n" + ds("canal", "calico/node:v3.27")))).toBe("calico");
  });

  it("unknown when no agent is recognised (managed platforms may hide it)", () => {
    expect(fleetCni(snapshotFromYaml(ds("node-exporter", "quay.io/prometheus/node-exporter:v1.8.2", "monitoring")))).toBe("unknown");
  });

  it("says what the network analysis applies: the engine over a routing CNI, both engines when it cannot choose, the source's setting", () => {
    expect(fleetCni(snapshotFromYaml(ds("aws-node", "amazon-k8s-cni:v1.18.3") + "---\n" + ds("cilium", "quay.io/cilium/cilium:v1.16.3")))).toBe("cilium");
    const both = snapshotFromYaml(ds("cilium", "quay.io/cilium/cilium:v1.16.3") + "---\n" + ds("calico-node", "docker.io/calico/node:v3.28.1"));
    expect(fleetCni(both)).toBe("calico or cilium");
    expect(fleetCni({ ...both, source: { ...both.source, cni: "calico" } })).toBe("calico");
  });
});
