"use client";
import { visible } from "@/lib/output/terminal";
import { Name } from "../ui/name";

/** A clickable reference to a graph node (subject, binding, role, rule), coloured by kind as in the graph. */
const TONE: Record<string, string> = {
  User: "text-blue-700",
  Group: "text-violet-700",
  ServiceAccount: "text-teal-700",
  RoleBinding: "text-slate-600",
  ClusterRoleBinding: "text-slate-700",
  Role: "text-amber-700",
  ClusterRole: "text-amber-800",
  Rule: "text-slate-700",
};

export const KIND_SHORT: Record<string, string> = { User: "User", Group: "Group", ServiceAccount: "SA", RoleBinding: "RB", ClusterRoleBinding: "CRB", Role: "Role", ClusterRole: "CR", Rule: "Rule" };

export function NodeChip({ id, kind, label, ghost, onSelect, selected, title }: { id: string; kind: string; label: string; ghost?: boolean; onSelect?: (id: string) => void; selected?: boolean; title?: string }) {
  const cls = `inline-flex max-w-full items-baseline gap-1 rounded px-1 text-left ${ghost ? "border border-dashed border-slate-400 text-slate-500" : TONE[kind] ?? "text-slate-700"} ${selected ? "bg-accent-soft ring-1 ring-accent" : ""}`;
  const body = (
    <>
      <span className="shrink-0 text-[10px] font-semibold uppercase tracking-wide text-slate-600">{KIND_SHORT[kind] ?? kind}</span>
      <span className="break-all font-mono text-xs">
        <Name value={label} />
      </span>
      {ghost ? <span className="shrink-0 text-[10px] text-slate-500">missing</span> : null}
    </>
  );
  if (!onSelect) return <span className={cls} title={title ?? visible(label)}>{body}</span>;
  return (
    <button type="button" className={`${cls} hover:underline`} title={title ?? `Select ${kind} ${visible(label)}`} onClick={() => onSelect(id)} data-node={id}>
      {body}
    </button>
  );
}
