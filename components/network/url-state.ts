/**
 * The network explorer's view, kept in the URL so every view can be shared and reloaded: the tab,
 * the ipBlock semantics, the graph's focus and toggles, the flow being traced and the open policy.
 * Links from network findings carry `namespace`, `workload` (KIND/NAME), `direction`, `mode=exposure`,
 * `to` and `policy`; without an explicit `tab` they choose the view that answers them.
 */

export type NetworkTab = "graph" | "matrix" | "trace" | "exposure" | "policies" | "objects";
export const TABS: readonly NetworkTab[] = ["graph", "matrix", "trace", "exposure", "policies", "objects"];
export type Protocol = "TCP" | "UDP" | "SCTP";

/** `auto` detects the CNI; `none` is Kubernetes alone; or a CNI by name (lib/netpol/cni/profiles.ts). */
export type CniChoice = "auto" | "none" | "cilium" | "calico" | "antrea" | "ovn-kubernetes" | "kube-router" | "weave" | "aws-vpc-cni" | "aws-vpc-cni-policy" | "azure-npm" | "flannel";
const CNI_CHOICES: readonly CniChoice[] = ["auto", "none", "cilium", "calico", "antrea", "ovn-kubernetes", "kube-router", "weave", "aws-vpc-cni", "aws-vpc-cni-policy", "azure-npm", "flannel"];

export interface NetworkView {
  tab: NetworkTab;
  /** Whose semantics apply. */
  cni: CniChoice;
  /** `cni`: ipBlock matches pod IPs as the CNI does; `pods` / `outside`: forced. */
  ipblock: "cni" | "outside" | "pods";
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
  /** Cluster view and matrix grouping: a namespace label key, `@reach`, or (matrix) `namespace`. */
  by?: string;
  /** The namespace group opened in the cluster view. */
  group?: string;
  /** Matrix: sort, search and the page of rows and columns. */
  msort: "name" | "out" | "in" | "cluster";
  q?: string;
  rows: number;
  cols: number;
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
    cni: CNI_CHOICES.includes(sp.get("cni") as CniChoice) ? (sp.get("cni") as CniChoice) : "auto",
    ipblock: sp.get("ipblock") === "pods" ? "pods" : sp.get("ipblock") === "outside" ? "outside" : "cni",
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
    by: opt(sp.get("by")),
    group: opt(sp.get("group")),
    msort: (["out", "in", "cluster"] as const).find((x) => x === sp.get("msort")) ?? "name",
    q: opt(sp.get("q")),
    rows: page(sp.get("rows")),
    cols: page(sp.get("cols")),
  };
}

function page(v: string | null): number {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

const KEYS = ["tab", "cni", "ipblock", "namespace", "workload", "expand", "only", "hops", "direction", "exposure", "level", "edges", "node", "from", "to", "port", "protocol", "policy", "mode", "by", "group", "msort", "q", "rows", "cols"];

/** What each tab reads from the URL; everything else is dropped when the tab is written, so no view carries another's filters. */
const TAB_KEYS: Record<NetworkTab, readonly string[]> = {
  graph: ["namespace", "workload", "expand", "only", "hops", "direction", "exposure", "level", "edges", "node", "by", "group"],
  matrix: ["by", "msort", "q", "rows", "cols"],
  trace: ["from", "to", "port", "protocol"],
  exposure: ["namespace", "workload"],
  policies: ["namespace"],
  objects: [],
};

/** The URL for a view: the tab's own parameters only, defaults left out so links stay short. */
export function writeView(v: NetworkView, base = new URLSearchParams()): URLSearchParams {
  const sp = new URLSearchParams(base);
  for (const k of KEYS) sp.delete(k);
  sp.set("tab", v.tab);
  if (v.cni !== "auto") sp.set("cni", v.cni);
  if (v.ipblock !== "cni") sp.set("ipblock", v.ipblock);
  const own = new Set(TAB_KEYS[v.tab]);
  const set = (k: string, value: string) => {
    if (own.has(k)) sp.set(k, value);
  };
  if (v.namespace) set("namespace", v.namespace);
  if (v.namespace && v.workload) set("workload", v.workload);
  if (v.expand.length) set("expand", v.expand.join(","));
  if (v.only.length) set("only", v.only.join(","));
  if (v.hops !== 1) set("hops", String(v.hops));
  if (v.direction !== "both") set("direction", v.direction);
  if (!v.exposure) set("exposure", "0");
  if (v.level !== "auto") set("level", v.level);
  if (v.edges !== "auto") set("edges", v.edges);
  if (v.node) set("node", v.node);
  if (v.from) set("from", v.from);
  if (v.to) set("to", v.to);
  if (v.port) set("port", v.port);
  if (v.protocol !== "TCP") set("protocol", v.protocol);
  if (v.policy) sp.set("policy", v.policy);
  if (v.by) set("by", v.by);
  if (v.group) set("group", v.group);
  if (v.msort !== "name") set("msort", v.msort);
  if (v.q) set("q", v.q);
  if (v.rows) set("rows", String(v.rows));
  if (v.cols) set("cols", String(v.cols));
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
    by: v.by,
    ...semanticsParams(v),
  };
}

/** The semantics every network API query carries (defaults left out). */
export function semanticsParams(v: Pick<NetworkView, "cni" | "ipblock">): { cni?: string; ipblock?: string } {
  return { ...(v.cni !== "auto" ? { cni: v.cni } : {}), ...(v.ipblock !== "cni" ? { ipblock: v.ipblock } : {}) };
}

/** Focusing somewhere else resets what belonged to the previous focus. */
export function focusOn(v: NetworkView, namespace?: string, workload?: string): NetworkView {
  return { ...v, tab: "graph", namespace, workload: namespace ? workload : undefined, expand: [], only: [], node: undefined, level: "auto", ...(namespace ? {} : { group: undefined }) };
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
