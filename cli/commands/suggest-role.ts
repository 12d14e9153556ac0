/**
 * `clearance suggest-role` — Roles/ClusterRoles and bindings cut to what a subject used over the
 * window an audit log covers, in place of the bindings that name it today; checked by the evaluator
 * (every allowed request still allowed) and shown as what each of today's bindings would lose.
 */
import { rightSize, type RightSizing } from "../../lib/audit/right-size";
import { rbacIndexOf } from "../../lib/analysis";
import { describeSubject } from "../../lib/rbac";
import { AUDIT_HELP, AUDIT_OPTIONS, loadAudit } from "../audit";
import { COMMON_HELP, UsageError, oneOf, parse } from "../args";
import type { IO } from "../io";
import { loadSource, reportLoadProblems } from "../source";
import { subjectOf } from "./permissions";
import type { Command } from "./types";

const OPTIONS = {
  user: { type: "string" },
  group: { type: "string", multiple: true },
  "service-account": { type: "string" },
  verbs: { type: "string" },
  names: { type: "string" },
  ...AUDIT_OPTIONS,
} as const;

const HELP = `Usage: clearance suggest-role (--service-account NS/NAME | --user U [--group G]... | --group G) --audit-log PATH... [source]
                            [--output yaml|json] [--verbs observed|family] [--names observed|any]

Suggests Roles/ClusterRoles and bindings that grant exactly what the subject used in the window the
audit log covers, to replace the bindings that name it today. Requests that bindings to its groups
already allow are not repeated (group membership is the identity provider's). The suggestion is
checked by the same evaluator: applied in place of today's bindings, every request the log shows as
allowed must still be allowed. Namespaces that needed the same rules share one ClusterRole, bound in
each by a RoleBinding; what only ClusterRoleBindings can grant (cluster-scoped resources, requests
across all namespaces, non-resource URLs) gets a ClusterRole and ClusterRoleBinding.

  --verbs observed|family   verbs as seen (default), or their family (get/list/watch, create/update/patch,
                            delete/deletecollection)
  --names observed|any      object names as seen (default; any name where a request named none or more
                            than 16 were seen), or any name
${AUDIT_HELP}

Output: yaml (default) — the objects as one YAML stream, a comment header saying what they replace,
what is removed and whether the check passed, then the bindings they replace: rewritten without the
subject, or (when it was their only subject) named by "# clearance: delete KIND NAMESPACE/NAME" lines
— comments to kubectl apply (delete those bindings yourself), deletions to a what-if draft, so the
same file shows what the change does: clearance whatif --draft FILE [source]; json — {"subject","window","windowText",
"generalisation","needed","manifests","yaml","verification":{"ok","checked","missing"},
"risk":{"before","after","removed"},"changes":[{"text","binding","role","action","otherSubjects",
"used","rules":[{"index","text","used","usedAs","lost"}],"lostRisks"}]}.
Exit code 2 when the check fails (a used request would stop working) or the input is bad.

${COMMON_HELP.replace("text (default) or json", "yaml (default) or json")}`;

/** Comment lines for the YAML header: the check, what is removed, and what each binding loses. */
export function reviewLines(r: RightSizing): string[] {
  const out = [r.verification.ok ? `Checked: all ${r.verification.checked.atoms} distinct allowed requests (${r.verification.checked.requests} in all) are still allowed with this applied.` : `CHECK FAILED: ${r.verification.missing.length} request(s) would stop working: ${r.verification.missing.map((m) => m.text).join("; ")}`];
  for (const x of r.risk.removed) out.push(`Removes: ${x.title} (${x.severity}) — ${x.text}.`);
  for (const x of r.risk.after) out.push(`Keeps (used): ${x.title} (${x.severity}) ${x.text}, because of: ${x.because.map((b) => `${b.text} ×${b.count}`).join("; ")}.`);
  for (const c of r.changes) {
    const lost = c.rules.filter((x) => x.lost !== "none").map((x) => `rule ${x.index} ${x.text}${x.lost === "rest" ? " (all but what was used)" : ""}`);
    out.push(`${c.text} would lose: ${lost.length ? lost.join("; ") : "nothing"}.`);
  }
  return out;
}

export const suggestRoleCommand: Command = {
  name: "suggest-role",
  help: HELP,
  async run(argv: string[], io: IO) {
    const { values, positionals } = parse(argv, OPTIONS);
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const output = oneOf("output", values.output, ["yaml", "json"], "yaml");
    const verbs = oneOf("verbs", values.verbs, ["observed", "family"], "observed");
    const names = oneOf("names", values.names, ["observed", "any"], "observed");
    if (!values["audit-log"]?.length) throw new UsageError("give --audit-log PATH: the suggestion is cut to what the log shows");
    const { subject, assumeGroups } = subjectOf(values);
    const snapshot = await loadSource(values, io.env);
    const analysis = (await loadAudit(values["audit-log"], snapshot, io))!;
    const r = rightSize(rbacIndexOf(snapshot), analysis, subject, { generalisation: { verbs, names }, assumeGroups });
    if (!r.changes.length) io.err(`note: no binding names ${describeSubject(subject)}; the suggestion only adds what its groups do not already allow`);
    if (output === "json") io.out(JSON.stringify(r, null, 2));
    else io.out(`${reviewLines(r).map((l) => `# ${l}`).join("\n")}\n${r.yaml}`);
    const load = reportLoadProblems(snapshot, io, values["partial-ok"]);
    if (!r.verification.ok) {
      io.err(`clearance suggest-role: the check failed: ${r.verification.missing.length} used request(s) would not be allowed`);
      return 2;
    }
    return load;
  },
};
