/**
 * Narrowing a PolicyRule so it no longer allows one verb on one resource (every name): a rule is the
 * cross product verbs × apiGroups × resources (× resourceNames), so taking out the point
 * (verb, group, resource) leaves up to three rules — the other verbs; this verb on the other groups;
 * this verb and group on the other resources (the usual complement of a box). That is exact when
 * each of those lists names the point explicitly; a `*` cannot be written "all but one", so then the
 * narrowing removes more (the verb from the whole rule, the resource from the whole rule, or the
 * rule) and the fixer says what else goes with it. Matching is the evaluator's (rule-allows.ts).
 */
import type { PolicyRule } from "../model";
import { resourceMatches } from "../rbac/rule-allows";

/** A verb on a resource of a group, for any name. `resource` may be `pods/exec`. */
export interface RulePoint {
  verb: string;
  apiGroup: string;
  resource: string;
}

export type Narrowing = "exact" | "verb" | "resource" | "rule";

export interface NarrowResult {
  rules: PolicyRule[];
  /** How much was taken out: exactly the point, the verb from the whole rule, the resource, or the rule. */
  how: Narrowing;
}

/** Does the rule allow the verb on the resource of the group, for some name? */
export function ruleMatchesPoint(rule: PolicyRule, p: RulePoint): boolean {
  const slash = p.resource.indexOf("/");
  const sub = slash < 0 ? "" : p.resource.slice(slash + 1);
  return (rule.verbs.includes("*") || rule.verbs.includes(p.verb)) && (rule.apiGroups.includes("*") || rule.apiGroups.includes(p.apiGroup)) && resourceMatches(rule, p.resource, sub);
}

/** The list without `value`, or null when a wildcard in it (which cannot be written "all but one") also covers `value`. */
function without(list: readonly string[], value: string, covers: (entry: string) => boolean): string[] | null {
  const rest = list.filter((x) => x !== value);
  return rest.some(covers) ? null : rest;
}

const nonEmpty = (r: PolicyRule) => r.verbs.length > 0 && r.apiGroups.length > 0 && r.resources.length > 0;

/** The rule without the point (see file comment); the rule itself when it does not allow it. */
export function narrowRule(rule: PolicyRule, p: RulePoint): NarrowResult {
  if (rule.nonResourceURLs.length || !ruleMatchesPoint(rule, p)) return { rules: [rule], how: "exact" };
  const sub = p.resource.includes("/") ? p.resource.slice(p.resource.indexOf("/") + 1) : "";
  const verbs = without(rule.verbs, p.verb, (v) => v === "*");
  const groups = without(rule.apiGroups, p.apiGroup, (g) => g === "*");
  const resources = without(rule.resources, p.resource, (r) => r === "*" || (sub !== "" && r === `*/${sub}`));
  const only = (field: keyof PolicyRule, value: string): PolicyRule => ({ ...rule, [field]: [value] });
  if (verbs && groups && resources) {
    const parts = [
      { ...rule, verbs },
      { ...only("verbs", p.verb), apiGroups: groups },
      { ...only("verbs", p.verb), apiGroups: [p.apiGroup], resources },
    ].filter(nonEmpty);
    return { rules: parts, how: "exact" };
  }
  if (verbs) return { rules: [{ ...rule, verbs }].filter(nonEmpty), how: "verb" };
  if (resources) return { rules: [{ ...rule, resources }].filter(nonEmpty), how: "resource" };
  return { rules: [], how: "rule" };
}

const ORDER: Narrowing[] = ["exact", "verb", "resource", "rule"];

/** Every rule of a role without every point; `how` is the widest narrowing any rule needed. */
export function narrowRules(rules: readonly PolicyRule[], points: readonly RulePoint[]): NarrowResult {
  let out = [...rules];
  let how: Narrowing = "exact";
  for (const p of points) {
    const next: PolicyRule[] = [];
    for (const r of out) {
      const n = narrowRule(r, p);
      next.push(...n.rules);
      if (ORDER.indexOf(n.how) > ORDER.indexOf(how)) how = n.how;
    }
    out = next;
  }
  return { rules: out, how };
}
