"use client";
/**
 * The RBAC explorer: who can do X, what can Y do (and through which binding), the access matrix of a
 * namespace, the RBAC findings, and the raw objects. The whole view lives in the URL.
 */
import { ObjectList } from "@/components/objects/object-list";
import { switchTab, type Tab } from "@/lib/rbac/explorer-url";
import { ExploreView } from "./explore-view";
import { FindingsView } from "./findings-view";
import { MatrixView } from "./matrix-view";
import { UnusedView } from "./usage/unused-view";
import { useExplorerState } from "./use-explorer-state";
import { WhoCanView } from "./who-can-view";

const TAB_LABELS: { tab: Tab; label: string }[] = [
  { tab: "who-can", label: "Who can" },
  { tab: "explore", label: "Subjects & roles" },
  { tab: "matrix", label: "Access matrix" },
  { tab: "findings", label: "Findings" },
  { tab: "unused", label: "Unused" },
  { tab: "objects", label: "Objects" },
];

const OBJECT_TABS = [
  { key: "clusterRoleBindings", label: "ClusterRoleBindings" },
  { key: "roleBindings", label: "RoleBindings" },
  { key: "clusterRoles", label: "ClusterRoles" },
  { key: "roles", label: "Roles" },
  { key: "serviceAccounts", label: "ServiceAccounts" },
];

export function RbacExplorer({ sourceId }: { sourceId: string }) {
  const [state, update] = useExplorerState();
  return (
    <div className="space-y-4">
      <nav role="tablist" aria-label="RBAC views" className="flex flex-wrap gap-1 border-b border-slate-200">
        {TAB_LABELS.map(({ tab, label }) => (
          <button
            key={tab}
            type="button"
            role="tab"
            aria-selected={state.tab === tab}
            data-testid={`rbac-tab-${tab}`}
            onClick={() => update(switchTab(state, tab))}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${state.tab === tab ? "border-accent text-accent" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {label}
          </button>
        ))}
      </nav>
      <div role="tabpanel" aria-label={TAB_LABELS.find((t) => t.tab === state.tab)?.label}>
        {state.tab === "who-can" ? <WhoCanView sourceId={sourceId} state={state} update={update} /> : null}
        {state.tab === "explore" ? <ExploreView sourceId={sourceId} state={state} update={update} /> : null}
        {state.tab === "matrix" ? <MatrixView sourceId={sourceId} state={state} update={update} /> : null}
        {state.tab === "findings" ? <FindingsView sourceId={sourceId} state={state} update={update} /> : null}
        {state.tab === "unused" ? <UnusedView sourceId={sourceId} state={state} update={update} /> : null}
        {state.tab === "objects" ? <ObjectList sourceId={sourceId} tabs={OBJECT_TABS} /> : null}
      </div>
    </div>
  );
}
