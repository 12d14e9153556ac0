/**
 * The explorer's who-can question: what a reviewer types ("who can get secrets in payments",
 * "create pods/exec -n shop-backend", "get /metrics") read into the fields of `clearance who-can`.
 * Text only, so the browser parses questions without the resource tables (explorer-query.ts builds
 * the request from these fields).
 */

/** The fields of a who-can question, as in the URL and the CLI flags. */
export interface WhoCanQuery {
  verb: string;
  /** `secrets`, `pods/exec`, `deployments.apps`. */
  resource?: string;
  apiGroup?: string;
  /** "" or absent: across all namespaces (only ClusterRoleBindings answer). */
  namespace?: string;
  name?: string;
  /** A non-resource URL (`/metrics`); excludes resource, apiGroup, namespace and name. */
  url?: string;
}

export interface ParsedQuestion {
  query: WhoCanQuery;
  /** How words were read ("read" taken as get) and what was ignored. */
  notes: string[];
}

/**
 * Everyday words reviewers use for API verbs; the note says which verbs were asked. "read" is get,
 * list and watch: list and watch return whole objects (a Secret's data included), so a subject with
 * any of the three can read them — the Kubernetes docs' warning on list/watch of Secrets
 * (https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets).
 */
export const READ_VERBS = ["get", "list", "watch"] as const;

const VERB_WORDS: Record<string, { verb: string; resource?: string }> = {
  read: { verb: READ_VERBS.join(",") },
  see: { verb: READ_VERBS.join(",") },
  view: { verb: READ_VERBS.join(",") },
  write: { verb: "update" },
  edit: { verb: "update" },
  modify: { verb: "update" },
  remove: { verb: "delete" },
  exec: { verb: "create", resource: "pods/exec" },
  "port-forward": { verb: "create", resource: "pods/portforward" },
  attach: { verb: "create", resource: "pods/attach" },
};

const FILLER = new Set(["the", "a", "an", "any", "all", "into", "to", "on", "of"]);

function unquote(token: string): string {
  return token.replace(/^[`'"]+|[`'"?,.]+$/g, "");
}

/**
 * Reads a typed question into who-can fields. Accepted, case-insensitively: an optional "who can"
 * prefix, then VERB, then RESOURCE or a URL starting with "/", then any of: `in NS`, `in namespace
 * NS`, `in NS namespace`, `-n NS`, `--namespace NS`, `named NAME`, `--name NAME`, `--api-group G`,
 * `cluster-wide` / `in all namespaces`. Everyday verbs (read, exec, port-forward) map to API verbs.
 */
export function parseQuestion(text: string): ParsedQuestion {
  const notes: string[] = [];
  let rest = text.trim().replace(/\?+$/, "");
  rest = rest.replace(/^(who|which subjects?)\s+(can|could|is allowed to|are allowed to)\s+/i, "");
  const tokens = rest
    .split(/\s+/)
    .map(unquote)
    .filter((t) => t !== "");
  const query: WhoCanQuery = { verb: "" };
  let i = 0;
  const next = () => tokens[i++];
  const word = tokens[i];
  if (!word) return { query, notes };
  const lower = word.toLowerCase();
  i++;
  const alias = VERB_WORDS[lower];
  if (alias) {
    query.verb = alias.verb;
    if (alias.resource) query.resource = alias.resource;
    notes.push(`"${word}" asked as ${verbList(alias.verb.split(","))}${alias.resource ? ` ${alias.resource}` : ""}`);
  } else query.verb = lower;
  const setNamespace = (ns: string | undefined) => {
    if (ns) query.namespace = ns;
  };
  while (i < tokens.length) {
    const t = next();
    const l = t.toLowerCase();
    const eq = /^--?([a-z-]+)=(.*)$/i.exec(t);
    if (eq) {
      const flag = eq[1].toLowerCase();
      const value = eq[2];
      if (flag === "namespace" || flag === "n") setNamespace(value);
      else if (flag === "name") query.name = value;
      else if (flag === "api-group") query.apiGroup = value;
      else if (flag === "non-resource-url") query.url = value;
      else notes.push(`ignored "${t}"`);
      continue;
    }
    if (l === "-n" || l === "--namespace") setNamespace(next());
    else if (l === "--name" || l === "named" || l === "name") query.name = next();
    else if (l === "--api-group") query.apiGroup = next() ?? "";
    else if (l === "--non-resource-url") query.url = next();
    else if (l === "cluster-wide" || l === "clusterwide" || l === "everywhere") query.namespace = "";
    else if (l === "in") {
      const a = tokens[i]?.toLowerCase();
      if (a === "all" && /^namespaces?$/i.test(tokens[i + 1] ?? "")) {
        i += 2;
        query.namespace = "";
      } else if (a === "namespace") {
        i++;
        setNamespace(next());
      } else {
        if (a === "the") i++;
        setNamespace(next());
        if (tokens[i]?.toLowerCase() === "namespace") i++;
      }
    } else if (FILLER.has(l)) continue;
    else if (query.resource === undefined && query.url === undefined) {
      if (t.startsWith("/")) query.url = t;
      else query.resource = l;
    } else if (query.resource === "pods/exec" && (l === "pods" || l === "pod")) continue;
    else notes.push(`ignored "${t}"`);
  }
  return { query, notes };
}

const SYSTEM_NS = /^(kube-|default$|local-path|cert-manager|ingress-nginx|gatekeeper|monitoring|linkerd|istio|calico|cilium)/;

/**
 * Example questions that name namespaces of this snapshot: the first namespace whose name suggests
 * secrets worth guarding (payments, billing, vault, …), else the first that is not a system one;
 * kube-system only when it exists. Without namespaces, cluster-wide questions only.
 */
export function exampleQuestions(namespaces: readonly string[]): string[] {
  const apps = namespaces.filter((n) => !SYSTEM_NS.test(n));
  const ns = apps.find((n) => /payment|billing|vault|secret|auth|bank|finance/.test(n)) ?? apps[0];
  return [
    ...(ns ? [`read secrets in ${ns}`, `create pods/exec in ${ns}`] : []),
    "list secrets",
    "impersonate users",
    "escalate clusterroles",
    ...(namespaces.includes("kube-system") ? ["create serviceaccounts/token in kube-system"] : []),
    "get /metrics",
  ];
}

/** "get, list or watch". */
export function verbList(verbs: readonly string[]): string {
  return verbs.length <= 1 ? (verbs[0] ?? "") : `${verbs.slice(0, -1).join(", ")} or ${verbs[verbs.length - 1]}`;
}

/** The verbs of a query: one, or several written `get,list,watch` (the answer is who has any of them). */
export function queryVerbs(q: WhoCanQuery): string[] {
  return [...new Set(q.verb.split(",").map((v) => v.trim().toLowerCase()).filter(Boolean))];
}

/** The question back as text, for the input box: `get secrets in payments`. */
export function formatQuestion(q: WhoCanQuery): string {
  if (!q.verb) return "";
  const verbs = queryVerbs(q);
  const parts = [verbs.join(",") === READ_VERBS.join(",") ? "read" : verbs.join(","), q.url ?? q.resource ?? ""];
  if (!q.url) {
    if (q.apiGroup) parts.push(`--api-group ${q.apiGroup}`);
    if (q.namespace) parts.push(`in ${q.namespace}`);
    if (q.name) parts.push(`named ${q.name}`);
  }
  return parts.filter(Boolean).join(" ");
}
