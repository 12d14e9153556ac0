/**
 * The agent look-up's shortcut: a workload whose name and images no signature matches says nothing,
 * decided by one joined test instead of every signature; it must answer exactly as every signature
 * does, over names and images made of the signatures' own pieces.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Container } from "../../model/types";
import { anyOf, lookAt, lookAtAll } from "./detect";

const NAME_PIECES = ["cilium", "-agent", "calico-node", "canal", "antrea-agent", "ovnkube-node", "kube-router", "weave-net", "azure-npm", "-win", "aws-node", "kube-", "flannel", "-ds", "aws-eks-nodeagent", "web", "x"];
const IMAGE_PIECES = ["docker.io/", "quay.io/", "cilium/", "cilium", "-operator", "calico/", "node", "-windows", "calico-node", "antrea/", "antrea", "-ubuntu", "ovn-kubernetes", "ovnkube", "kube-router", "weaveworks/", "weave-kube", "weave-npc", "azure-npm", "amazon-k8s-cni", "flannel/", "flannel", "flannel-io/", "aws-network-policy-agent", "nginx", ":v1.16", ":3.30.2", "@sha256:ab", "/"];
const joined = (pieces: string[]) => fc.array(fc.constantFrom(...pieces), { minLength: 0, maxLength: 4 }).map((a) => a.join(""));
const container = fc.record({ name: fc.oneof(joined(NAME_PIECES), joined(IMAGE_PIECES)), image: joined(IMAGE_PIECES) }).map((c) => c as unknown as Container);

describe("CNI agent look-up", () => {
  it("a joined pattern matches exactly when one of its parts does", () => {
    const parts = [/^a(b)?$/, /c[:@]/, /(^|\/)d$/];
    fc.assert(fc.property(fc.stringMatching(/^[abcd:@/]{0,6}$/), (s) => {
      expect(anyOf(parts).test(s)).toBe(parts.some((p) => p.test(s)));
    }), { seed: 12, numRuns: 500 });
    expect(() => anyOf([/a/i])).toThrow(/flags/);
  });

  it("the shortcut answers as every signature does", () => {
    fc.assert(
      fc.property(joined(NAME_PIECES), fc.array(container, { maxLength: 3 }), fc.array(container, { maxLength: 2 }), (name, containers, init) => {
        expect(lookAt({}, "DaemonSet", "kube-system", name, containers, init)).toEqual(lookAtAll("DaemonSet", "kube-system", name, [...containers, ...init]));
      }),
      { seed: 7, numRuns: 3000 },
    );
  });
});
