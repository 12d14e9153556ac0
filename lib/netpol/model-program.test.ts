/**
 * A model takes an earlier model's program (model.ts `programOf`) only while what a program reads is
 * the same: the CNI's profile, the policy collections and the nodes' names. Each case changes one of
 * them while the NetworkPolicies' array (the cache's key) stays the one before, as a watched source
 * keeps an unchanged collection's array, and the program must equal one compiled from scratch.
 */
import { describe, expect, it } from "vitest";
import type { ClusterSnapshot } from "../model";
import type { CniChoice } from "./cni/profiles";
import { nodeObjects } from "./cni-random";
import { namespace, networkPolicy, pod, snapshotOf } from "./fixtures";
import { buildNetworkModel } from "./model";
import type { Program } from "./program";
import { sharedWith } from "./shared-records";

type Raw = Record<string, unknown>;

const tier = (name: string, order: number): Raw => ({ apiVersion: "projectcalico.org/v3", kind: "Tier", metadata: { name }, spec: { order, defaultAction: "Deny" } });
const gnp = (name: string, selector: string, action: string): Raw => ({ apiVersion: "projectcalico.org/v3", kind: "GlobalNetworkPolicy", metadata: { name }, spec: { tier: name.split(".")[0], selector, types: ["Ingress"], ingress: [{ action }] } });

const base: Raw[] = [
  namespace("a"),
  pod("a", "web", { app: "web" }, { ip: "10.0.0.1" }),
  networkPolicy("a", "deny", { podSelector: {}, policyTypes: ["Ingress"] }),
  tier("security", 10),
  tier("platform", 20),
  gnp("security.allow", "app == 'web'", "Allow"),
  gnp("platform.deny", "app == 'web'", "Deny"),
  ...nodeObjects(),
];

/** What a program is: its layers in order with their policies, and its predicates. */
const described = (p: Program) => ({ layers: p.layers.map((l) => [l.id, l.defaultAction, l.policies.map((x) => x.ref.name)]), keys: p.table.keys });

function follow(before: Raw[], after: Raw[], cni: CniChoice, cniAfter: CniChoice = cni) {
  const first = snapshotOf(before);
  const earlier = buildNetworkModel(first, { cni });
  const next: ClusterSnapshot = sharedWith(first, snapshotOf(after));
  expect(next.networkPolicies).toBe(first.networkPolicies);
  const later = buildNetworkModel(next, { cni: cniAfter });
  const scratch = buildNetworkModel(snapshotOf(after), { cni: cniAfter });
  expect(described(later.program)).toEqual(described(scratch.program));
  return { earlier: earlier.program, later: later.program };
}

describe("a model takes an earlier model's program only while its inputs are the same", () => {
  it("a new pod: the same program", () => {
    const { earlier, later } = follow(base, [...base, pod("a", "api", { app: "api" }, { ip: "10.0.0.2" })], "calico");
    expect(later).toBe(earlier);
  });

  it("tiers in another order (Calico Tier spec.order)", () => {
    const { earlier, later } = follow(base, base.map((o) => (o.kind === "Tier" && (o.metadata as Raw).name === "platform" ? tier("platform", 5) : o)), "calico");
    expect(later).not.toBe(earlier);
    expect(later.layers.map((l) => l.id).indexOf("calico-tier:platform")).toBeLessThan(later.layers.map((l) => l.id).indexOf("calico-tier:security"));
  });

  it("a Calico policy changed", () => {
    const { later } = follow(base, base.map((o) => ((o.metadata as Raw).name === "platform.deny" ? gnp("platform.deny", "app == 'api'", "Deny") : o)), "calico");
    expect(later.table.keys).toContain('calico\u0000ep\u0000app == "api"');
  });

  it("a node added (rules relative to the subject's node name every node)", () => {
    const node = { apiVersion: "v1", kind: "Node", metadata: { name: "n3" }, status: { addresses: [{ type: "InternalIP", address: "192.168.0.102" }] } };
    const { later } = follow(base, [...base, node], "calico");
    expect(later.table.keys).toContain("node\u0000n3");
  });

  it("another CNI's semantics for the same snapshot", () => {
    const { earlier, later } = follow(base, base, "calico", "none");
    expect(later).not.toBe(earlier);
    expect(later.layers.map((l) => l.id)).toEqual(["networkpolicy"]);
  });
});
