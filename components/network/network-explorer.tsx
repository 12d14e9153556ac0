"use client";
/**
 * The network explorer: the reachability graph, the namespace matrix, "trace a flow", exposure,
 * the policies and the raw objects, with the ipBlock semantics in force shown and switchable. Everything it shows is in
 * the URL (url-state.ts).
 */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { qs, useSourceQuery } from "@/components/api";
import { ObjectList } from "@/components/objects/object-list";
import { ExposureTab } from "./exposure-tab";
import { GraphTab } from "./graph-tab";
import { MatrixTab } from "./matrix-tab";
import { PoliciesTab } from "./policies-tab";
import { PolicyPanel } from "./policy-panel";
import { TraceTab } from "./trace-tab";
import type { NetworkMeta } from "@/lib/netpol/gaps";
import { readView, writeView, type CniChoice, type NetworkTab, type NetworkView, semanticsParams } from "./url-state";

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

const CNI_OPTIONS: { value: CniChoice; label: string }[] = [
  { value: "auto", label: "detect" },
  { value: "none", label: "Kubernetes only" },
  { value: "cilium", label: "Cilium" },
  { value: "calico", label: "Calico" },
  { value: "antrea", label: "Antrea" },
  { value: "ovn-kubernetes", label: "OVN-Kubernetes" },
  { value: "kube-router", label: "kube-router" },
  { value: "weave", label: "Weave Net" },
  { value: "aws-vpc-cni-policy", label: "AWS VPC CNI + policy agent" },
  { value: "aws-vpc-cni", label: "AWS VPC CNI (no policy agent)" },
  { value: "azure-npm", label: "Azure NPM" },
  { value: "flannel", label: "Flannel alone" },
];

/** Whose semantics the answers use (detected, or chosen here), why, and the ipBlock reading in force. */
function Semantics({ sourceId, view, go }: { sourceId: string; view: NetworkView; go: (v: NetworkView) => void }) {
  const res = useSourceQuery<{ meta: NetworkMeta }>(sourceId, `network/cni${qs({ ...semanticsParams(view) })}`);
  const cni = res.data?.meta.cni;
  const opt = (value: NetworkView["ipblock"], label: string, title: string) => (
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
    <div className="flex flex-col items-end gap-1 text-xs text-slate-600" data-testid="network-semantics" data-cni={cni?.id ?? ""} data-how={cni?.how ?? ""}>
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-1.5">
          <span>Semantics</span>
          <select
            aria-label="Whose network policy semantics apply"
            data-testid="cni-select"
            value={view.cni}
            onChange={(e) => go({ ...view, cni: e.target.value as CniChoice })}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs"
          >
            {CNI_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.value === "auto" && cni && view.cni === "auto" ? (cni.how === "chosen" ? `source setting (${cni.label})` : `detect (${cni.how === "detected" ? cni.label : "none found"})`) : o.label}
              </option>
            ))}
          </select>
        </label>
        <span title="Kubernetes leaves it to the CNI whether ipBlock peers also match pod addresses">ipBlock matches</span>
        <div role="radiogroup" aria-label="ipBlock semantics" data-testid="ipblock-semantics" data-value={view.ipblock} className="flex overflow-hidden rounded-md border border-slate-300">
          {opt("cni", `as the CNI does${cni ? ` (${res.data?.meta.ipBlockMatchesPods ? "pod IPs too" : "outside only"})` : ""}`, "Default: ipBlock rules match what the CNI in force matches (Calico: pod IPs too; Cilium: outside addresses only)")}
          {opt("outside", "outside only", "ipBlock rules match only addresses outside the pod network, as Cilium and netpol-analyzer do")}
          {opt("pods", "pod IPs too", "ipBlock rules also match pod IPs inside the range, as Calico does (--ipblock-matches-pods)")}
        </div>
      </div>
      {cni ? (
        <p className="max-w-3xl text-right text-slate-500" data-testid="cni-why">
          {cni.label}: {cni.why}
        </p>
      ) : null}
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
        <Semantics sourceId={sourceId} view={view} go={go} />
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
