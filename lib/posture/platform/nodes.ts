/**
 * Node facts: kubelet, OS and container runtime versions, out-of-support versions and kubelet
 * version skew. Findings are grouped per version (not per node) so a 500-node pool gives one
 * finding whose id stays the same as nodes come and go.
 */
import type { Finding, ResourceRef } from "../../findings/types";
import type { ClusterSnapshot, Node } from "../../model";
import { postureFinding } from "../finding";
import { CONTAINERD_END_OF_LIFE, KUBERNETES_END_OF_LIFE, endOfLife, minorKey, parseVersion, type Version } from "./versions";

/**
 * Kubelets may be up to three minor versions older than the API server (two before 1.28) and never
 * newer (kubernetes.io/releases/version-skew-policy), so nodes more than three minors apart cannot
 * all be within the skew of any one control plane.
 */
export const MAX_KUBELET_SKEW = 3;

export interface NodeFacts {
  name: string;
  kubelet?: string;
  osImage?: string;
  kernel?: string;
  runtime?: string;
  architecture?: string;
}

/** Version facts per node, as reported in Node status.nodeInfo. */
export function nodeFacts(snapshot: ClusterSnapshot): NodeFacts[] {
  return snapshot.nodes.map((n) => ({
    name: n.name,
    ...(n.kubeletVersion ? { kubelet: n.kubeletVersion } : {}),
    ...(n.osImage ? { osImage: n.osImage } : {}),
    ...(n.kernelVersion ? { kernel: n.kernelVersion } : {}),
    ...(n.containerRuntimeVersion ? { runtime: n.containerRuntimeVersion } : {}),
    ...(n.architecture ? { architecture: n.architecture } : {}),
  }));
}

export interface NodeCheckOptions {
  /** Compare support windows against this date (default: the snapshot's time). */
  now?: Date;
  kubernetesEndOfLife?: Readonly<Record<string, string>>;
  containerdEndOfLife?: Readonly<Record<string, string>>;
}

const nodeRef = (n: Node): ResourceRef => ({ kind: "Node", name: n.name });
const day = (d: Date) => d.toISOString().slice(0, 10);
const focus = (rule: string) => ({ view: "findings" as const, params: { category: "platform", rule } });

function groupBy<K>(nodes: readonly Node[], key: (n: Node) => K | undefined): Map<K, Node[]> {
  const out = new Map<K, Node[]>();
  for (const n of nodes) {
    const k = key(n);
    if (k === undefined) continue;
    const list = out.get(k) ?? [];
    list.push(n);
    out.set(k, list);
  }
  return out;
}

/** A container runtime version string `containerd://1.7.22`, `cri-o://1.29.1`, `docker://20.10.7`. */
export function parseRuntime(raw: string | undefined): { name: string; version?: Version } | undefined {
  const m = /^([a-z0-9.-]+):\/\/(.*)$/i.exec(raw ?? "");
  if (!m) return undefined;
  const version = parseVersion(m[2]);
  return { name: m[1].toLowerCase(), ...(version ? { version } : {}) };
}

function runtimeProblem(raw: string, now: string, containerdEol: Readonly<Record<string, string>>, k8sEol: Readonly<Record<string, string>>): string | undefined {
  const rt = parseRuntime(raw);
  if (!rt) return undefined;
  if (rt.name === "docker") return `${raw}: Docker Engine is only usable through cri-dockerd since dockershim was removed in Kubernetes 1.24`;
  if (!rt.version) return undefined;
  const table = rt.name === "containerd" ? containerdEol : rt.name === "cri-o" ? k8sEol : undefined;
  if (!table) return undefined;
  const eol = endOfLife(rt.version, table);
  return eol && eol < now ? `${raw}: ${rt.name} ${minorKey(rt.version)} reached end of life on ${eol}` : undefined;
}

/** Out-of-support kubelets, kubelet skew and outdated runtimes, one finding per version group. */
export function nodeChecks(snapshot: ClusterSnapshot, opts: NodeCheckOptions = {}): { findings: Finding[]; evaluated: Record<string, number> } {
  const now = day(opts.now ?? new Date(snapshot.takenAt));
  const k8sEol = opts.kubernetesEndOfLife ?? KUBERNETES_END_OF_LIFE;
  const containerdEol = opts.containerdEndOfLife ?? CONTAINERD_END_OF_LIFE;
  const findings: Finding[] = [];
  const versioned = snapshot.nodes.filter((n) => parseVersion(n.kubeletVersion));

  const byMinor = groupBy(versioned, (n) => minorKey(parseVersion(n.kubeletVersion)!));
  for (const [minor, nodes] of byMinor) {
    const eol = endOfLife(parseVersion(minor)!, k8sEol);
    if (!eol || eol >= now) continue;
    const yearsAgo = (Date.parse(now) - Date.parse(eol)) / (365 * 86_400_000);
    findings.push(
      postureFinding("PL-kubelet-unsupported", nodes.map(nodeRef), {
        idResources: [],
        discriminator: `kubelet ${minor}`,
        title: `Kubernetes ${minor} is out of support`,
        severity: yearsAgo >= 1 ? "high" : "medium",
        scope: "cluster",
        focus: focus("PL-kubelet-unsupported"),
        evidence: `${nodes.length} node(s) run kubelet ${[...new Set(nodes.map((n) => n.kubeletVersion))].join(", ")}; upstream maintenance of ${minor} ended on ${eol} (a managed offering may extend it)`,
        details: { minor, endOfLife: eol, nodes: nodes.map((n) => n.name) },
      }),
    );
  }

  const minors = [...byMinor.keys()].map((k) => parseVersion(k)!).sort((a, b) => a.major - b.major || a.minor - b.minor);
  if (minors.length > 1) {
    const oldest = minors[0];
    const newest = minors[minors.length - 1];
    const skew = newest.major === oldest.major ? newest.minor - oldest.minor : Infinity;
    if (skew > MAX_KUBELET_SKEW) {
      const oldNodes = byMinor.get(minorKey(oldest))!;
      findings.push(
        postureFinding("PL-version-skew", oldNodes.map(nodeRef), {
          idResources: [],
          discriminator: "kubelet-skew",
          scope: "cluster",
          focus: focus("PL-version-skew"),
          evidence: `kubelets range from ${minorKey(oldest)} to ${minorKey(newest)} (${skew} minor versions; at most ${MAX_KUBELET_SKEW} are supported below the API server)`,
          details: { versions: Object.fromEntries([...byMinor].map(([k, ns]) => [k, ns.map((n) => n.name)])) },
        }),
      );
    }
  }

  const byRuntime = groupBy(snapshot.nodes, (n) => n.containerRuntimeVersion);
  for (const [raw, nodes] of byRuntime) {
    const problem = runtimeProblem(raw, now, containerdEol, k8sEol);
    if (!problem) continue;
    findings.push(
      postureFinding("PL-runtime-outdated", nodes.map(nodeRef), {
        idResources: [],
        discriminator: raw,
        scope: "cluster",
        focus: focus("PL-runtime-outdated"),
        evidence: `${nodes.length} node(s): ${problem}`,
        details: { runtime: raw, nodes: nodes.map((n) => n.name) },
      }),
    );
  }

  return {
    findings,
    evaluated: {
      "PL-kubelet-unsupported": byMinor.size,
      "PL-version-skew": versioned.length ? 1 : 0,
      "PL-runtime-outdated": byRuntime.size,
    },
  };
}
