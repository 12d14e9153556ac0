/**
 * Stages for the benchmark harness (`npm run bench`, scripts/bench/stages.ts): build the RBAC index,
 * compute every RBAC finding, and time who-can on 1,000 random requests (median and p99). Not a test:
 * it measures. Targets on the L cluster (ARCHITECTURE.md "Scale"): index + findings at most twice the cost
 * of loading the snapshot; who-can median under 5 ms in-process. Each run starts from a fresh index
 * (built untimed where it is not the thing measured), so no run is warmed by another's memos.
 */
import type { ClusterSnapshot } from "../model";
import { rbacFindings } from "./findings";
import { indexSnapshot, type RbacIndex } from "./rbac-index";
import { resourceRequest, type AccessRequest } from "./request";
import { WELL_KNOWN_RESOURCES } from "./resources";
import { whoCan } from "./who-can";

export interface Timed<T> {
  ms: number;
  value: T;
}

function timed<T>(f: () => T): Timed<T> {
  const t0 = performance.now();
  const value = f();
  return { ms: performance.now() - t0, value };
}

/** Stage 1: the index of a snapshot. */
export function benchIndex(snapshot: ClusterSnapshot): Timed<RbacIndex> {
  return timed(() => indexSnapshot(snapshot));
}

/** Stage 2: every RBAC finding (defaults included, so none of the work is skipped). */
export function benchFindings(index: RbacIndex): Timed<number> {
  return timed(() => rbacFindings(index, { includeDefaults: true }).length);
}

/** A small deterministic PRNG (mulberry32), so runs are comparable. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VERBS = ["get", "list", "watch", "create", "update", "patch", "delete", "escalate", "bind", "impersonate"];
const SUBRESOURCES = ["", "", "", "exec", "log", "status", "proxy"];

/** Random resource requests over the well-known resources and the snapshot's namespaces. */
export function randomRequests(index: RbacIndex, n: number, seed = 1): AccessRequest[] {
  const rnd = prng(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const namespaces = index.namespaces.length ? index.namespaces : ["default"];
  const out: AccessRequest[] = [];
  for (let i = 0; i < n; i++) {
    const r = pick(WELL_KNOWN_RESOURCES);
    const sub = pick(SUBRESOURCES);
    out.push(resourceRequest({ verb: pick(VERBS), apiGroup: r.group, resource: sub ? `${r.resource}/${sub}` : r.resource, namespace: rnd() < 0.9 ? pick(namespaces) : "", name: rnd() < 0.5 ? `obj-${Math.floor(rnd() * 50)}` : "" }));
  }
  return out;
}

export interface LatencySummary {
  n: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
}

/** Median, p99 and max of latency samples (nearest rank). */
export function summarise(samples: number[]): LatencySummary {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { n: s.length, medianMs: at(0.5), p99Ms: at(0.99), maxMs: s[s.length - 1] ?? 0 };
}

/** Stage 3: who-can latency over `n` random requests. */
export function benchWhoCan(index: RbacIndex, n = 1000, seed = 1): LatencySummary {
  const samples: number[] = [];
  for (const req of randomRequests(index, n, seed)) {
    const t0 = performance.now();
    whoCan(index, req);
    samples.push(performance.now() - t0);
  }
  return summarise(samples);
}

export interface RbacBench {
  indexMs: number;
  findingsMs: number;
  findings: number;
  whoCan: LatencySummary;
}

/** The harness's context and stage, by shape (lib/ does not import scripts/). */
interface BenchContext {
  snapshot: ClusterSnapshot;
  readonly state: Map<string, unknown>;
  random(): number;
  latency(count: number, fn: (i: number) => unknown): { medianMs: number; p99Ms: number };
}

interface BenchStage {
  name: string;
  area: "rbac";
  budget?: "rbac";
  beforeEach?(ctx: BenchContext): void;
  run(ctx: BenchContext): void | Record<string, number>;
}

const INDEX = "rbac:index";
const WHO_CAN_REQUESTS = 1000;
const freshIndex = (ctx: BenchContext) => ctx.state.set(INDEX, indexSnapshot(ctx.snapshot));
const indexOf = (ctx: BenchContext) => ctx.state.get(INDEX) as RbacIndex;

export const benchStages: BenchStage[] = [
  { name: "rbac: index", area: "rbac", budget: "rbac", run: (ctx) => void indexSnapshot(ctx.snapshot) },
  { name: "rbac: all findings", area: "rbac", budget: "rbac", beforeEach: freshIndex, run: (ctx) => void rbacFindings(indexOf(ctx), { includeDefaults: true }) },
  {
    name: `rbac: who-can ×${WHO_CAN_REQUESTS}`,
    area: "rbac",
    beforeEach: freshIndex,
    run(ctx) {
      const index = indexOf(ctx);
      const requests = randomRequests(index, WHO_CAN_REQUESTS, Math.floor(ctx.random() * 2 ** 31));
      const l = ctx.latency(requests.length, (i) => whoCan(index, requests[i]));
      return { whoCanMedianMs: l.medianMs, whoCanP99Ms: l.p99Ms };
    },
  },
];

/** All stages on one snapshot, outside the harness (a fresh index, so no query is warmed by another). */
export function runRbacBench(snapshot: ClusterSnapshot, whoCanRequests = 1000): RbacBench {
  const idx = benchIndex(snapshot);
  const f = benchFindings(idx.value);
  return { indexMs: idx.ms, findingsMs: f.ms, findings: f.value, whoCan: benchWhoCan(indexSnapshot(snapshot), whoCanRequests) };
}
