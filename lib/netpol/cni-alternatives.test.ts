/**
 * When the snapshot does not say which CNI runs, the answer says what the choice changes: an
 * ipBlock over pod addresses admits a pod under Calico (projectcalico/calico#6634) and not under
 * Kubernetes semantics or Cilium (cilium/cilium#9209); Flannel alone enforces nothing.
 */
import { describe, expect, it } from "vitest";
import { podYaml } from "./cni-testing";
import { snapshotFromYaml } from "../model/testing";
import { explainWithAlternatives } from "./cni-alternatives";
import { reachJson, reachText } from "./format";
import { networkAnalysis } from "./analysis";

const cluster = `
${podYaml("shop", "web", "10.0.0.10")}---
${podYaml("shop", "db", "10.0.0.11")}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: db-from-block, namespace: shop }
spec:
  podSelector: { matchLabels: { app: db } }
  ingress: [{ from: [{ ipBlock: { cidr: 10.0.0.0/24 } }] }]
`;
const calicoAgent = `---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: calico-node, namespace: kube-system }
spec:
  selector: { matchLabels: { k8s-app: calico-node } }
  template:
    metadata: { labels: { k8s-app: calico-node } }
    spec: { containers: [{ name: calico-node, image: "docker.io/calico/node:v3.30.3" }] }
`;
const q = { from: "shop/web", to: "shop/db", port: 80, protocol: "TCP" as const };

describe("what the CNI choice changes", () => {
  it("an assumed CNI: the verdict under Calico, Cilium and Flannel beside Kubernetes semantics", () => {
    const { model, index } = networkAnalysis(snapshotFromYaml(cluster), { cni: "auto" });
    const a = explainWithAlternatives(model, index, q);
    expect(a.cni?.how).toBe("assumed");
    expect(a.allowed).toBe(false);
    expect(a.alternatives?.map((x) => [x.id, x.allowed, x.differs])).toEqual([
      ["calico", true, true],
      ["cilium", false, false],
      ["flannel", true, true],
    ]);
    expect(reachText(a)).toContain("What the choice changes: the same under Cilium; ALLOWED under Calico, Flannel (alone) — choose the CNI with --cni");
    expect(reachJson(a).cni?.alternatives).toHaveLength(3);
  });

  it("a detected or chosen CNI: no alternatives", () => {
    const detected = networkAnalysis(snapshotFromYaml(cluster + calicoAgent), { cni: "auto" });
    expect(explainWithAlternatives(detected.model, detected.index, q)).toMatchObject({ allowed: true, cni: { id: "calico", how: "detected" } });
    expect(explainWithAlternatives(detected.model, detected.index, q).alternatives).toBeUndefined();
    const chosen = networkAnalysis(snapshotFromYaml(cluster), { cni: "cilium" });
    expect(explainWithAlternatives(chosen.model, chosen.index, q).alternatives).toBeUndefined();
  });
});
