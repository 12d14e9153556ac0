/**
 * The explorer's view in the URL, so a reviewer can send a link that reopens the same view: the tab,
 * the who-can question, the focused node (as RBAC findings link to it: `focus`, `rule`, `namespace`),
 * the selection, expanded nodes and the filters. `namespace` is the namespace the view is about: the
 * request's in "who can", the graph filter when exploring, the matrix's namespace.
 */
import type { RbacNodeKind } from "./graph";
import type { WhoCanQuery } from "./explorer-question";

/** Hops around a focused node: subject → binding → role → rule, and a role's or binding's whole neighbourhood. */
export const DEFAULT_HOPS = 3;

export const TABS = ["who-can", "explore", "matrix", "findings", "unused", "objects"] as const;
export type Tab = (typeof TABS)[number];

const KINDS: readonly RbacNodeKind[] = ["User", "Group", "ServiceAccount", "RoleBinding", "ClusterRoleBinding", "Role", "ClusterRole", "Rule"];

export interface ExplorerState {
  tab: Tab;
  question: WhoCanQuery;
  namespace: string;
  /** Graph node the explore tab is centred on. */
  focus?: string;
  /** A risk rule whose evidence is highlighted (from a finding). */
  rule?: string;
  /** Selected node (side panel). */
  selected?: string;
  expand: string[];
  /** Empty: every kind. */
  kinds: RbacNodeKind[];
  /** Show default/vendor objects; undefined: the tab's default (shown in who-can, hidden when exploring). */
  defaults?: boolean;
  hops?: number;
  /** Groups a user or service account is assumed to be in. */
  assume: string[];
  /** Findings tab: search text. */
  find: string;
  /** Matrix tab: every resource the rules name, not only the common ones. */
  allColumns?: boolean;
  /** Explore tab, on a subject: its right-sized roles from the audit log are open. */
  suggest?: boolean;
}

/** The view a URL describes; unknown values fall back to defaults, never throw. */
export function readState(sp: URLSearchParams): ExplorerState {
  const tabParam = sp.get("tab");
  const focus = sp.get("focus") || undefined;
  const tab: Tab = (TABS as readonly string[]).includes(tabParam ?? "") ? (tabParam as Tab) : focus ? "explore" : "who-can";
  const hops = Number(sp.get("hops"));
  const d = sp.get("defaults");
  const question: WhoCanQuery = { verb: sp.get("verb") ?? "" };
  for (const k of ["resource", "apiGroup", "name", "url"] as const) {
    const v = sp.get(k);
    if (v) question[k] = v;
  }
  const namespace = sp.get("namespace") ?? "";
  if (namespace) question.namespace = namespace;
  return {
    tab,
    question,
    namespace,
    ...(focus ? { focus } : {}),
    ...(sp.get("rule") ? { rule: sp.get("rule")! } : {}),
    ...(sp.get("sel") ? { selected: sp.get("sel")! } : {}),
    expand: sp.getAll("x").filter(Boolean),
    kinds: (sp.get("kinds") ?? "")
      .split(",")
      .filter((k): k is RbacNodeKind => (KINDS as readonly string[]).includes(k)),
    ...(d === "show" ? { defaults: true } : d === "hide" ? { defaults: false } : {}),
    ...(Number.isInteger(hops) && hops >= 1 && hops <= 8 ? { hops } : {}),
    assume: sp.getAll("as").filter(Boolean),
    find: sp.get("find") ?? "",
    ...(sp.get("cols") === "all" ? { allColumns: true } : {}),
    ...(sp.get("suggest") === "1" ? { suggest: true } : {}),
  };
}

/** Shows default objects in this view? */
export function showDefaults(s: ExplorerState): boolean {
  return s.defaults ?? s.tab === "who-can";
}

/** The URL query for a view: only what differs from the defaults, in a stable order. */
export function writeState(s: ExplorerState): URLSearchParams {
  const sp = new URLSearchParams();
  const impliedTab: Tab = s.focus ? "explore" : "who-can";
  if (s.tab !== impliedTab) sp.set("tab", s.tab);
  const q = s.question;
  if (q.verb) sp.set("verb", q.verb);
  if (q.url) sp.set("url", q.url);
  else {
    if (q.resource) sp.set("resource", q.resource);
    if (q.apiGroup) sp.set("apiGroup", q.apiGroup);
    if (q.name) sp.set("name", q.name);
  }
  if (s.namespace) sp.set("namespace", s.namespace);
  if (s.focus) sp.set("focus", s.focus);
  if (s.rule) sp.set("rule", s.rule);
  if (s.selected) sp.set("sel", s.selected);
  for (const x of s.expand) sp.append("x", x);
  if (s.kinds.length) sp.set("kinds", s.kinds.join(","));
  if (s.defaults !== undefined) sp.set("defaults", s.defaults ? "show" : "hide");
  if (s.hops !== undefined) sp.set("hops", String(s.hops));
  for (const g of s.assume) sp.append("as", g);
  if (s.find) sp.set("find", s.find);
  if (s.allColumns) sp.set("cols", "all");
  if (s.suggest) sp.set("suggest", "1");
  return sp;
}

/**
 * Another tab, opened clean: nothing of the previous tab's question, focus, namespace or filters is
 * carried over silently (a namespace that scoped a who-can question would otherwise quietly filter
 * the matrix or the graph).
 */
export function switchTab(s: ExplorerState, tab: Tab): ExplorerState {
  if (tab === s.tab) return s;
  return { tab, question: { verb: "" }, namespace: "", focus: undefined, rule: undefined, selected: undefined, expand: [], kinds: [], defaults: undefined, hops: undefined, assume: [], find: "", allColumns: undefined };
}
