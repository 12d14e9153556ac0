/**
 * A watched source's scans, each reusing what the one before left alone (memoized areas, findings
 * order, compliance per control), equal scans from scratch. The source is the demo cluster fed
 * through LiveAssembler as a watch feeds it: every unchanged object keeps its record, unchanged
 * collections keep their arrays, and a random sequence of events (a risky binding, an opening or a
 * denying policy, a pod, an object deleted or relabelled) changes a few objects per step.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { demoText } from "../../testing/demo-text";
import { derive, trackable } from "../analysis/memo";
import { FRAMEWORK_CONTROLS } from "../compliance/frameworks";
import { evaluate, type Evaluation } from "../compliance/report";
import { FRAMEWORKS } from "../compliance/types";
import { LiveAssembler, type LivePart } from "../live/assemble";
import type { ClusterSnapshot } from "../model";
import { scanSnapshot } from "./scan";

type Raw = { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> } } & Record<string, unknown>;
const SOURCE = { type: "live" as const, id: "live:test", label: "test", context: "test", server: "https://test" };
const AT = "2026-11-01T00:00:00.000Z";
const NS = ["shop", "payments", "default", "ci"];

const BASE: Raw[] = YAML.parseAllDocuments(demoText)
  .map((d) => d.toJS() as Raw)
  .filter((o) => o && typeof o === "object" && o.kind);

function pod(name: string, ns: string, v: number): Raw {
  const securityContext = v === 1 ? { privileged: true } : v === 2 ? { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } } : {};
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: ns, labels: { app: `a${v % 3}` } },
    spec: { ...(v === 3 ? { hostNetwork: true } : {}), containers: [{ name: "c", image: v === 2 ? "nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000" : "nginx:1.27", securityContext }] },
    status: { phase: "Running", podIP: `10.9.${v}.${name.length}` },
  };
}

/** One event's object (null: the k-th object is deleted or relabelled instead). */
const MAKE: Record<string, (name: string, ns: string, v: number) => Raw> = {
  binding: (name, ns, v) => ({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: { name: `ev-${name}` },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: ["cluster-admin", "view", "edit", "view"][v] },
    subjects: [v === 3 ? { kind: "Group", name: "devs", apiGroup: "rbac.authorization.k8s.io" } : { kind: "ServiceAccount", name: "default", namespace: ns }],
  }),
  policy: (name, ns, v) => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: `ev-${name}`, namespace: ns },
    spec: { podSelector: v % 2 ? {} : { matchLabels: { app: `a${v % 3}` } }, ingress: v < 2 ? [{}] : [], policyTypes: ["Ingress"] },
  }),
  pod: (name, ns, v) => pod(`ev-${name}`, ns, v),
};

const event = fc.record({ op: fc.constantFrom("binding", "policy", "pod", "pod", "delete", "relabel", "psa"), name: fc.constantFrom("x", "y", "z"), ns: fc.constantFrom(...NS), v: fc.nat(3), at: fc.nat() });
type Event = typeof event extends fc.Arbitrary<infer T> ? T : never;

/** The cluster as reflectors hold it: objects per kind, each kind with a generation. */
class Watched {
  readonly objects = new Map<string, Map<string, Raw>>();
  readonly generation = new Map<string, number>();
  constructor(objects: readonly Raw[]) {
    for (const o of objects) this.put(o);
  }
  private put(o: Raw): void {
    let m = this.objects.get(o.kind);
    if (!m) this.objects.set(o.kind, (m = new Map()));
    m.set(`${o.metadata.namespace ?? ""}/${o.metadata.name}`, o);
    this.generation.set(o.kind, (this.generation.get(o.kind) ?? 0) + 1);
  }
  apply(e: Event): void {
    if (e.op in MAKE) return this.put(MAKE[e.op](e.name, e.ns, e.v));
    if (e.op === "psa") {
      // the namespace's Pod Security level changes (or goes): its admission findings and its workloads' would-reject ones
      const ns = this.objects.get("Namespace")?.get(`/${e.ns}`) ?? { apiVersion: "v1", kind: "Namespace", metadata: { name: e.ns } };
      const labels = { ...ns.metadata.labels };
      if (e.v === 3) delete labels["pod-security.kubernetes.io/enforce"];
      else labels["pod-security.kubernetes.io/enforce"] = ["restricted", "baseline", "privileged"][e.v];
      return this.put({ ...ns, metadata: { ...ns.metadata, labels } });
    }
    const all = [...this.objects.values()].flatMap((m) => [...m.values()]);
    const o = all[e.at % all.length];
    if (e.op === "relabel") return this.put({ ...o, metadata: { ...o.metadata, labels: { ...o.metadata.labels, relabelled: String(e.v) } } });
    this.objects.get(o.kind)!.delete(`${o.metadata.namespace ?? ""}/${o.metadata.name}`);
    this.generation.set(o.kind, this.generation.get(o.kind)! + 1);
  }
  parts(): LivePart[] {
    return [...this.objects].map(([kind, m]) => ({ resource: kind, generation: this.generation.get(kind)!, objects: () => m.values(), origin: { source: kind }, status: { state: "ok" } }));
  }
}

/** A plain copy: no tracking, no predecessor, so everything is computed from scratch. */
const fresh = (s: ClusterSnapshot) => JSON.parse(JSON.stringify(s)) as ClusterSnapshot;
const scan = (s: ClusterSnapshot) => {
  const r = scanSnapshot(s);
  return JSON.stringify({ findings: r.findings, compliance: r.compliance, score: r.score, evaluated: r.run.evaluated, posture: r.run.posture });
};
const DEFS = FRAMEWORKS.flatMap((fw) => FRAMEWORK_CONTROLS[fw]);

describe("scans of a watched source = scans from scratch", () => {
  const example = (op: Event["op"], ns: string, v: number): Event => ({ op, name: "x", ns, v, at: 0 });
  it.each([
    ["a binding's new risk reaches the token finding of a workload whose pods did not move (R29)", [example("binding", "shop", 0), example("pod", "ci", 0)], "Pod shop/base-1 runs with a powerful token (ServiceAccount default)"],
    ["a namespace's new Pod Security level reaches its unmoved workloads (ADM-psa-would-reject)", [example("psa", "shop", 1), example("psa", "shop", 0)], "Violates the namespace's enforced Pod Security level (restricted)"],
  ])("%s", (_, events, title) => {
    const cluster = new Watched(BASE.concat([pod("base-1", "shop", 0)]));
    const asm = new LiveAssembler(SOURCE);
    const scans: [string, ClusterSnapshot][] = [];
    let prev: ClusterSnapshot | undefined;
    for (const e of [undefined, ...events]) {
      if (e) cluster.apply(e);
      const s = trackable(asm.build(cluster.parts(), AT)!.snapshot);
      derive(prev, s);
      scans.push([scan(s), fresh(s)]);
      prev = s;
    }
    expect(scans.some(([got]) => got.includes(`"title":"${title}"`))).toBe(true);
    for (const [got, copy] of scans) expect(got).toBe(scan(copy));
  });

  it("property: after any sequence of events, findings (order included), compliance and score equal a scan from scratch, and controls are reused", () => {
    let reused = 0;
    fc.assert(
      fc.property(fc.array(fc.array(event, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 4 }), (steps) => {
        // a pod in every namespace of the events: a binding's new risk reaches a workload whose pods did not move (R29)
        const cluster = new Watched(BASE.concat([pod("base-1", "shop", 0), pod("base-2", "payments", 1), pod("base-3", "default", 0), pod("base-4", "ci", 2)]));
        const asm = new LiveAssembler(SOURCE);
        let prev: ClusterSnapshot | undefined;
        let evaluation: Evaluation | undefined;
        // the scans from scratch come after the whole sequence, so that nothing computed on an
        // unshared copy comes between a watched snapshot and the next (a cache keyed too broadly shows)
        const watched: [string, ClusterSnapshot][] = [];
        for (const batch of [[], ...steps]) {
          for (const e of batch) cluster.apply(e);
          const s = trackable(asm.build(cluster.parts(), AT)!.snapshot);
          derive(prev, s);
          watched.push([scan(s), fresh(s)]);
          // compliance with the previous evaluation, checked against evaluating from scratch
          const run = scanSnapshot(s).run;
          const next = evaluate(s, run.findings, run.catalogue, DEFS, evaluation);
          expect(JSON.stringify(next.results)).toBe(JSON.stringify(evaluate(s, run.findings, run.catalogue, DEFS).results));
          if (evaluation) reused += next.results.filter((r, i) => r === evaluation!.results[i]).length;
          evaluation = next;
          prev = s;
        }
        for (const [got, copy] of watched) expect(got).toBe(scan(copy));
      }),
      { numRuns: 16, seed: 1651 },
    );
    expect(reused).toBeGreaterThan(0);
  });
});
