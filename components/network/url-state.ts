/**
 * The network explorer's view, kept in the URL so every view can be shared and reloaded: the tab,
 * the ipBlock semantics, the graph's focus and toggles, the flow being traced and the open policy.
 * Links from network findings carry `namespace`, `workload` (KIND/NAME), `direction`, `mode=exposure`,
 * `to` and `policy`; without an explicit `tab` they choose the view that answers them.
 */

export type NetworkTab = "graph" | "matrix" | "trace" | "exposure" | "policies" | "objects";
export const TABS: readonly NetworkTab[] = ["graph", "matrix", "trace", "exposure", "policies", "objects"];
export type Protocol = "TCP" | "UDP" | "SCTP";

export interface NetworkView {
  tab: NetworkTab;
  /** `pods`: ipBlock rules also match pod IPs (Calico). */
  ipblock: "outside" | "pods";
  namespace?: string;
  /** KIND/NAME inside `namespace` */
  workload?: string;
  expand: string[];
  only: string[];
  hops: number;
  direction: "both" | "ingress" | "egress";
  exposure: boolean;
  level: "auto" | "namespace";
  /** `all`: the cluster overview keeps the edges into namespaces open to everyone. */
  edges: "auto" | "all";
  /** Selected graph node id. */
  node?: string;
  from?: string;
  to?: string;
  port?: string;
  protocol: Protocol;
  policy?: string;
}

const list = (v: string | null) => (v ? v.split(",").filter(Boolean) : []);
const opt = (v: string | null) => (v ? v : undefined);

function inferTab(sp: URLSearchParams): NetworkTab {
  const t = sp.get("tab") as NetworkTab | null;
  if (t && TABS.includes(t)) return t;
  if (sp.get("policy")) return "policies";
  if (sp.get("mode") === "exposure") return "exposure";
  if (sp.get("from")) return "trace";
  if (sp.get("to")) return "exposure";
  return "graph";
}

export function readView(sp: URLSearchParams): NetworkView {
  const hops = Number(sp.get("hops"));
  const direction = sp.get("direction");
  const protocol = sp.get("protocol")?.toUpperCase();
  return {
    tab: inferTab(sp),
    ipblock: sp.get("ipblock") === "pods" ? "pods" : "outside",
    namespace: opt(sp.get("namespace")),
    workload: opt(sp.get("workload")),
    expand: list(sp.get("expand")),
    only: list(sp.get("only")),
    hops: hops >= 1 && hops <= 3 ? Math.floor(hops) : 1,
    direction: direction === "ingress" || direction === "egress" ? direction : "both",
    exposure: sp.get("exposure") !== "0",
    level: sp.get("level") === "namespace" ? "namespace" : "auto",
    edges: sp.get("edges") === "all" ? "all" : "auto",
    node: opt(sp.get("node")),
    from: opt(sp.get("from")),
    to: opt(sp.get("to")),
    port: opt(sp.get("port")),
    protocol: protocol === "UDP" || protocol === "SCTP" ? protocol : "TCP",
    policy: opt(sp.get("policy")),
  };
}

const KEYS = ["tab", "ipblock", "namespace", "workload", "expand", "only", "hops", "direction", "exposure", "level", "edges", "node", "from", "to", "port", "protocol", "policy", "mode"];

/** The URL for a view; defaults are left out so links stay short. */
export function writeView(v: NetworkView, base = new URLSearchParams()): URLSearchParams {
  const sp = new URLSearchParams(base);
  for (const k of KEYS) sp.delete(k);
  sp.set("tab", v.tab);
  if (v.ipblock === "pods") sp.set("ipblock", "pods");
  if (v.namespace) sp.set("namespace", v.namespace);
  if (v.namespace && v.workload) sp.set("workload", v.workload);
  if (v.expand.length) sp.set("expand", v.expand.join(","));
  if (v.only.length) sp.set("only", v.only.join(","));
  if (v.hops !== 1) sp.set("hops", String(v.hops));
  if (v.direction !== "both") sp.set("direction", v.direction);
  if (!v.exposure) sp.set("exposure", "0");
  if (v.level !== "auto") sp.set("level", v.level);
  if (v.edges !== "auto") sp.set("edges", v.edges);
  if (v.node) sp.set("node", v.node);
  if (v.from) sp.set("from", v.from);
  if (v.to) sp.set("to", v.to);
  if (v.port) sp.set("port", v.port);
  if (v.protocol !== "TCP") sp.set("protocol", v.protocol);
  if (v.policy) sp.set("policy", v.policy);
  return sp;
}

/** The graph API's query for a view. */
export function graphParams(v: NetworkView): Record<string, string | number | undefined> {
  return {
    namespace: v.namespace,
    workload: v.namespace ? v.workload : undefined,
    expand: v.expand.join(",") || undefined,
    only: v.only.join(",") || undefined,
    hops: v.hops === 1 ? undefined : v.hops,
    direction: v.direction === "both" ? undefined : v.direction,
    exposure: v.exposure ? undefined : "0",
    level: v.level === "auto" ? undefined : v.level,
    ipblock: v.ipblock === "pods" ? "pods" : undefined,
  };
}

/** Focusing somewhere else resets what belonged to the previous focus. */
export function focusOn(v: NetworkView, namespace?: string, workload?: string): NetworkView {
  return { ...v, tab: "graph", namespace, workload: namespace ? workload : undefined, expand: [], only: [], node: undefined, level: "auto" };
}

export const OUTSIDE = "(outside)";

/** A matrix cell opens the graph on that pair: from's workloads and what they reach in `to` (or what reaches `to` from outside). */
export function pairView(v: NetworkView, from: string, to: string): NetworkView {
  const base = { ...v, tab: "graph" as const, workload: undefined, node: undefined, level: "auto" as const, hops: 1 };
  if (from === OUTSIDE) return { ...base, namespace: to, expand: [], only: [to], direction: "ingress", exposure: true };
  if (to === OUTSIDE) return { ...base, namespace: from, expand: [], only: [from], direction: "egress", exposure: true };
  return { ...base, namespace: from, expand: from === to ? [] : [to], only: from === to ? [from] : [to], direction: "egress", exposure: false };
}

/** `ns/Kind/name` graph ids and the workloads page's parameters. */
export function workloadOfNode(id: string): { namespace: string; kind: string; name: string } | undefined {
  const m = /^w:([^/]+)\/([^/]+)\/(.+)$/.exec(id);
  return m ? { namespace: m[1], kind: m[2], name: m[3] } : undefined;
}
