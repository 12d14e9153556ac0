"use client";
/**
 * The alternatives of an RBAC fix (lib/fix/rbac.ts), narrowest first: what changes object by
 * object, who loses what (every subject's loss, the target's own marked), and the draft. Shown
 * under a finding and under a permission of the RBAC explorer.
 */
import { YamlActions } from "@/components/drafts/yaml-actions";
import { Badge } from "@/components/ui/badge";
import { lossLines, lossLineText } from "@/lib/fix/describe";
import type { RbacFixAlternative } from "@/lib/fix/rbac";
import type { SubjectRef } from "@/lib/rbac/subjects";

const subjectText = (s: SubjectRef) => `${s.kind} ${s.kind === "ServiceAccount" ? `${s.namespace}/` : ""}${s.name}`;

/** `testId` names each alternative `${testId}-${i}`, its losses `${testId}-${i}-loses` and its draft button `${testId}-draft-${i}`; `about` ends each draft's title (what is taken from whom). */
export function RbacFixList({ sourceId, alternatives, testId, about }: { sourceId: string; alternatives: readonly RbacFixAlternative[]; testId: string; about?: string }) {
  return (
    <ol className="space-y-2">
      {alternatives.map((a, i) => (
        <li key={a.title} className="space-y-1 rounded-md border border-slate-200 p-2 text-xs" data-testid={`${testId}-${i}`}>
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-semibold text-slate-900">
              {i + 1}. {a.title}
            </span>
            <Badge tone={a.collateral ? "medium" : "ok"}>{a.collateral ? `${a.collateral} other permission${a.collateral === 1 ? "" : "s"} lost` : "nothing else lost"}</Badge>
            {a.fixesFinding === false ? <Badge tone="high">does not fix the finding</Badge> : null}
            {!a.removesTarget ? <Badge tone="high">does not remove it</Badge> : null}
          </div>
          <ul className="list-disc pl-5 text-slate-700">
            {a.steps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
          <details open={i === 0} data-testid={`${testId}-${i}-loses`}>
            <summary className="cursor-pointer text-slate-700">Who loses what</summary>
            <ul className="mt-1 space-y-0.5 pl-4">
              {a.loses.map((l) => (
                <li key={JSON.stringify(l.subject)}>
                  <span className="font-medium">{subjectText(l.subject)}</span>: {lossLines(l.lost).map(lossLineText).join("; ")}
                </li>
              ))}
            </ul>
          </details>
          <YamlActions sourceId={sourceId} yaml={a.yaml} title={about ? `${a.title}: ${about}` : a.title} draftTestId={`${testId}-draft-${i}`} />
        </li>
      ))}
    </ol>
  );
}
