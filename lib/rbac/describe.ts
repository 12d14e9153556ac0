/** Plain-language renderings of grants and rules, shared by the CLI, findings and the UI. */
import type { PolicyRule } from "../model";
import type { Grant, GrantPath } from "./rbac-index";

/** `ClusterRoleBinding "ci-deployer-admin" of ClusterRole "cluster-admin"`, `RoleBinding "payments/pod-debuggers" of ClusterRole "pod-debugger"`. */
export function describeGrant(g: Grant): string {
  let text = grantTexts.get(g);
  if (text === undefined) grantTexts.set(g, (text = grantText(g)));
  return text;
}

/** Kept per grant and per rule record: a grant's evidence names it in every finding it takes part in, twice. */
const grantTexts = new WeakMap<Grant, string>();
const ruleTexts = new WeakMap<PolicyRule, string>();

function grantText(g: Grant): string {
  const binding = g.namespace ? `RoleBinding "${g.namespace}/${g.binding.name}"` : `ClusterRoleBinding "${g.binding.name}"`;
  const role = g.roleRef.kind === "Role" ? `Role "${g.namespace}/${g.roleRef.name}"` : `${g.roleRef.kind} "${g.roleRef.name}"`;
  return `${binding} of ${role}${g.missing ? " (missing)" : ""}`;
}

const list = (xs: readonly string[]) => (xs.length === 1 ? xs[0] : `[${xs.join(", ")}]`);

/** `get,list secrets (core)`, `* on *.*`, `get /metrics`, `get secrets (core) named [a, b]`. */
export function describeRule(r: PolicyRule): string {
  let text = ruleTexts.get(r);
  if (text === undefined) ruleTexts.set(r, (text = ruleText(r)));
  return text;
}

function ruleText(r: PolicyRule): string {
  if (r.nonResourceURLs.length && !r.resources.length) return `${r.verbs.join(",")} ${list(r.nonResourceURLs)}`;
  const groups = r.apiGroups.map((g) => (g === "" ? "core" : g));
  const names = r.resourceNames.length ? ` named ${list(r.resourceNames)}` : "";
  return `${r.verbs.join(",")} ${list(r.resources)} (${list(groups)})${names}`;
}

/** `ClusterRoleBinding "x" of ClusterRole "y" rule 0: *,* (*)` — one line of evidence. */
export function describePath(p: GrantPath): string {
  const rules = p.rules.map((i) => `rule ${i}: ${describeRule(p.grant.rules[i])}`).join("; ");
  return `${describeGrant(p.grant)} → ${rules}`;
}
