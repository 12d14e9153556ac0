"use client";
/** Small controls the network explorer's tabs share: toggles, chips that open a policy, the partial-data notice. */
import { Badge } from "@/components/ui/badge";
import { Notice } from "@/components/ui/states";
import type { NetworkMeta } from "@/lib/netpol/gaps";
import type { GuardWord } from "./display";

export { Toggle } from "@/components/ui/toggle";

const KIND_TAGS: Record<string, string> = {
  AdminNetworkPolicy: "ANP",
  BaselineAdminNetworkPolicy: "BANP",
  ClusterNetworkPolicy: "CNP",
  CiliumNetworkPolicy: "Cilium",
  CiliumClusterwideNetworkPolicy: "CCNP",
  GlobalNetworkPolicy: "GNP",
  "NetworkPolicy.projectcalico.org": "Calico",
};

/** A short tag for a policy kind on its chip (none for a Kubernetes NetworkPolicy). */
export function kindTag(kind: string): string {
  return KIND_TAGS[kind] ?? (kind.startsWith("Staged") ? "staged" : kind);
}

export function PolicyChip({ id, label, deciding, onOpen, title }: { id: string; label?: string; deciding?: boolean; onOpen: (id: string) => void; title?: string }) {
  const text = label ?? id.split("/").slice(1).join("/");
  return (
    <button
      type="button"
      data-testid="policy-chip"
      data-policy={id}
      data-deciding={deciding ? "true" : undefined}
      title={title ?? `Open ${id.split("/")[0]} ${text}`}
      onClick={() => onOpen(id)}
      className={`inline-flex items-center gap-1 rounded border px-1.5 py-0.5 font-mono text-xs hover:border-accent hover:text-accent ${deciding ? "border-amber-400 bg-amber-50 text-amber-950" : "border-slate-200 bg-white text-slate-800"}`}
    >
      {id.startsWith("NetworkPolicy/") ? null : <span className="font-sans text-[10px] uppercase text-violet-700">{kindTag(id.slice(0, id.indexOf("/")))}</span>}
      {text}
    </button>
  );
}

const GUARD_TONE = { isolated: "ok", partial: "medium", unprotected: "critical" } as const;
const GUARD_TEXT = { isolated: "isolated", partial: "partly isolated", unprotected: "unprotected" } as const;

export function GuardBadge({ guard, direction }: { guard: GuardWord; direction?: string }) {
  return (
    <Badge tone={GUARD_TONE[guard]} title={guard === "unprotected" ? "no policy selects it: every connection is allowed" : undefined}>
      {direction ? `${direction} ` : ""}
      {GUARD_TEXT[guard]}
    </Badge>
  );
}

/** What a partial snapshot hides from the network answers. */
export function Gaps({ meta }: { meta?: NetworkMeta }) {
  const incomplete = meta?.incomplete ?? [];
  if (!meta?.gaps.length && !incomplete.length) return null;
  return (
    <>
      {meta?.gaps.length ? (
        <Notice testId="network-gaps">
          <strong>Partial data:</strong> {meta.gaps.join("; ")}.
        </Notice>
      ) : null}
      {incomplete.length ? (
        <Notice testId="network-incomplete">
          <details>
            <summary className="cursor-pointer">
              <strong>Incomplete:</strong> {incomplete.length} object{incomplete.length === 1 ? "" : "s"} or rule{incomplete.length === 1 ? "" : "s"} that Clearance does not evaluate can change some answers; those answers are marked <span className="font-semibold">incomplete</span>.
            </summary>
            <ul className="mt-1 list-disc pl-5">
              {incomplete.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </details>
        </Notice>
      ) : null}
    </>
  );
}

export function Section({ title, children, actions, testId }: { title: React.ReactNode; children: React.ReactNode; actions?: React.ReactNode; testId?: string }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid={testId}>
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-4 py-2.5">
        <h2 className="text-sm font-semibold text-slate-800">{title}</h2>
        {actions}
      </header>
      <div className="p-4">{children}</div>
    </section>
  );
}
