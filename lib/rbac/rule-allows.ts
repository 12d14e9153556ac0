/**
 * PolicyRule matching, ported from upstream kubernetes/kubernetes `pkg/apis/rbac/v1/evaluation_helpers.go`
 * (VerbMatches, APIGroupMatches, ResourceMatches, ResourceNameMatches, NonResourceURLMatches) and
 * `plugin/pkg/auth/authorizer/rbac/rbac.go` (RuleAllows). Matching is case-sensitive string equality;
 * requests are normalised (lowercase verbs) before they get here, see request.ts.
 */
import type { PolicyRule } from "../model";
import type { AccessRequest } from "./request";

/** `*` or an exact entry. Upstream VerbMatches. */
export function verbMatches(rule: PolicyRule, verb: string): boolean {
  for (const v of rule.verbs) if (v === "*" || v === verb) return true;
  return false;
}

/** `*` or an exact entry; the core group is "". Upstream APIGroupMatches. */
export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  for (const g of rule.apiGroups) if (g === "*" || g === group) return true;
  return false;
}

/**
 * `*` matches every resource and every subresource; otherwise the entry must equal the combined
 * `resource/subresource`, or be `*\/<sub>` (written without the backslash) for a request on subresource `<sub>`. `pods/*` is not a
 * wildcard, `pods` does not cover `pods/status`. Upstream ResourceMatches.
 */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources) {
    if (r === "*" || r === combined) return true;
    if (subresource !== "" && r.length === subresource.length + 2 && r.startsWith("*/") && r.endsWith(subresource)) return true;
  }
  return false;
}

/**
 * An empty resourceNames list allows any name; otherwise the request's name must be listed, so a
 * request without a name (list, create, collection watch) never passes. Upstream ResourceNameMatches.
 */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  if (rule.resourceNames.length === 0) return true;
  for (const n of rule.resourceNames) if (n === name) return true;
  return false;
}

/**
 * `*`, an exact path, or an entry ending in `*` whose prefix (trailing stars removed) the path
 * starts with — a plain string prefix: `/apis/*` matches `/apis/v1` but not `/apis`, `/foo*` matches
 * `/foobar`. Upstream NonResourceURLMatches.
 */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs) {
    if (u === "*" || u === path) return true;
    if (u.endsWith("*") && path.startsWith(u.replace(/\*+$/, ""))) return true;
  }
  return false;
}

/**
 * Does one rule allow the request? Resource requests need verb, group, resource and name to match;
 * non-resource requests need verb and URL. Upstream RuleAllows.
 */
export function ruleAllows(req: AccessRequest, rule: PolicyRule): boolean {
  if (req.resourceRequest) {
    const combined = req.subresource ? `${req.resource}/${req.subresource}` : req.resource;
    return (
      verbMatches(rule, req.verb) &&
      apiGroupMatches(rule, req.apiGroup) &&
      resourceMatches(rule, combined, req.subresource) &&
      resourceNameMatches(rule, req.name)
    );
  }
  return verbMatches(rule, req.verb) && nonResourceURLMatches(rule, req.path);
}

/** Indices of the rules that allow the request (all of them, for evidence; upstream stops at the first). */
export function matchingRules(rules: readonly PolicyRule[], req: AccessRequest): number[] {
  const out: number[] = [];
  for (let i = 0; i < rules.length; i++) if (ruleAllows(req, rules[i])) out.push(i);
  return out;
}
