"use client";
/**
 * The network explorer: the reachability graph, the namespace matrix, "trace a flow", exposure,
 * the policies and the raw objects, with the ipBlock semantics in force shown and switchable. Everything it shows is in
 * the URL (url-state.ts).
 */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { ObjectList } from "@/components/objects/object-list";
import { ExposureTab } from "./exposure-tab";
import { GraphTab } from "./graph-tab";
import { MatrixTab } from "./matrix-tab";
import { PoliciesTab } from "./policies-tab";
import { PolicyPanel } from "./policy-panel";
import { TraceTab } from "./trace-tab";
import { readView, writeView, type NetworkTab, type NetworkView } from "./url-state";

const TAB_LABELS: Record<NetworkTab, string> = { graph: "Graph", matrix: "Matrix", trace: "Trace a flow", exposure: "Exposure", policies: "Policies", objects: "Objects" };

/** The raw objects behind the answers, searchable. */
const OBJECT_TABS = [
  { key: "networkPolicies", label: "NetworkPolicies" },
  { key: "pods", label: "Pods" },
  { key: "workloads", label: "Workloads" },
  { key: "services", label: "Services" },
  { key: "ingresses", label: "Ingresses" },
  { key: "adminNetworkPolicies", label: "AdminNetworkPolicies" },
];

function Semantics({ view, go }: { view: NetworkView; go: (v: NetworkView) => void }) {
  const opt = (value: "outside" | "pods", label: string, title: string) => (
    <button
      type="button"
      role="radio"
      aria-checked={view.ipblock === value}
      title={title}
      onClick={() => go({ ...view, ipblock: value })}
      className={`px-2.5 py-1 text-xs font-medium ${view.ipblock === value ? "bg-slate-900 text-white" : "bg-white text-slate-600 hover:bg-slate-50"}`}
    >
      {label}
    </button>
  );
  return (
    <div className="flex items-center gap-2 text-xs text-slate-600" data-testid="ipblock-semantics" data-value={view.ipblock}>
      <span title="Kubernetes leaves it to the CNI whether ipBlock peers also match pod addresses">ipBlock matches</span>
      <div role="radiogroup" aria-label="ipBlock semantics" className="flex overflow-hidden rounded-md border border-slate-300">
        {opt("outside", "outside addresses only (Cilium)", "Default: ipBlock rules match only addresses outside the pod network, as Cilium and netpol-analyzer do")}
        {opt("pods", "pod IPs too (Calico)", "ipBlock rules also match pod IPs inside the range, as Calico does (--ipblock-matches-pods)")}
      </div>
    </div>
  );
}

export function NetworkExplorer({ sourceId }: { sourceId: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const sp = useSearchParams();
  const view = readView(new URLSearchParams(sp.toString()));
  const go = (next: NetworkView) => router.replace(`${pathname}?${writeView(next, new URLSearchParams(sp.toString()))}`, { scroll: false });
  const openPolicy = (id: string) => go({ ...view, policy: id });
  const closePolicy = () => go({ ...readView(new URLSearchParams(sp.toString())), policy: undefined });

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div role="tablist" aria-label="Network views" className="flex flex-wrap gap-1">
          {(Object.keys(TAB_LABELS) as NetworkTab[]).map((t) => (
            <button
              key={t}
              role="tab"
              type="button"
              aria-selected={view.tab === t}
              data-testid={`tab-${t}`}
              onClick={() => go({ ...view, tab: t })}
              className={`rounded-md px-3 py-1.5 text-sm font-medium ${view.tab === t ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100"}`}
            >
              {TAB_LABELS[t]}
            </button>
          ))}
        </div>
        <Semantics view={view} go={go} />
      </div>
      <div role="tabpanel" aria-label={TAB_LABELS[view.tab]}>
        {view.tab === "graph" ? <GraphTab sourceId={sourceId} view={view} go={go} openPolicy={openPolicy} /> : null}
        {view.tab === "matrix" ? <MatrixTab sourceId={sourceId} view={view} go={go} /> : null}
        {view.tab === "trace" ? <TraceTab sourceId={sourceId} view={view} go={go} openPolicy={openPolicy} /> : null}
        {view.tab === "exposure" ? <ExposureTab sourceId={sourceId} view={view} go={go} /> : null}
        {view.tab === "policies" ? <PoliciesTab sourceId={sourceId} view={view} openPolicy={openPolicy} /> : null}
        {view.tab === "objects" ? <ObjectList sourceId={sourceId} tabs={OBJECT_TABS} /> : null}
      </div>
      {view.policy ? <PolicyPanel sourceId={sourceId} view={view} go={go} onClose={closePolicy} /> : null}
    </div>
  );
}
