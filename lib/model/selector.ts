/**
 * Label selectors with the exact semantics of apimachinery's `LabelSelectorAsSelector`:
 * matchLabels and matchExpressions are ANDed; `In` needs the key present with one of the values;
 * `NotIn` matches objects that lack the key; `Exists`/`DoesNotExist` test the key only.
 * An empty selector `{}` matches everything. Absence of a selector is the caller's business.
 */
export type Labels = Record<string, string>;

export type SelectorOperator = "In" | "NotIn" | "Exists" | "DoesNotExist";

export interface LabelSelectorRequirement {
  key: string;
  operator: SelectorOperator;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: LabelSelectorRequirement[];
}

const OPERATORS = new Set<string>(["In", "NotIn", "Exists", "DoesNotExist"]);

/** Label keys: optional DNS-subdomain prefix (≤253) + "/" + name (≤63, alphanumeric ends, [-_.] inside). */
const NAME_PART = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function labelKeyProblem(key: string): string | null {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return `label key "${key}" has an invalid prefix`;
  }
  if (name.length === 0 || name.length > 63 || !NAME_PART.test(name)) {
    return `label key "${key}" is not a valid label name`;
  }
  return null;
}

export function labelValueProblem(value: string): string | null {
  if (value === "") return null;
  if (value.length > 63 || !NAME_PART.test(value)) return `label value "${value}" is not valid`;
  return null;
}

/** The reason a selector would be rejected by API validation, or null when it is valid. */
export function selectorProblem(selector: LabelSelector): string | null {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    const p = labelKeyProblem(key) ?? (typeof value === "string" ? labelValueProblem(value) : `label "${key}" has a non-string value`);
    if (p) return p;
  }
  for (const req of selector.matchExpressions ?? []) {
    if (!OPERATORS.has(req.operator)) return `unknown selector operator "${String(req.operator)}" (use In, NotIn, Exists or DoesNotExist)`;
    const p = labelKeyProblem(req.key);
    if (p) return p;
    const values = req.values ?? [];
    if ((req.operator === "In" || req.operator === "NotIn") && values.length === 0) {
      return `operator ${req.operator} on "${req.key}" needs at least one value`;
    }
    if ((req.operator === "Exists" || req.operator === "DoesNotExist") && values.length > 0) {
      return `operator ${req.operator} on "${req.key}" must not have values`;
    }
    for (const v of values) {
      const vp = labelValueProblem(v);
      if (vp) return vp;
    }
  }
  return null;
}

export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/** Does `selector` select an object carrying `labels`? */
export function matchesSelector(selector: LabelSelector, labels: Labels): boolean {
  const ml = selector.matchLabels;
  if (ml) {
    for (const key in ml) {
      if (labels[key] !== ml[key]) return false;
    }
  }
  const exprs = selector.matchExpressions;
  if (exprs) {
    for (const req of exprs) {
      if (!requirementMatches(req, labels)) return false;
    }
  }
  return true;
}

function requirementMatches(req: LabelSelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  switch (req.operator) {
    case "In":
      return has && (req.values ?? []).includes(labels[req.key]);
    case "NotIn":
      return !has || !(req.values ?? []).includes(labels[req.key]);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
  }
}

/** Does a plain map selector (Service.spec.selector, ReplicationController) select these labels? */
export function matchesMapSelector(selector: Labels, labels: Labels): boolean {
  for (const key in selector) if (labels[key] !== selector[key]) return false;
  return true;
}

/**
 * A canonical string for a selector: equal strings ⇔ equal selectors (order-insensitive).
 * Used to group identical selectors and as cache keys.
 */
export function selectorKey(selector: LabelSelector): string {
  const ml = Object.entries(selector.matchLabels ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`);
  const ex = (selector.matchExpressions ?? [])
    .map((r) => `${r.key} ${r.operator} (${[...(r.values ?? [])].sort().join(",")})`)
    .sort();
  return [...ml, ...ex].join(";");
}

/** kubectl-style rendering: `app=web,tier in (a,b),!legacy`. `{}` renders as "(all)". */
export function formatSelector(selector: LabelSelector): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) parts.push(`${k}=${v}`);
  for (const r of selector.matchExpressions ?? []) {
    const vals = (r.values ?? []).join(",");
    if (r.operator === "In") parts.push(`${r.key} in (${vals})`);
    else if (r.operator === "NotIn") parts.push(`${r.key} notin (${vals})`);
    else if (r.operator === "Exists") parts.push(r.key);
    else parts.push(`!${r.key}`);
  }
  return parts.length ? parts.join(",") : "(all)";
}
