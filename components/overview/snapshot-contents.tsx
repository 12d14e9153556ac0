"use client";
/** What the snapshot holds: counts by kind, by namespace, and what could not be read. */
import Link from "next/link";
import { useSourceQuery } from "@/components/api";
import { Badge } from "@/components/ui/badge";
import { Card, Stat } from "@/components/ui/card";
import { ErrorState, Loading } from "@/components/ui/states";
import { NamespaceTable } from "./namespace-table";
import type { SnapshotSummary } from "@/lib/model";

const MAIN: [string, string, string][] = [
  ["namespaces", "Namespaces", ""],
  ["pods", "Pods", "network"],
  ["workloads", "Workloads", "network"],
  ["services", "Services", "network"],
  ["networkPolicies", "NetworkPolicies", "network"],
  ["serviceAccounts", "ServiceAccounts", "rbac"],
  ["roles", "Roles", "rbac"],
  ["clusterRoles", "ClusterRoles", "rbac"],
  ["roleBindings", "RoleBindings", "rbac"],
  ["clusterRoleBindings", "ClusterRoleBindings", "rbac"],
  ["ingresses", "Ingresses", "network"],
  ["nodes", "Nodes", ""],
];

const NS_COLS: [string, string][] = [
  ["pods", "Pods"],
  ["workloads", "Workloads"],
  ["services", "Services"],
  ["networkPolicies", "NetPols"],
  ["serviceAccounts", "SAs"],
  ["roles", "Roles"],
  ["roleBindings", "Bindings"],
];

export function SnapshotContents({ sourceId }: { sourceId: string }) {
  const { data, error, isPending } = useSourceQuery<SnapshotSummary>(sourceId, "summary");
  if (isPending) return <Loading />;
  if (error) return <ErrorState error={error} />;
  const base = `/c/${encodeURIComponent(sourceId)}`;
  return (
    <div className="space-y-4">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-6" data-testid="kind-counts">
        {MAIN.map(([key, label, section]) => (
          <div key={key} data-testid={`count-${key}`}>
            <Stat
              label={label}
              value={data.counts[key] ?? 0}
              hint={key === "pods" && data.synthesizedPods ? `${data.podReplicas} with replicas` : undefined}
              href={section ? `${base}/${section}` : undefined}
            />
          </div>
        ))}
      </div>
      <NamespaceTable namespaces={data.namespaces} columns={NS_COLS} />
      <Problems summary={data} />
      {Object.keys(data.ignored).length ? (
        <p className="text-xs text-slate-500">
          Read but not analysed: {Object.entries(data.ignored).map(([k, n]) => `${n} ${k}`).join(", ")}. Secret contents are never read.
        </p>
      ) : null}
      <p className="text-xs text-slate-500">
        Source: {data.source.label} ({data.source.type}). <Link href={`${base}/findings`} className="underline">Findings</Link>
      </p>
    </div>
  );
}

function Problems({ summary }: { summary: SnapshotSummary }) {
  const issues = summary.issues.filter((i) => i.severity !== "info");
  if (issues.length === 0 && summary.unavailable.length === 0) return null;
  return (
    <div id="problems">
      <Card title={`What could not be read (${issues.length + summary.unavailable.length})`}>
        <ul className="space-y-1.5 text-sm" data-testid="problems">
          {summary.unavailable.map((u) => (
            <li key={u.resource} className="flex gap-2">
              <Badge tone="medium">{u.state}</Badge>
              <span>
                <strong>{u.resource}</strong>
                {u.message ? `: ${u.message}` : ""}
              </span>
            </li>
          ))}
          {issues.map((i, n) => (
            <li key={n} className="flex gap-2">
              <Badge tone={i.severity === "error" ? "critical" : "medium"}>{i.severity}</Badge>
              <span className="min-w-0">
                <span className="font-mono text-xs text-slate-600">
                  {i.source}
                  {i.document !== undefined ? ` · doc ${i.document}` : ""}
                  {i.item !== undefined ? ` · item ${i.item}` : ""}
                  {i.line !== undefined ? ` · line ${i.line}` : ""}
                </span>{" "}
                {i.kind ? (
                  <strong>
                    {i.kind} {i.namespace ? `${i.namespace}/` : ""}
                    {i.name}
                  </strong>
                ) : null}{" "}
                {i.message}
              </span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
