/**
 * The network findings kept per namespace (findings-namespaces.ts, producer.ts `networkBaseOf`)
 * equal the findings computed from scratch: random clusters (NetworkPolicies, admin and baseline
 * tiers, ClusterNetworkPolicies; Cilium and Calico policies with tiers and network sets) with
 * Services, Ingresses and sometimes an ingress controller, then a random sequence of events (an
 * object dropped, added or relabelled), each snapshot sharing the unchanged objects' records with
 * the one before as a watched source does (lib/live/assemble.ts keeps a record per unchanged object).
 */
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { derive, trackable } from "../analysis/memo";
import type { ClusterSnapshot } from "../model";
import { networkAnalysis } from "./analysis";
import type { CniChoice } from "./cni/profiles";
import { nodeObjects, placed, RANDOM_CNI_POLICIES } from "./cni-random";
import { exposureOf } from "./exposure-view";
import { networkBase } from "./findings-namespaces";
import { ingress, namespace, networkPolicy, pod, service, snapshotOf } from "./fixtures";
import { buildNetworkModel } from "./model";
import { networkBaseOf } from "./producer";
import { randomCluster } from "./random-cluster";
import { buildReachability } from "./reachability";
import { sharedWith as shared } from "./shared-records";

type Raw = Record<string, unknown>;
const meta = (o: Raw) => o.metadata as { name: string; namespace?: string; labels?: Record<string, string> };

/** Services, Ingresses and (sometimes) an ingress controller pod over the random cluster's namespaces a, b, c. */
const exposing = fc.record({
  services: fc.array(fc.record({ ns: fc.constantFrom("a", "b", "c"), app: fc.constantFrom("x", "y", "z"), type: fc.constantFrom("LoadBalancer", "NodePort", "ClusterIP"), port: fc.constantFrom<number | string>(80, "http", 53) }), { maxLength: 3 }),
  ingresses: fc.array(fc.record({ ns: fc.constantFrom("a", "b", "c"), svc: fc.nat(2) }), { maxLength: 2 }),
  controller: fc.option(fc.record({ ns: fc.constantFrom("a", "c"), labels: fc.constantFrom<Record<string, string>>({ team: "t1" }, {}) }), { nil: undefined }),
});

function exposingObjects(e: typeof exposing extends fc.Arbitrary<infer T> ? T : never): Raw[] {
  const out: Raw[] = e.services.map((s, i) => service(s.ns, `svc${i}`, { app: s.app }, [{ port: 80, targetPort: s.port, ...(s.type === "NodePort" ? { nodePort: 30080 + i } : {}) }], { type: s.type }));
  e.ingresses.forEach((g, i) => out.push(ingress(g.ns, `ing${i}`, [{ service: `svc${g.svc}`, port: 80 }])));
  if (e.controller) out.push(pod(e.controller.ns, "ctl", { "app.kubernetes.io/name": "ingress-nginx", ...e.controller.labels }, { ip: "10.0.0.99" }));
  return out;
}

const labels = fc.constantFrom<Record<string, string>>({ app: "x" }, { app: "y" }, { app: "x", tier: "fe" }, {}, { team: "t1" }, { env: "prod", team: "t1" }, { role: "set" }, { "app.kubernetes.io/name": "ingress-nginx" });
/** One event: an object dropped, relabelled, or added (renamed) from another cluster. */
const event = fc.record({ op: fc.constantFrom("drop", "relabel", "add"), at: fc.nat(), labels });
type Event = { op: string; at: number; labels: Record<string, string> };

/** `objects` after one event (namespaces, nodes and tiers are relabelled, never dropped). */
function apply(objects: readonly Raw[], other: readonly Raw[], e: Event): Raw[] {
  const i = e.at % objects.length;
  const o = objects[i];
  if (e.op === "relabel" && o.kind !== "Tier") return objects.map((x, j) => (j === i ? { ...x, metadata: { ...meta(x), labels: e.labels } } : x));
  if (e.op === "drop" && !["Namespace", "Node", "Tier"].includes(o.kind as string)) return objects.filter((_, j) => j !== i);
  const fresh = other.filter((x) => !["Namespace", "Node", "Tier", "ServiceAccount", "BaselineAdminNetworkPolicy"].includes(x.kind as string));
  if (e.op !== "add" || fresh.length === 0) return [...objects];
  const add = fresh[e.at % fresh.length];
  const name = `${meta(add).name}-x${e.at % 7}`;
  return objects.some((x) => x.kind === add.kind && meta(x).name === name && meta(x).namespace === meta(add).namespace) ? [...objects] : [...objects, { ...add, metadata: { ...meta(add), name } }];
}

let reused = 0;

/** After each event the findings kept per namespace equal those computed from scratch. */
function agree(start: Raw[], other: Raw[], events: readonly Event[], cni: CniChoice) {
  const opts = { cni };
  let objects = start;
  let prev = trackable(snapshotOf(objects));
  let prevBase = networkBaseOf(prev, opts);
  for (const e of events) {
    objects = apply(objects, other, e);
    const next = trackable(shared(prev, snapshotOf(objects)));
    derive(prev, next);
    const inc = networkBaseOf(next, opts);
    const scratch = networkBase(buildReachability(buildNetworkModel(JSON.parse(JSON.stringify(next)) as ClusterSnapshot, opts)));
    expect(JSON.stringify(inc.findings)).toBe(JSON.stringify(scratch.findings));
    expect(JSON.stringify(inc.exposure)).toBe(JSON.stringify(scratch.exposure));
    // the exposure the views read is the one the findings came from
    expect(exposureOf(networkAnalysis(next, opts).reach)).toBe(inc.exposure);
    const old = new Set(prevBase.findings);
    reused += inc.findings.filter((f) => old.has(f)).length;
    prev = next;
    prevBase = inc;
  }
}

describe("network findings kept per namespace = computed from scratch", () => {
  beforeEach(() => {
    reused = 0;
  });

  it("Kubernetes: NetworkPolicies, admin and baseline tiers, ClusterNetworkPolicies, Services and Ingresses", () => {
    fc.assert(
      fc.property(randomCluster, exposing, randomCluster, exposing, fc.array(event, { minLength: 1, maxLength: 4 }), (a, ae, o, oe, events) => {
        // with Nodes: a whole cluster, where hygiene also checks that peers match something
        agree([...a.objects, ...exposingObjects(ae), ...nodeObjects()], [...o.objects, ...exposingObjects(oe)], events, "none");
      }),
      { numRuns: 120, seed: 1605 },
    );
    expect(reused).toBeGreaterThan(0);
  });

  for (const [title, cni, objects] of RANDOM_CNI_POLICIES) {
    it(title, () => {
      fc.assert(
        fc.property(randomCluster, objects, exposing, randomCluster, objects, fc.array(event, { minLength: 1, maxLength: 4 }), (a, ca, ae, o, co, events) => {
          agree(placed([...a.objects, ...ca, ...exposingObjects(ae)]), placed([...o.objects, ...co]), events, cni);
        }),
        { numRuns: 80, seed: 1606 },
      );
      expect(reused).toBeGreaterThan(0);
    });
  }
});

describe("what one namespace's change reaches in another", () => {
  /** The findings after `events` (each a whole object list) match those from scratch; returns the last result. */
  function follow(...states: Raw[][]) {
    let prev: ClusterSnapshot | undefined;
    let last;
    for (const objects of states) {
      const next = trackable(prev ? shared(prev, snapshotOf(objects)) : snapshotOf(objects));
      derive(prev, next);
      last = networkBaseOf(next, { cni: "none" });
      const scratch = networkBase(buildReachability(buildNetworkModel(JSON.parse(JSON.stringify(next)) as ClusterSnapshot, { cni: "none" })));
      expect(JSON.stringify(last.findings)).toBe(JSON.stringify(scratch.findings));
      expect(JSON.stringify(last.exposure)).toBe(JSON.stringify(scratch.exposure));
      prev = next;
    }
    return last!;
  }

  it("the ingress controller's namespace isolating its egress closes what its Ingresses expose elsewhere (netpol-analyzer's ingress analyzer: the controller's policies apply)", () => {
    const base = [
      namespace("shop"),
      namespace("ingress"),
      pod("ingress", "ctl", { "app.kubernetes.io/name": "ingress-nginx" }, { ip: "10.0.0.9" }),
      pod("shop", "web", { app: "web" }, { ip: "10.0.0.1", ports: [{ name: "http", containerPort: 80 }] }),
      service("shop", "web", { app: "web" }, [{ port: 80, targetPort: 80 }]),
      ingress("shop", "web", [{ service: "web", port: 80 }]),
    ];
    const denyEgress = networkPolicy("ingress", "deny-egress", { podSelector: {}, policyTypes: ["Egress"] });
    const open = follow(base);
    expect(open.exposure.exposed.map((w) => w.name)).toEqual(["shop/web[Pod]"]);
    expect(follow(base, [...base, denyEgress]).exposure.exposed).toEqual([]);
  });

  it("a pod appearing in another namespace settles a peer that matched no pod (NP05), the policy's namespace unchanged", () => {
    const base = [
      namespace("shop"),
      namespace("team", { team: "t1" }),
      ...nodeObjects(), // a whole cluster: a peer matching nothing cannot exist
      pod("shop", "web", { app: "web" }, { ip: "10.0.0.1" }),
      networkPolicy("shop", "from-team", { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "t1" } } }] }] }),
    ];
    const np05 = (b: { findings: { rule: string }[] }) => b.findings.filter((f) => f.rule === "NP05").length;
    const withPod = [...base, pod("team", "client", { app: "client" }, { ip: "10.0.0.2" })];
    expect(np05(follow(base))).toBe(1);
    expect(np05(follow(base, withPod))).toBe(0);
    expect(np05(follow(withPod, base))).toBe(1);
  });
});
