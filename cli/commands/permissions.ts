/** `clearance permissions` — what a user, group or service account can do, per scope, and through which binding. */
import { describeSubject, permissionsOf, type Permissions, type SubjectRef } from "../../lib/rbac";
import { usageCells, usageGrid } from "../../lib/audit/grid";
import { rbacIndexOf } from "../../lib/analysis";
import { AUDIT_HELP, AUDIT_OPTIONS, loadAudit, usageText } from "../audit";
import { COMMON_HELP, UsageError, oneOf, parse } from "../args";
import { jsonOutput, table, type IO } from "../io";
import { loadSource, reportLoadProblems } from "../source";
import type { Command } from "./types";

const OPTIONS = {
  user: { type: "string" },
  group: { type: "string", multiple: true },
  "service-account": { type: "string" },
  namespace: { type: "string", short: "n" },
  ...AUDIT_OPTIONS,
} as const;

export const HELP = `Usage: clearance permissions (--user U [--group G]... | --service-account NS/NAME) [--namespace NS] [--audit-log PATH]... [source]

Prints the effective permissions of a subject: cluster-wide (from ClusterRoleBindings), then per
namespace (from RoleBindings), compacted and deduplicated, each rule with the bindings it comes from.
A user is taken to be in system:authenticated (system:unauthenticated for system:anonymous); a
service account also in system:serviceaccounts and system:serviceaccounts:NS. Group membership from
your identity provider is invisible in RBAC objects: state it with --group ("what could alice do if
she is in group platform?"). --group alone asks about a group's own grants. Rules a RoleBinding
cannot grant (non-resource URLs, cluster-scoped resources) are listed as ineffective.

Options:
  --user U                    a user name (exact, case-sensitive)
  --group G                   a group the user is in (repeatable)
  --service-account NS/NAME   a service account
  --namespace, -n NS          only cluster-wide rules and those of this namespace
${AUDIT_HELP}
                              Adds, per resource and verb, whether the subject used it (count, last
                              seen) or not; JSON gains "audit":{"window","windowText","cells",
                              "permissions":[{"scope","namespace"?,"apiGroup","resource","resourceNames",
                              "nonResourceURL"?,"verb","used","count","lastSeen"}]}.

JSON (--output json): {"subject","identity":{"username","groups"},"assumedGroups","bypass",
"scopes":[{"scope":"cluster"|"namespace","namespace"?,"rules":[{"verbs","apiGroups","resources",
"resourceNames","nonResourceURLs","via":[Via...]}],"ineffective":[{"rule","reason","via"}]}],
"missingRoles"}; Via as in "clearance who-can --help".

${COMMON_HELP}`;

export function subjectOf(values: { user?: string; group?: string[]; "service-account"?: string }): { subject: SubjectRef; assumeGroups: string[] } {
  const groups = values.group ?? [];
  if (values.user !== undefined && values["service-account"] !== undefined) throw new UsageError("give either --user or --service-account, not both");
  if (values.user !== undefined) {
    if (!values.user) throw new UsageError("--user needs a name");
    return { subject: { kind: "User", name: values.user }, assumeGroups: groups };
  }
  const sa = values["service-account"];
  if (sa !== undefined) {
    const m = /^([^/]+)\/([^/]+)$/.exec(sa);
    if (!m) throw new UsageError(`--service-account must be NAMESPACE/NAME (got "${sa}")`);
    return { subject: { kind: "ServiceAccount", namespace: m[1], name: m[2] }, assumeGroups: groups };
  }
  if (groups.length) return { subject: { kind: "Group", name: groups[0] }, assumeGroups: groups.slice(1) };
  throw new UsageError("give --user U, --service-account NS/NAME or --group G");
}

/** Comma-joined items in lines of about `width` characters. */
function wrap(items: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const item of items) {
    const next = line ? `${line},${item}` : item;
    if (line && next.length > width) {
      lines.push(`${line},`);
      line = item;
    } else line = next;
  }
  lines.push(line);
  return lines;
}

export function permissionsText(p: Permissions): string {
  const implicit = p.identity.groups.filter((g) => !p.assumedGroups.includes(g) && !(p.subject.kind === "Group" && g === p.subject.name));
  const head = [`${describeSubject(p.subject)}${implicit.length ? ` (groups: ${implicit.join(", ")})` : ""}${p.assumedGroups.length ? ` assuming groups: ${p.assumedGroups.join(", ")}` : ""}`];
  if (p.bypass) head.push("", "Member of system:masters: every request is allowed before RBAC is consulted; the rules below are not needed.");
  const out = [...head];
  if (!p.scopes.length) out.push("", "No RoleBinding or ClusterRoleBinding applies.");
  for (const s of p.scopes) {
    out.push("", s.scope === "cluster" ? "Cluster-wide (ClusterRoleBindings):" : `Namespace ${s.namespace} (RoleBindings):`);
    const rows: string[][] = [];
    for (const r of s.rules) {
      const [first, ...more] = wrap(r.nonResourceURLs.length ? r.nonResourceURLs : r.resources, 60);
      rows.push([
        r.verbs.join(","),
        r.nonResourceURLs.length ? "-" : r.apiGroups.map((g) => g || "core").join(","),
        first,
        r.resourceNames.join(","),
        r.via.map((v) => `${v.text} (rule${(v.rules?.length ?? 0) > 1 ? "s" : ""} ${v.rules?.join(", ")})`).join("; "),
      ]);
      for (const line of more) rows.push(["", "", line, "", ""]);
    }
    out.push(rows.length ? table(["VERBS", "APIGROUPS", "RESOURCES", "NAMES", "VIA"], rows) : "  (nothing effective)");
    for (const i of s.ineffective) out.push(`  ineffective: ${i.rule} — ${i.reason} (${i.via.map((v) => v.text).join("; ")})`);
  }
  if (p.missingRoles.length) out.push("", ...p.missingRoles.map((m) => `Note: grants nothing, its role is missing: ${m}`));
  return out.join("\n");
}

export const permissionsCommand: Command = {
  name: "permissions",
  help: HELP,
  async run(argv: string[], io: IO) {
    const { values, positionals } = parse(argv, OPTIONS);
    const output = oneOf("output", values.output, ["text", "json"], "text");
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const { subject, assumeGroups } = subjectOf(values);
    const snapshot = await loadSource(values, io.env, io.stdin);
    const index = rbacIndexOf(snapshot);
    const p = permissionsOf(index, subject, { namespace: values.namespace, assumeGroups });
    const analysis = await loadAudit(values["audit-log"], snapshot, io);
    const grid = analysis && usageGrid(index, analysis, subject, { namespace: values.namespace, assumeGroups });
    if (output === "json") {
      const audit = grid && { window: grid.window, windowText: grid.windowText, cells: grid.cells, permissions: usageCells(grid) };
      await io.data(jsonOutput(audit ? { ...p, audit } : p));
    } else io.out(grid ? `${permissionsText(p)}\n\n${usageText(grid)}` : permissionsText(p));
    return reportLoadProblems(snapshot, io, values["partial-ok"]);
  },
};
