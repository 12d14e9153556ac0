/**
 * Reachability built from an earlier one (reach-reuse.ts, and the pods' matches classes.ts takes
 * from the earlier index) equals reachability built from scratch: random clusters (NetworkPolicy,
 * admin and baseline tiers, ClusterNetworkPolicies, and Cilium or Calico policies with tiers and
 * network sets), then a random sequence of changes (objects removed, added from another random
 * cluster, pods, namespaces, nodes, accounts and network sets relabelled, policies and tiers given
 * another order or priority), each snapshot sharing the unchanged objects' records with the one
 * before as a watched source does (shared-records.ts), each analysis built from the one before. After every change: the classes (order, pods,
 * predicates), every cell of the class matrix, and the diff (which skips the pairs whose twins say
 * nothing changed) equal to the diff that skips nothing.
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
import { sharedWith } from "./shared-records";
import type { ClusterSnapshot } from "../model/snapshot";

type Raw = Record<string, unknown>;
const meta = (o: Raw) => o.metadata as { name: string; labels?: Record<string, string> };

const labels = fc.constantFrom<Record<string, string>>({ app: "x" }, { app: "y" }, { app: "x", tier: "fe" }, {}, { team: "t1" }, { env: "prod", team: "t1" }, { role: "set" }, { role: "x", zone: "z1" });
const change = fc.record({
  drop: fc.array(fc.nat(), { maxLength: 3 }),
  relabel: fc.array(fc.record({ at: fc.nat(), labels }), { maxLength: 4 }),
  add: fc.array(fc.nat(), { maxLength: 3 }),
  reorder: fc.array(fc.record({ at: fc.nat(), to: fc.constantFrom(1, 5, 50, 500) }), { maxLength: 2 }),
});

/** Objects from another random cluster, renamed so they are new (namespaces, nodes, tiers and accounts stay the base's). */
function additions(objects: readonly Raw[], picks: readonly number[], step: number): Raw[] {
  const fresh = objects.filter((o) => !["Namespace", "Node", "Tier", "ServiceAccount"].includes(o.kind as string) && !(o.kind === "BaselineAdminNetworkPolicy"));
  if (fresh.length === 0) return [];
  return [...new Set(picks.map((i) => i % fresh.length))].map((i) => {
    const o = fresh[i];
    // a suffix keeps a Calico tiered policy's name starting with its tier
    return { ...o, metadata: { ...meta(o), name: `${meta(o).name}-x${step}` } };
  });
}

/** Kinds whose labels policies select by (pods, namespaces, nodes, service accounts, Calico network sets). */
const RELABELLED = new Set(["Pod", "Namespace", "Node", "ServiceAccount", "NetworkSet", "GlobalNetworkSet"]);
type Change = { drop: number[]; relabel: { at: number; labels: Record<string, string> }[]; add: number[]; reorder: { at: number; to: number }[] };
/** The field that orders a policy (or a Calico tier) among others: the same rules elsewhere in the order. */
const orderKey = (o: Raw) => ["order", "priority"].find((k) => typeof (o.spec as Raw | undefined)?.[k] === "number");

/** The base with some objects dropped (never namespaces, nodes or tiers), pods and namespaces relabelled, policies and tiers reordered, and others added. */
function changed(base: readonly Raw[], other: readonly Raw[], c: Change, step: number): Raw[] {
  const drop = new Set(c.drop.map((i) => i % base.length));
  const labelled = base.flatMap((o, i) => (RELABELLED.has(o.kind as string) ? [i] : []));
  const relabel = new Map(c.relabel.map((x) => [labelled[x.at % labelled.length], x.labels]));
  const ordered = base.flatMap((o, i) => (orderKey(o) ? [i] : []));
  const reorder = new Map(ordered.length ? c.reorder.map((x) => [ordered[x.at % ordered.length], x.to]) : []);
  const out = base.map((o, i) => {
    const r = relabel.has(i) ? { ...o, metadata: { ...meta(o), labels: relabel.get(i) } } : o;
    return reorder.has(i) ? { ...r, spec: { ...(r.spec as Raw), [orderKey(r)!]: reorder.get(i) } } : r;
  });
  return [...out.filter((o, i) => !drop.has(i) || o.kind === "Namespace" || o.kind === "Node" || o.kind === "Tier"), ...additions(other, c.add, step)];
}

const ends = (r: Reachability) => {
  const src: End[] = [...r.classes.map((_, id) => ({ kind: "class" as const, id })), ...r.externals.sources.map((_, index) => ({ kind: "source" as const, index }))];
  const dst: End[] = [...r.classes.map((_, id) => ({ kind: "class" as const, id })), ...r.externals.destinations.map((_, index) => ({ kind: "destination" as const, index }))];
  return { src, dst };
};

let reused = 0;
let kept = 0;
let keptNamespaces = 0;

/** What a class is, with predicates by key (ids differ between tables) and pods by name. */
const described = (r: Reachability) =>
  r.classes.map((c) => [c.id, c.namespace, c.hostNetwork, c.nodeName, c.predicates.map((p) => r.model.program.table.keys[p]), c.pods.map((p) => p.name), [...c.namedPorts]]);

/** Some of the cells (all, some or none): an earlier analysis has computed what its scans asked for. */
function computeSome(r: Reachability, computed: number) {
  const b = ends(r);
  b.src.forEach((s, i) => b.dst.forEach((d, j) => (s.kind !== "class" && d.kind !== "class") || (i * 7 + j) % 3 >= computed || r.betweenId(s, d)));
}

/** After each change the analysis built from the one before equals the one built from scratch. */
/** `arrange`: the pods' order in both snapshots (a snapshot's pods are sorted by namespace, the classes' order must not rely on it). */
function agree(start: Raw[], other: Raw[], steps: readonly { change: Change; computed: number }[], cni: CniChoice, ipBlockMatchesPods: boolean | undefined, arrange = (s: ClusterSnapshot) => s) {
  const opts = { cni, ...(ipBlockMatchesPods !== undefined ? { ipBlockMatchesPods } : {}) };
  let objects = start;
  let snapshot = snapshotOf(objects);
  let base = buildReachability(buildNetworkModel(arrange(snapshot), opts));
  steps.forEach(({ change, computed }, step) => {
    computeSome(base, computed);
    objects = changed(objects, other, change, step);
    snapshot = sharedWith(snapshot, snapshotOf(objects));
    const inc = buildReachability(buildNetworkModel(arrange(snapshot), opts), base);
    // fresh records: nothing is taken from an earlier analysis
    const scratch = buildReachability(buildNetworkModel(arrange(snapshotOf(objects)), opts));
    expect(described(inc)).toEqual(described(scratch));
    const e = ends(scratch);
    for (const s of e.src) {
      for (const d of e.dst) {
        if (s.kind !== "class" && d.kind !== "class") continue;
        expect(inc.between(s, d).toString(), `${JSON.stringify(s)} -> ${JSON.stringify(d)}`).toBe(scratch.between(s, d).toString());
      }
    }
    if (inc.reuse) reused += [...inc.reuse.egress].filter((x) => x >= 0).length;
    kept += inc.keptMatches;
    keptNamespaces += inc.keptNamespaces;
    expect(diffReachability(base, inc)).toEqual(diffReachability(base, scratch));
    base = inc;
  });
}

const steps = fc.array(fc.record({ change, computed: fc.constantFrom(0, 1, 3) }), { minLength: 1, maxLength: 3 });
const opt = fc.option(fc.boolean(), { nil: undefined });

describe("reachability built from an earlier one = built from scratch", () => {
  beforeEach(() => {
    reused = 0;
    kept = 0;
    keptNamespaces = 0;
  });

  it("Kubernetes: NetworkPolicies, admin and baseline tiers, ClusterNetworkPolicies", () => {
    fc.assert(
      fc.property(randomCluster, randomCluster, steps, opt, (a, o, st, ipb) => agree(a.objects, o.objects, st, "none", ipb ?? a.ipBlockMatchesPods)),
      { numRuns: 200 },
    );
    expect(reused).toBeGreaterThan(0);
    expect(kept).toBeGreaterThan(0);
    expect(keptNamespaces).toBeGreaterThan(0);
  });

  it("pods not sorted by namespace (a snapshot's are): the same classes, in the same order", () => {
    // by name across namespaces, remembered per pod array so that an unchanged array stays one (as a watched source's)
    const arranged = new WeakMap<readonly object[], ClusterSnapshot["pods"]>();
    const byName = (s: ClusterSnapshot): ClusterSnapshot => {
      let pods = arranged.get(s.pods);
      if (!pods) arranged.set(s.pods, (pods = [...s.pods].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : x.namespace < y.namespace ? -1 : 1))));
      return { ...s, pods };
    };
    fc.assert(
      fc.property(randomCluster, randomCluster, steps, (a, o, st) => agree(a.objects, o.objects, st, "none", a.ipBlockMatchesPods, byName)),
      { numRuns: 100 },
    );
    expect(keptNamespaces).toBeGreaterThan(0);
  });

  for (const [title, cni, objects] of RANDOM_CNI_POLICIES) {
    it(title, () => {
      fc.assert(
        fc.property(randomCluster, objects, randomCluster, objects, steps, (a, ca, o, co, st) => agree(placed([...a.objects, ...ca]), [...o.objects, ...co], st, cni, undefined)),
        { numRuns: 150 },
      );
      expect(reused).toBeGreaterThan(0);
      expect(kept).toBeGreaterThan(0);
      expect(keptNamespaces).toBeGreaterThan(0);
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
