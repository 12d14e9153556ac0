"use client";
/** "Trace a flow": from, to, port, protocol → the verdict, each side's chain of policies, and the flow's graph with the deciding policies highlighted. */
import { useState } from "react";
import type { TraceResponse } from "@/lib/contracts";
import { qs, useSourceQuery } from "@/components/api";
import { GraphView } from "@/components/graph/graph-view";
import { Badge } from "@/components/ui/badge";
import { ErrorState, Loading } from "@/components/ui/states";
import type { Decider, LayerStep, SideExplanation } from "@/lib/netpol/explain";
import { policyId } from "@/lib/netpol/policy-id";
import type { SidePolicy } from "@/lib/netpol/trace-view";
import { Gaps, PolicyChip } from "./controls";
import { FlowFixPanel } from "./flow-fix";
import { ChoiceChanges } from "./trace-choice";
import { EndpointInput, PortInput, useDestinationPorts } from "./endpoint-input";
import { focusOn, type NetworkView, type Protocol, semanticsParams } from "./url-state";


const DECIDER: Record<Decider, string> = {
  "outside-cluster": "outside the cluster: nothing to enforce",
  "same-pod": "the pod itself",
  "host-network": "host network: no policy applies",
  admin: "an AdminNetworkPolicy rule",
  "network-policy": "NetworkPolicy",
  baseline: "the BaselineAdminNetworkPolicy",
  default: "no policy: allowed by default",
  rule: "a rule of the CNI's policies",
  "layer-default": "isolation: no rule admits it",
  unenforced: "the CNI enforces no policy",
};

function TraceForm({ sourceId, view, go }: { sourceId: string; view: NetworkView; go: (v: NetworkView) => void }) {
  const [from, setFrom] = useState(view.from ?? "");
  const [to, setTo] = useState(view.to ?? "");
  const [port, setPort] = useState(view.port ?? "");
  const [protocol, setProtocol] = useState<Protocol>(view.protocol);
  const ready = from.trim() && to.trim() && port.trim();
  const ports = useDestinationPorts(sourceId, to);
  return (
    <form
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-3"
      aria-label="Trace a flow"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) go({ ...view, tab: "trace", from: from.trim(), to: to.trim(), port: port.trim(), protocol });
      }}
    >
      <div className="flex flex-wrap items-end gap-3">
        <EndpointInput sourceId={sourceId} role="source" label="From" value={from} onChange={setFrom} />
        <button
          type="button"
          title="Swap source and destination"
          aria-label="Swap source and destination"
          className="mb-1 rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-600 hover:bg-slate-50"
          onClick={() => {
            setFrom(to);
            setTo(from);
          }}
        >
          ⇄
        </button>
        <EndpointInput sourceId={sourceId} role="destination" label="To" value={to} onChange={setTo} />
        <PortInput ports={ports} value={port} onChange={setPort} />
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Protocol
          <select aria-label="Protocol" value={protocol} onChange={(e) => setProtocol(e.target.value as Protocol)} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900">
            <option>TCP</option>
            <option>UDP</option>
            <option>SCTP</option>
          </select>
        </label>
        <button type="submit" disabled={!ready} className="rounded-md bg-accent px-4 py-1.5 text-sm font-medium text-white hover:opacity-90 disabled:opacity-40">
          Trace
        </button>
      </div>
      {ports.length ? (
        <p className="flex flex-wrap items-center gap-1 text-xs text-slate-600" data-testid="destination-ports">
          Ports of {to.trim()}:
          {ports.map((p) => (
            <button
              key={`${p.protocol}${p.port}`}
              type="button"
              onClick={() => {
                setPort(String(p.port));
                setProtocol(p.protocol);
              }}
              className="rounded border border-slate-200 px-1.5 py-0.5 font-mono hover:border-accent hover:text-accent"
            >
              {p.protocol === "TCP" ? "" : `${p.protocol} `}
              {p.port}
              {p.name ? ` ${p.name}` : ""}
            </button>
          ))}
        </p>
      ) : null}
    </form>
  );
}

const OUTCOME: Record<LayerStep["outcome"], { text: string; tone: "ok" | "critical" | "neutral" }> = {
  allow: { text: "allows", tone: "ok" },
  deny: { text: "denies", tone: "critical" },
  pass: { text: "passes it on", tone: "neutral" },
  "default-deny": { text: "isolated: no rule allows it", tone: "critical" },
  next: { text: "no rule matched", tone: "neutral" },
};

/** The walk through the CNI's layers (Cilium deny then allow rules; Calico tiers in order). */
function LayerWalk({ side, openPolicy }: { side: SideExplanation; openPolicy: (id: string) => void }) {
  if (!side.layers?.length) return null;
  return (
    <ol className="space-y-1 text-xs" data-testid="layer-walk">
      {side.layers.map((step, i) => (
        <li key={`${step.layer}${i}`} className="flex flex-wrap items-center gap-1.5" data-outcome={step.outcome}>
          <span className="font-semibold text-slate-700">{step.layer}</span>
          <Badge tone={OUTCOME[step.outcome].tone}>{OUTCOME[step.outcome].text}</Badge>
          {step.rule ? (
            <span>
              <PolicyChip id={policyId(step.rule.kind, step.rule.policy, step.rule.namespace)} label={`${step.rule.namespace ? `${step.rule.namespace}/` : ""}${step.rule.policy}`} deciding={step.outcome !== "pass"} onOpen={openPolicy} /> rule {step.rule.index + 1}
              {step.rule.name ? ` "${step.rule.name}"` : ""} ({step.rule.path}) → {step.rule.action}
            </span>
          ) : (
            <span className="text-slate-500">{step.policies.join(", ")}</span>
          )}
        </li>
      ))}
    </ol>
  );
}

function Side({ side, policies, title, openPolicy }: { side: SideExplanation; policies: SidePolicy[]; title: string; openPolicy: (id: string) => void }) {
  const isolating = policies.filter((p) => p.roles.includes("isolates"));
  const deciding = (id: string) => policies.find((p) => p.id === id)?.deciding;
  const npDenied = (side.decidedBy === "network-policy" || side.decidedBy === "layer-default") && !side.allowed;
  return (
    <section className={`space-y-2 rounded-lg border bg-white p-4 text-sm ${side.allowed ? "border-slate-200" : "border-red-300"}`} data-testid={`trace-${side.direction}`} aria-label={title}>
      <header className="flex flex-wrap items-center gap-2">
        <h3 className="font-semibold text-slate-900">{title}</h3>
        <Badge tone={side.allowed ? "ok" : "critical"}>{side.allowed ? "allowed" : "denied"}</Badge>
        <span className="text-xs text-slate-500">decided by {DECIDER[side.decidedBy]}</span>
      </header>
      <p className="text-slate-800" data-testid="side-reason">
        {npDenied && side.closest.length ? side.reason.replace(/ Closest: .*$/s, "") : side.reason}
      </p>
      <LayerWalk side={side} openPolicy={openPolicy} />
      {side.adminPolicies.length ? (
        <p className="text-xs text-slate-600">
          Admin policies selecting {side.subject}: {side.adminPolicies.join(", ")}
        </p>
      ) : null}
      {side.adminRule ? (
        <div className="text-xs">
          <span className="font-semibold text-slate-700">Admin rule: </span>
          <PolicyChip id={`${side.adminRule.kind}/${side.adminRule.policy}`} label={side.adminRule.policy} deciding={deciding(`${side.adminRule.kind}/${side.adminRule.policy}`)} onOpen={openPolicy} /> rule &quot;{side.adminRule.name}&quot; ({side.adminRule.path}) → {side.adminRule.action}
        </div>
      ) : null}
      {isolating.length ? (
        <div data-testid="isolated-by">
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Isolated by</h4>
          <div className="mt-1 flex flex-wrap gap-1">
            {isolating.map((p) => (
              <PolicyChip key={p.id} id={p.id} label={`${p.namespace ? `${p.namespace}/` : ""}${p.name}`} deciding={p.deciding} onOpen={openPolicy} />
            ))}
          </div>
        </div>
      ) : null}
      {side.allowedBy.length ? (
        <div>
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Admitted by</h4>
          <ul className="mt-1 space-y-1 text-xs">
            {side.allowedBy.map((r) => (
              <li key={`${r.policy}${r.index}`}>
                <PolicyChip id={policyId(r.kind, r.policy, r.namespace)} label={`${r.namespace ? `${r.namespace}/` : ""}${r.policy}`} deciding onOpen={openPolicy} /> rule {r.index + 1} ({r.path}): {r.peers}; {r.ports}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {npDenied ? (
        <div className="rounded-md bg-red-50 px-3 py-2 text-xs text-red-950" data-testid="no-rule-admits">
          <p className="font-semibold">No rule admits this flow.</p>
          {side.closest.length ? (
            <ul className="mt-1 list-disc space-y-0.5 pl-4">
              {side.closest.map((m) => (
                <li key={`${m.rule.policy}${m.rule.index}`}>Closest: {m.reason}</li>
              ))}
            </ul>
          ) : (
            <p className="mt-1">No rule of these policies matches this peer or this port.</p>
          )}
        </div>
      ) : null}
      {side.baselineRule ? (
        <div className="text-xs">
          <span className="font-semibold text-slate-700">Baseline rule: </span>
          <PolicyChip id={`${side.baselineRule.kind}/${side.baselineRule.policy}`} label={side.baselineRule.policy} deciding onOpen={openPolicy} /> &quot;{side.baselineRule.name}&quot; ({side.baselineRule.path}) → {side.baselineRule.action}
        </div>
      ) : null}
    </section>
  );
}

function Result({ sourceId, view, go, openPolicy }: { sourceId: string; view: NetworkView; go: (v: NetworkView) => void; openPolicy: (id: string) => void }) {
  const res = useSourceQuery<TraceResponse>(sourceId, `network/trace${qs({ from: view.from, to: view.to, port: view.port, protocol: view.protocol, ...semanticsParams(view) })}`);
  if (res.isPending) return <Loading label="Tracing…" />;
  if (res.isError) return <ErrorState title="This flow could not be traced" error={res.error} />;
  const t = res.data;
  const a = t.answer;
  const dstNs = a.dst.includes("/") ? a.dst.split("/")[0] : undefined;
  return (
    <div className="space-y-3">
      <Gaps meta={t.meta} />
      <div className={`flex flex-wrap items-center gap-3 rounded-lg border px-4 py-3 ${a.allowed ? "border-emerald-300 bg-emerald-50" : "border-red-300 bg-red-50"}`} data-testid="trace-verdict" data-allowed={String(a.allowed)}>
        <span className={`text-lg font-bold ${a.allowed ? "text-emerald-800" : "text-red-800"}`}>{a.allowed ? "ALLOWED" : "BLOCKED"}</span>
        {a.complete === false ? (
          <span className="rounded border border-amber-400 bg-amber-50 px-1.5 py-0.5 text-xs font-semibold text-amber-900" data-testid="trace-incomplete" title="Something Clearance does not evaluate could change this verdict">
            incomplete
          </span>
        ) : null}
        <span className="font-mono text-sm text-slate-900">
          {a.from} → {a.to} {a.protocol} {a.port}
          {a.service ? ` (Service port ${a.service.port} → ${a.dst}:${a.port})` : ""}
        </span>
        {dstNs ? (
          <button type="button" className="ml-auto text-xs text-accent hover:underline" onClick={() => go(focusOn(view, dstNs))}>
            Show {dstNs} in the graph
          </button>
        ) : null}
      </div>
      {a.cni ? (
        <p className="text-xs text-slate-600" data-testid="trace-cni">
          Semantics: <span className="font-semibold">{a.cni.label}</span> ({a.cni.how}: {a.cni.why})
        </p>
      ) : null}
      {a.alternatives?.length ? <ChoiceChanges answer={a} choose={(cni) => go({ ...view, cni })} /> : null}
      {a.incomplete?.length ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-950" data-testid="trace-incomplete-reasons">
          <p className="font-semibold">Not evaluated, and could change this verdict:</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-4">
            {a.incomplete.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="grid gap-3 lg:grid-cols-2">
        <Side side={a.egress} policies={t.egress} title={`Egress from ${a.egress.subject ?? a.src}`} openPolicy={openPolicy} />
        <Side side={a.ingress} policies={t.ingress} title={`Ingress to ${a.ingress.subject ?? a.dst}`} openPolicy={openPolicy} />
      </div>
      {!a.allowed && !a.service && view.from && view.to ? <FlowFixPanel sourceId={sourceId} from={view.from} to={view.to} port={a.port} protocol={a.protocol} ipblock={view.ipblock === "pods" ? "pods" : undefined} /> : null}
      <div data-testid="trace-graph" data-highlighted={t.highlight.join(" ")} data-allowed={String(a.allowed)}>
        <GraphView
          graph={t.graph}
          layout="columns"
          onSelect={(id) => {
            const m = id ? /^policy:(.+):(ingress|egress)$/.exec(id) : null;
            if (m) openPolicy(m[1]);
          }}
          legend={<span>Amber: the policies that decided · click a policy to read it</span>}
          className="h-[320px] w-full"
        />
      </div>
      {a.service ? (
        <div className="rounded-lg border border-slate-200 bg-white p-3 text-xs">
          <h4 className="font-semibold text-slate-700">Backends of Service {a.service.name}</h4>
          <ul className="mt-1 space-y-0.5 font-mono">
            {a.service.backends.map((b) => (
              <li key={b.pod}>
                {b.pod}
                {b.port ? `:${b.port}` : " (target port not declared)"} — {b.allowed ? "allowed" : "blocked"}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {a.notes.length ? (
        <ul className="list-disc space-y-0.5 pl-5 text-xs text-slate-600">
          {a.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function TraceTab({ sourceId, view, go, openPolicy }: { sourceId: string; view: NetworkView; go: (v: NetworkView) => void; openPolicy: (id: string) => void }) {
  const asked = view.from && view.to && view.port;
  return (
    <div className="space-y-3">
      <TraceForm key={`${view.from}|${view.to}|${view.port}|${view.protocol}`} sourceId={sourceId} view={view} go={go} />
      {asked ? (
        <Result sourceId={sourceId} view={view} go={go} openPolicy={openPolicy} />
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
          Name a source and a destination — a workload (<span className="font-mono">namespace/name</span>), a pod, a Service as destination (<span className="font-mono">namespace/service/name</span>) or an IP address — and a port. The answer says which policies isolate each side, which rule admits the flow, or what came closest.
        </p>
      )}
    </div>
  );
}
