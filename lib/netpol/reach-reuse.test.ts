/**
 * Reachability built from an earlier one (reach-reuse.ts) equals reachability built from scratch:
 * random clusters (NetworkPolicy, admin and baseline tiers, ClusterNetworkPolicies, and Cilium or
 * Calico policies with tiers and network sets), random changes (objects removed, added from
 * another random cluster, pods, namespaces, nodes, accounts and network sets relabelled), every cell of the class matrix, and the
 * diff (which skips the pairs whose twins say nothing changed) equal to the diff that skips nothing.
 */
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import type { CniChoice } from "./cni/profiles";
import { placed, RANDOM_CNI_POLICIES } from "./cni-random";
import { diffReachability } from "./diff-reachability";
import { snapshotOf } from "./fixtures";
import { buildNetworkModel } from "./model";
import { randomCluster } from "./random-cluster";
import { buildReachability, type End, type Reachability } from "./reachability";

type Raw = Record<string, unknown>;
const meta = (o: Raw) => o.metadata as { name: string; labels?: Record<string, string> };

const labels = fc.constantFrom<Record<string, string>>({ app: "x" }, { app: "y" }, { app: "x", tier: "fe" }, {}, { team: "t1" }, { env: "prod", team: "t1" }, { role: "set" }, { role: "x", zone: "z1" });
const change = fc.record({
  drop: fc.array(fc.nat(), { maxLength: 3 }),
  relabel: fc.array(fc.record({ at: fc.nat(), labels }), { maxLength: 4 }),
  add: fc.array(fc.nat(), { maxLength: 3 }),
});

/** Objects from another random cluster, renamed so they are new (namespaces, nodes, tiers and accounts stay the base's). */
function additions(objects: readonly Raw[], picks: readonly number[]): Raw[] {
  const fresh = objects.filter((o) => !["Namespace", "Node", "Tier", "ServiceAccount"].includes(o.kind as string) && !(o.kind === "BaselineAdminNetworkPolicy"));
  if (fresh.length === 0) return [];
  return [...new Set(picks.map((i) => i % fresh.length))].map((i) => {
    const o = fresh[i];
    // a suffix keeps a Calico tiered policy's name starting with its tier
    return { ...o, metadata: { ...meta(o), name: `${meta(o).name}-x` } };
  });
}

/** Kinds whose labels policies select by (pods, namespaces, nodes, service accounts, Calico network sets). */
const RELABELLED = new Set(["Pod", "Namespace", "Node", "ServiceAccount", "NetworkSet", "GlobalNetworkSet"]);
type Change = { drop: number[]; relabel: { at: number; labels: Record<string, string> }[]; add: number[] };

/** The base with some objects dropped (never namespaces, nodes or tiers), pods and namespaces relabelled, and others added. */
function changed(base: readonly Raw[], other: readonly Raw[], c: Change): Raw[] {
  const drop = new Set(c.drop.map((i) => i % base.length));
  const labelled = base.flatMap((o, i) => (RELABELLED.has(o.kind as string) ? [i] : []));
  const relabel = new Map(c.relabel.map((x) => [labelled[x.at % labelled.length], x.labels]));
  const out = base.map((o, i) => (relabel.has(i) ? { ...o, metadata: { ...meta(o), labels: relabel.get(i) } } : o));
  return [...out.filter((o, i) => !drop.has(i) || o.kind === "Namespace" || o.kind === "Node" || o.kind === "Tier"), ...additions(other, c.add)];
}

const ends = (r: Reachability) => {
  const src: End[] = [...r.classes.map((_, id) => ({ kind: "class" as const, id })), ...r.externals.sources.map((_, index) => ({ kind: "source" as const, index }))];
  const dst: End[] = [...r.classes.map((_, id) => ({ kind: "class" as const, id })), ...r.externals.destinations.map((_, index) => ({ kind: "destination" as const, index }))];
  return { src, dst };
};

let reused = 0;

function agree(before: Raw[], after: Raw[], cni: CniChoice, ipBlockMatchesPods: boolean | undefined, computeBase: number) {
  const opts = { cni, ...(ipBlockMatchesPods !== undefined ? { ipBlockMatchesPods } : {}) };
  const base = buildReachability(buildNetworkModel(snapshotOf(before), opts));
  // the earlier analysis may have computed all, some or none of its cells
  const b = ends(base);
  b.src.forEach((s, i) => b.dst.forEach((d, j) => (s.kind !== "class" && d.kind !== "class") || (i * 7 + j) % 3 >= computeBase || base.betweenId(s, d)));
  const model = buildNetworkModel(snapshotOf(after), opts);
  const scratch = buildReachability(model);
  const inc = buildReachability(model, base);
  const e = ends(scratch);
  for (const s of e.src) {
    for (const d of e.dst) {
      if (s.kind !== "class" && d.kind !== "class") continue;
      expect(inc.between(s, d).toString(), `${JSON.stringify(s)} -> ${JSON.stringify(d)}`).toBe(scratch.between(s, d).toString());
    }
  }
  if (inc.reuse) reused += [...inc.reuse.egress].filter((x) => x >= 0).length;
  const expected = diffReachability(base, scratch);
  const got = diffReachability(base, inc);
  expect(got).toEqual(expected);
}

const opt = fc.option(fc.boolean(), { nil: undefined });
const computed = fc.constantFrom(0, 1, 3);

describe("reachability built from an earlier one = built from scratch", () => {
  beforeEach(() => {
    reused = 0;
  });

  it("Kubernetes: NetworkPolicies, admin and baseline tiers, ClusterNetworkPolicies", () => {
    fc.assert(
      fc.property(randomCluster, randomCluster, change, opt, computed, (a, o, c, ipb, k) => agree(a.objects, changed(a.objects, o.objects, c), "none", ipb ?? a.ipBlockMatchesPods, k)),
      { numRuns: 200 },
    );
    expect(reused).toBeGreaterThan(0);
  });

  for (const [title, cni, objects] of RANDOM_CNI_POLICIES) {
    it(title, () => {
      fc.assert(
        fc.property(randomCluster, objects, randomCluster, objects, change, computed, (a, ca, o, co, c, k) => {
          const before = placed([...a.objects, ...ca]);
          agree(before, changed(before, [...o.objects, ...co], c), cni, undefined, k);
        }),
        { numRuns: 150 },
      );
      expect(reused).toBeGreaterThan(0);
    });
  }
});

describe("the diff's outside pieces", () => {
  // A Calico network set's labels decide which addresses a rule's selector matches (Calico reference,
  // GlobalNetworkSet resource: docs.tigera.io/calico/latest/reference/resources/globalnetworkset):
  // relabelling the set changes what a class may reach at those addresses while no policy changed, so
  // the diff must compare those pieces even though the class keeps its twin.
  const objects = (setLabels: Record<string, string>): Record<string, unknown>[] => [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "a" } },
    { apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "a", labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "web:1" }] }, status: { podIP: "10.0.0.1" } },
    { apiVersion: "projectcalico.org/v3", kind: "GlobalNetworkSet", metadata: { name: "feed", labels: setLabels }, spec: { nets: ["8.8.8.0/24"] } },
    { apiVersion: "projectcalico.org/v3", kind: "GlobalNetworkPolicy", metadata: { name: "block-feed" }, spec: { selector: "app == 'web'", types: ["Egress"], egress: [{ action: "Deny", destination: { selector: "role == 'feed'" } }, { action: "Allow" }] } },
  ];
  it("a relabelled network set: the pieces it covers are compared, not skipped", () => {
    const base = buildReachability(buildNetworkModel(snapshotOf(objects({ role: "feed" })), { cni: "calico" }));
    const model = buildNetworkModel(snapshotOf(objects({ role: "other" })), { cni: "calico" });
    const inc = buildReachability(model, base);
    expect(inc.reuse?.egress[0]).toBe(0); // the class kept its twin: its policies did not change
    const d = diffReachability(base, inc);
    expect(d).toEqual(diffReachability(base, buildReachability(model)));
    expect(d.some((e) => e.src === "a/web[Pod]" && e.dst.startsWith("8.8.8.0"))).toBe(true);
  });
});
