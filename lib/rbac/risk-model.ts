/**
 * The shape of a risk rule: probes (requests put to the evaluator), conditions over them, and tiers
 * that say how severe a match is in each scope (catalogue.ts; tierSeverity in assess.ts). The rules themselves are in
 * catalogue.ts.
 */
import type { RuleInfo, Severity } from "../findings/types";

/** A value no RBAC object contains: a probe using it is matched only by `*`. */
export const ANY = "\u0000any";

export type ScopeKind = "cluster" | "privileged-namespace" | "namespace";

/**
 * How a probe names its object: `any` an arbitrary one (matched without resourceNames, or — named —
 * through a name some rule in scope lists), `none` a nameless request (list, watch, create),
 * `own-namespace` the scope's own Namespace object, or a literal name.
 */
export type NameMode = "any" | "none" | "own-namespace" | { literal: string };

export interface Probe {
  verb: string;
  group: string;
  /** `resource` or `resource/subresource`. */
  resource: string;
  name: NameMode;
}

export type Condition = { any: Probe[] } | { all: Condition[] };

export interface Tier {
  /** What this tier found, for evidence: "can list or watch Secrets". */
  label: string;
  when: Condition;
  severity: Severity;
  /** One level up cluster-wide and in privileged namespaces ("+1"). */
  raise?: boolean;
  /** Scopes where the tier applies (default: all). */
  scopes?: readonly ScopeKind[];
  /** Lower one level when only named rules grant it (default true). */
  namedPenalty?: boolean;
}

export interface RiskRule extends RuleInfo {
  slug: string;
  /** Verb phrase after the subject: "is cluster-admin equivalent". */
  phrase: string;
  /** Probe tiers; empty for the rules computed otherwise (R22, R27, R28, H1–H3, R29). */
  tiers: Tier[];
}

/** The cross product of verbs × resources in one group; `create` and list-like verbs are nameless. */
export function probes(verbs: readonly string[], group: string, resources: readonly string[], name?: NameMode): Probe[] {
  const out: Probe[] = [];
  for (const verb of verbs) {
    for (const resource of resources) {
      const nameless = verb === "create" && !resource.includes("/") ? true : verb === "list" || verb === "watch" || verb === "deletecollection";
      out.push({ verb, group, resource, name: name ?? (nameless ? "none" : "any") });
    }
  }
  return out;
}
