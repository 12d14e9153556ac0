/** Fixes in words: lost requests grouped for reading (verbs together per resource and scope). */
import type { LostRequest } from "./rbac-loss";

export interface LossLine {
  /** `cluster-wide` or `in <namespace>`. */
  scope: string;
  verbs: string[];
  /** `pods/exec`, `deployments.apps`, `secrets named db` */
  what: string;
  /** Part of what was meant to go. */
  target: boolean;
}

/** Lost requests as lines: one per scope, resource and name, with every verb lost there. */
export function lossLines(lost: readonly (LostRequest & { target?: true })[]): LossLine[] {
  const lines = new Map<string, LossLine>();
  for (const r of lost) {
    const what = `${r.resource}${r.apiGroup ? `.${r.apiGroup}` : ""}${r.resourceName !== undefined ? ` named ${r.resourceName}` : ""}`;
    const scope = r.namespace ? `in ${r.namespace}` : "cluster-wide";
    const key = `${scope}\u0000${what}\u0000${r.target ? 1 : 0}`;
    const line = lines.get(key);
    if (line) line.verbs.push(r.verb);
    else lines.set(key, { scope, verbs: [r.verb], what, target: !!r.target });
  }
  return [...lines.values()];
}

export function lossLineText(l: LossLine): string {
  return `${l.verbs.join(",")} ${l.what} ${l.scope}${l.target ? " (the target)" : ""}`;
}
