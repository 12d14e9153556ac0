"use client";
/** A flow endpoint field with completion from the snapshot (workloads, pods, Services, addresses), and the port field offering the destination's ports. */
import { useDeferredValue } from "react";
import { qs, useSourceQuery } from "@/components/api";
import type { EndpointSuggestion, PortSuggestion } from "@/lib/netpol/completion";

interface Completion {
  endpoints: EndpointSuggestion[];
  ports: PortSuggestion[];
}

export function EndpointInput({ sourceId, role, label, value, onChange }: { sourceId: string; role: "source" | "destination"; label: string; value: string; onChange: (v: string) => void }) {
  const q = useDeferredValue(value);
  const res = useSourceQuery<Completion>(sourceId, `network/complete${qs({ q, role })}`, { placeholderData: (prev) => prev, staleTime: 60_000 });
  const listId = `network-${role}-options`;
  return (
    <label className="flex min-w-64 flex-1 flex-col gap-1 text-xs font-medium text-slate-600">
      {label}
      <input
        list={listId}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={role === "source" ? "namespace/workload, namespace/pod or an IP" : "namespace/workload, namespace/service/NAME or an IP"}
        aria-label={label}
        autoComplete="off"
        spellCheck={false}
        className="rounded-md border border-slate-300 px-2 py-1.5 font-mono text-sm text-slate-900"
      />
      <datalist id={listId}>
        {(res.data?.endpoints ?? []).map((s) => (
          <option key={s.value} value={s.value}>
            {`${s.kind}${s.detail ? ` · ${s.detail}` : ""}`}
          </option>
        ))}
      </datalist>
    </label>
  );
}

/** The ports a destination declares (container ports, or a Service's ports). */
export function useDestinationPorts(sourceId: string, destination: string): PortSuggestion[] {
  const to = useDeferredValue(destination.trim());
  const res = useSourceQuery<Completion>(sourceId, `network/complete${qs({ limit: 1, ports: to })}`, { enabled: !!to, staleTime: 60_000 });
  return res.data?.ports ?? [];
}

export function PortInput({ ports, value, onChange }: { ports: PortSuggestion[]; value: string; onChange: (v: string) => void }) {
  return (
    <label className="flex w-28 flex-col gap-1 text-xs font-medium text-slate-600">
      Port
      <input
        list="network-port-options"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={ports[0] ? String(ports[0].port) : "8080"}
        aria-label="Port"
        autoComplete="off"
        className="rounded-md border border-slate-300 px-2 py-1.5 font-mono text-sm text-slate-900"
      />
      <datalist id="network-port-options">
        {ports.map((p) => (
          <option key={`${p.protocol}${p.port}`} value={String(p.port)}>
            {`${p.protocol}${p.name ? ` "${p.name}"` : ""}${p.detail ? ` · ${p.detail}` : ""}`}
          </option>
        ))}
      </datalist>
    </label>
  );
}
