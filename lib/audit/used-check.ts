/**
 * What a change does to what was used: every request the audit log shows as allowed (and the RBAC it
 * was read against allowed, system:masters aside) put to the authorizer again over the changed RBAC.
 * A right-sized role is checked this way for its subject (suggest.ts); a what-if draft for everyone
 * in the log, so its summary can say "nothing used in the window stops working" or name what does.
 */
import { authorizeIndexed, type RbacIndex } from "../rbac/rbac-index";
import type { Atom } from "./accumulate";
import { isUse, type AuditAnalysis } from "./usage";
import { windowText } from "./window";

/** Requests that would stop working, most used first; at most this many are listed. */
const LOST_LISTED = 20;

export interface UsedCheck {
  /** "the 21 days covered by the audit log (…)". */
  windowText: string;
  /** Distinct requests checked, and the requests they stand for. */
  checked: { atoms: number; requests: number };
  /** Those the changed RBAC would refuse. */
  lost: { atoms: number; requests: number };
  /** The most used of them: who, what (as atomView words), how often, last seen (epoch ms). */
  examples: { username: string; text: string; count: number; last: number }[];
}

/** Atoms that `after` no longer allows (folded URL paths have no path left to ask about, so they are not asked). */
export function refusedBy(after: RbacIndex, atoms: readonly Atom[]): Atom[] {
  return atoms.filter((a) => (a.request.resourceRequest || !a.folded) && !authorizeIndexed(after, a.identity, a.request, after.cache).allowed);
}

const requests = (atoms: readonly Atom[]) => atoms.reduce((n, a) => n + a.count, 0);

/** The check of a changed RBAC against everything used (see file comment); `describe` words a request. */
export function usedCheck(analysis: AuditAnalysis, after: RbacIndex, describe: (a: Atom) => string): UsedCheck {
  const used = analysis.usage.atoms.filter((a) => isUse(a) && a.rbacAllowed && !a.bypass);
  const lost = refusedBy(after, used).sort((a, b) => b.count - a.count || b.last - a.last);
  return {
    windowText: windowText(analysis.window),
    checked: { atoms: used.length, requests: requests(used) },
    lost: { atoms: lost.length, requests: requests(lost) },
    examples: lost.slice(0, LOST_LISTED).map((a) => ({ username: a.identity.username, text: describe(a), count: a.count, last: a.last })),
  };
}
