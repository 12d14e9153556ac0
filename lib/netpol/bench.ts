/**
 * Stages for the benchmark harness (`npm run bench`, scripts/bench/stages.ts): equivalence classes,
 * all-pairs reachability (class × class), network findings, the explorer's namespace matrix, and
 * one-flow explain latency over random flows. Targets on L (issue 4): all network analysis at most
 * 3× the cost of loading the snapshot; explain under 5 ms median in-process.
 */
import type { BenchStage } from "../bench";
import type { Protocol } from "../model/types";
import { withCniPolicies } from "./cni-bench";
import { explainFlow } from "./explain";
import { findingsOf } from "./findings";
import { namespaceMatrix } from "./matrix";
import { buildNetworkModel, type NetworkModel } from "./model";
import { ipEndpoint, podEndpoint, type Endpoint } from "./peers";
import { buildReachability, type Reachability } from "./reachability";

const MODEL = "netpol:model";
const REACH = "netpol:reach";

const PORTS: [Protocol, number][] = [["TCP", 80], ["TCP", 443], ["TCP", 8080], ["TCP", 5432], ["UDP", 53], ["TCP", 9090], ["TCP", 6379]];
const IPS = ["8.8.8.8", "10.20.30.40", "169.254.169.254", "192.168.1.1"];

/** `n` random flows over the snapshot's pods and a few outside addresses (deterministic given `random`). */
export function randomFlows(model: NetworkModel, n: number, random: () => number): { src: Endpoint; dst: Endpoint; protocol: Protocol; port: number }[] {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const end = (): Endpoint => (random() < 0.1 ? ipEndpoint(pick(IPS)) : podEndpoint(pick(model.pods)));
  const out = [];
  for (let i = 0; i < n; i++) {
    const src = end();
    let dst = end();
    if (src.kind === "ip" && dst.kind === "ip") dst = podEndpoint(pick(model.pods));
    const [protocol, port] = pick(PORTS);
    out.push({ src, dst, protocol, port });
  }
  return out;
}

/**
 * The same stages on the cluster with a third of its namespaces under the CNI's own policies
 * (cni-bench.ts), evaluated with that CNI's semantics. Target: all-pairs within 2× of the
 * Kubernetes-semantics run on the same cluster; explain under 5 ms median.
 */
function cniStages(cni: "cilium" | "calico"): BenchStage[] {
  const model = `netpol:${cni}:model`;
  const reach = `netpol:${cni}:reach`;
  return [
    {
      name: `network (${cni}): classes`,
      area: "network",
      run(ctx) {
        const m = buildNetworkModel(withCniPolicies(ctx.snapshot, cni), { cni });
        const r = buildReachability(m);
        ctx.state.set(model, m);
        ctx.state.set(reach, r);
        const s = r.stats();
        return { classes: s.classes, predicates: s.predicates, profiles: s.profiles };
      },
    },
    {
      name: `network (${cni}): all-pairs reachability`,
      area: "network",
      beforeEach(ctx) {
        ctx.state.set(reach, buildReachability(ctx.state.get(model) as NetworkModel));
      },
      run(ctx) {
        return { cells: (ctx.state.get(reach) as Reachability).computeAll() };
      },
    },
    {
      name: `network (${cni}): explain ×1000`,
      area: "network",
      runs: 1,
      run(ctx) {
        const m = ctx.state.get(model) as NetworkModel;
        const flows = randomFlows(m, 1000, () => ctx.random());
        const l = ctx.latency(flows.length, (i) => explainFlow(m, flows[i].src, flows[i].dst, flows[i].protocol, flows[i].port));
        return { explainMedianMs: l.medianMs, explainP99Ms: l.p99Ms };
      },
    },
  ];
}

export const benchStages: BenchStage[] = [
  {
    name: "network: classes",
    area: "network",
    budget: "network",
    run(ctx) {
      const model = buildNetworkModel(ctx.snapshot, { cni: "none" }); // Kubernetes semantics: the baseline the CNI stages compare with
      const reach = buildReachability(model);
      ctx.state.set(MODEL, model);
      ctx.state.set(REACH, reach);
      const s = reach.stats();
      return { classes: s.classes, predicates: s.predicates, profiles: s.profiles };
    },
  },
  {
    name: "network: all-pairs reachability",
    area: "network",
    budget: "network",
    beforeEach(ctx) {
      ctx.state.set(REACH, buildReachability(ctx.state.get(MODEL) as NetworkModel)); // a fresh, empty matrix
    },
    run(ctx) {
      return { cells: (ctx.state.get(REACH) as Reachability).computeAll() };
    },
  },
  {
    name: "network: findings",
    area: "network",
    budget: "network",
    run(ctx) {
      return { findings: findingsOf(ctx.state.get(REACH) as Reachability).length };
    },
  },
  {
    name: "network: namespace matrix",
    area: "network",
    run(ctx) {
      return { cells: namespaceMatrix(ctx.state.get(REACH) as Reachability).cells.length };
    },
  },
  {
    name: "network: explain ×1000",
    area: "network",
    runs: 1,
    run(ctx) {
      const model = ctx.state.get(MODEL) as NetworkModel;
      const flows = randomFlows(model, 1000, () => ctx.random());
      const l = ctx.latency(flows.length, (i) => explainFlow(model, flows[i].src, flows[i].dst, flows[i].protocol, flows[i].port));
      return { explainMedianMs: l.medianMs, explainP99Ms: l.p99Ms };
    },
  },
  ...cniStages("cilium"),
  ...cniStages("calico"),
];
