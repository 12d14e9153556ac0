/**
 * Stages for the benchmark harness (`npm run bench`, scripts/bench/stages.ts): build the RBAC index,
 * compute every RBAC finding, and time who-can on 1,000 random requests (median and p99). Not a test:
 * it measures. Targets on the L cluster (ARCHITECTURE.md "Scale"): index + findings at most twice the cost
 * of loading the snapshot; who-can median under 5 ms in-process. Each run starts from a fresh index
 * (built untimed where it is not the thing measured), so no run is warmed by another's memos.
 */
import type { BenchContext, BenchStage } from "../bench";
import { rbacFindings } from "./findings";
import { indexSnapshot, type RbacIndex } from "./rbac-index";
import { resourceRequest, type AccessRequest } from "./request";
import { WELL_KNOWN_RESOURCES } from "./resources";
import { whoCan } from "./who-can";

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
function randomRequests(index: RbacIndex, n: number, seed = 1): AccessRequest[] {
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
