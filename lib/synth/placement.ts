/**
 * Nodes and pods: each node owns a /22 of the cluster pod CIDR (10.64.0.0/12, as a CNI with per-node
 * IPAM blocks allocates it); pods are scheduled onto workers and take the next address of their node;
 * host-network pods use the node's own address. A few pods are Pending (no node, no IP) or crash-looping.
 */
import { Rng } from "./random";
import type { ClusterShape } from "./shapes";
import type { AppPlan, NamespacePlan, NodePlan, PodPlan } from "./types";
import { INSTANCE_TYPES, KUBELET_VERSIONS, ZONES } from "./vocabulary";

const POD_CIDR_BASE = (10 << 24) | (64 << 16); // 10.64.0.0/12
const NODE_BLOCK = 1024; // /22 per node

/** Dotted-quad text of a 32-bit IPv4 address. */
export function ipv4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** Nodes: one control-plane node on small clusters, three from 10 nodes up; the rest are workers. */
export function planNodes(seed: number, shape: ClusterShape): NodePlan[] {
  const rng = Rng.for(seed, "nodes");
  const controlPlanes = shape.nodes >= 10 ? 3 : 1;
  const nodes: NodePlan[] = [];
  for (let i = 0; i < shape.nodes; i++) {
    const ip = `10.0.${16 + Math.floor(i / 250)}.${(i % 250) + 4}`;
    const cp = i < controlPlanes;
    nodes.push({
      name: `ip-${ip.replaceAll(".", "-")}.eu-west-1.compute.internal`,
      controlPlane: cp,
      zone: ZONES[i % ZONES.length],
      instanceType: cp ? "m6i.xlarge" : rng.pick(INSTANCE_TYPES),
      internalIP: ip,
      podCIDR: `${ipv4(POD_CIDR_BASE + i * NODE_BLOCK)}/22`,
      kubeletVersion: cp ? KUBELET_VERSIONS[0][0] : rng.weighted(KUBELET_VERSIONS),
      ageDays: rng.int(3, 400),
    });
  }
  return nodes;
}

/** How many pods an app will have once placed (DaemonSets depend on the node count). */
export function podCount(app: AppPlan, nodes: readonly NodePlan[]): number {
  switch (app.kind) {
    case "DaemonSet":
      return app.daemonNodes === "workers" ? nodes.filter((n) => !n.controlPlane).length : nodes.length;
    case "StaticPod":
      return nodes.filter((n) => n.controlPlane).length;
    default:
      return app.replicas;
  }
}

class Scheduler {
  private readonly used: number[];
  private readonly workers: number[];
  constructor(
    private readonly nodes: readonly NodePlan[],
    private readonly rng: Rng,
  ) {
    this.used = nodes.map(() => 0);
    this.workers = nodes.map((n, i) => (n.controlPlane ? -1 : i)).filter((i) => i >= 0);
    if (this.workers.length === 0) this.workers = nodes.map((_, i) => i);
  }

  /** A pod on `node` (or a random worker): its address, or the node's when on the host network. */
  place(name: string, app: AppPlan, node?: number, phase: PodPlan["phase"] = "Running"): PodPlan {
    const teamPod = node === undefined && app.tier !== "system";
    if (teamPod && phase === "Running" && this.rng.chance(0.01)) return { name, node: -1, ip: null, phase: "Pending" };
    let n = node ?? this.workers[Math.floor(this.rng.next() * this.workers.length)];
    if (!app.hardening.hostNetwork) {
      for (let tries = 0; this.used[n] >= NODE_BLOCK - 4 && tries < this.nodes.length; tries++) n = (n + 1) % this.nodes.length;
    }
    const ip = app.hardening.hostNetwork ? this.nodes[n].internalIP : ipv4(POD_CIDR_BASE + n * NODE_BLOCK + 2 + this.used[n]++);
    const pod: PodPlan = { name, node: n, ip, phase };
    if (teamPod && phase === "Running" && this.rng.chance(0.005)) pod.crashLooping = true;
    return pod;
  }
}

/** Creates every pod of every app (names as their controllers would generate them) and places it. */
export function placePods(seed: number, nodes: readonly NodePlan[], namespaces: readonly NamespacePlan[]): void {
  const rng = Rng.for(seed, "placement");
  const scheduler = new Scheduler(nodes, rng);
  const nodeIndexes = (which: "all" | "workers" | "control-plane") =>
    nodes.map((n, i) => ((which === "all" || (which === "workers") !== n.controlPlane) ? i : -1)).filter((i) => i >= 0);
  for (const ns of namespaces) {
    for (const app of ns.apps) {
      const suffixes = new Set<string>();
      const suffix = () => {
        let s = rng.token(5);
        while (suffixes.has(s)) s = rng.token(5);
        suffixes.add(s);
        return s;
      };
      switch (app.kind) {
        case "Deployment": {
          const rs = app.revisions[app.revisions.length - 1];
          for (let i = 0; i < app.replicas; i++) rs.pods.push(scheduler.place(`${app.name}-${rs.hash}-${suffix()}`, app));
          break;
        }
        case "StatefulSet":
          for (let i = 0; i < app.replicas; i++) app.pods.push(scheduler.place(`${app.name}-${i}`, app));
          break;
        case "DaemonSet":
          for (const n of nodeIndexes(app.daemonNodes ?? "all")) app.pods.push(scheduler.place(`${app.name}-${suffix()}`, app, n));
          break;
        case "StaticPod":
          for (const n of nodeIndexes("control-plane")) app.pods.push(scheduler.place(`${app.name}-${nodes[n].name}`, app, n));
          break;
        case "CronJob":
          for (let i = 0; i < app.replicas; i++) {
            const job = `${app.name}-${29_000_000 - i * 60 - rng.int(0, 59)}`;
            app.jobs.push({ name: job, pods: [scheduler.place(`${job}-${suffix()}`, app, undefined, "Succeeded")] });
          }
          break;
      }
    }
  }
}
