/** `clearance who-can` — the subjects allowed a request, each with the bindings and rules that grant it. */
// the RBAC modules who-can needs, not lib/rbac's index (which reaches the findings, lib/analysis and lib/netpol)
import { indexSnapshot } from "../../lib/rbac/rbac-index";
import { describeRequest, type AccessRequest } from "../../lib/rbac/request";
import { whoCan, type WhoCanResult } from "../../lib/rbac/who-can";
import { buildWhoCanRequest, type WhoCanQuery } from "../../lib/rbac/explorer-query";
import { COMMON_HELP, UsageError, oneOf, parse } from "../args";
import { jsonOutput, table, type IO } from "../io";
import { loadSource, reportLoadProblems } from "../source";
import type { Command } from "./types";

const OPTIONS = {
  "api-group": { type: "string" },
  namespace: { type: "string", short: "n" },
  name: { type: "string" },
  "non-resource-url": { type: "string" },
} as const;

export const HELP = `Usage: clearance who-can VERB RESOURCE[/SUBRESOURCE] [--api-group G] [--namespace NS] [--name NAME] [source]
       clearance who-can VERB --non-resource-url URL [source]

Lists every subject the RBAC authorizer would allow, with each path that grants it, as upstream's
AllowedSubjects does: Group system:masters first (it bypasses RBAC), then the subjects of every
ClusterRoleBinding and, when --namespace is given, of every RoleBinding in that namespace whose role
allows the request. Without --namespace a namespaced resource is asked across all namespaces, which
only ClusterRoleBindings can grant. Cluster-scoped resources and non-resource URLs are granted only
through ClusterRoleBindings; the Namespace object lives in its own namespace.

RESOURCE may be written as kubectl does: pods, po, deployments.apps, pods/exec, */scale is not a
resource. Without --api-group or a dot, the group comes from the well-known resources (deployments →
apps), then from the roles in the snapshot, else core.

Options:
  --api-group G           API group ("" is core)
  --namespace, -n NS      namespace of the request
  --name NAME             name of the object (rules with resourceNames match only named requests)
  --non-resource-url URL  a non-resource request (/healthz, /metrics, /apis/*)

JSON (--output json): {"request":{...},"subjects":[{"kind","name","namespace"?,"via":[Via...]}],
"notes":[...],"missingRoles":[...]}. A Via is
  {"text":"RoleBinding \\"payments/pod-debuggers\\" of ClusterRole \\"pod-debugger\\"",
   "binding":{"kind","name","namespace"?},"role":{"kind","name","namespace"?},
   "rules":[indices of the role's matching rules],"scope":"cluster"|"namespace","namespace"?}
or, for system:masters, {"text":...,"bypass":true,"scope":"cluster"}.

${COMMON_HELP}`;

/** The positionals and flags as the explorer's question: one request builder for the browser and the CLI (lib/rbac/explorer-query.ts). */
function questionOf(positionals: string[], values: { "api-group"?: string; namespace?: string; name?: string; "non-resource-url"?: string }): WhoCanQuery {
  const [verb, resource, ...extra] = positionals;
  if (!verb) throw new UsageError("give a VERB (get, list, create, ...)");
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  return {
    verb,
    ...(resource ? { resource } : {}),
    ...(values["api-group"] !== undefined ? { apiGroup: values["api-group"] } : {}),
    ...(values.namespace ? { namespace: values.namespace } : {}),
    ...(values.name ? { name: values.name } : {}),
    ...(values["non-resource-url"] !== undefined ? { url: values["non-resource-url"] } : {}),
  };
}

export function whoCanText(req: AccessRequest, res: WhoCanResult, notes: readonly string[]): string {
  const rows: string[][] = [];
  for (const s of res.subjects) {
    s.via.forEach((v, i) => {
      const via = v.rules?.length ? `${v.text} (rule${v.rules.length > 1 ? "s" : ""} ${v.rules.join(", ")})` : v.text;
      rows.push(i === 0 ? [s.kind, s.namespace ?? "", s.name, via] : ["", "", "", via]);
    });
  }
  const lines = [`Who can ${describeRequest(req)}:`, "", table(["KIND", "NAMESPACE", "NAME", "VIA"], rows)];
  const all = [...notes, ...res.missingRoles.map((m) => `grants nothing, its role is missing: ${m}`)];
  if (all.length) lines.push("", ...all.map((n) => `Note: ${n}`));
  return lines.join("\n");
}

export const whoCanCommand: Command = {
  name: "who-can",
  help: HELP,
  async run(argv: string[], io: IO) {
    const { values, positionals } = parse(argv, OPTIONS);
    const output = oneOf("output", values.output, ["text", "json"], "text");
    const question = questionOf(positionals, values);
    // Validate the question before loading anything (no index yet: the table and core decide).
    buildWhoCanRequest(question);
    const snapshot = await loadSource(values, io.env, io.stdin);
    const index = indexSnapshot(snapshot);
    const { request, notes } = buildWhoCanRequest(question, index);
    const res = whoCan(index, request);
    if (output === "json") await io.data(jsonOutput({ request, subjects: res.subjects, notes, missingRoles: res.missingRoles }));
    else io.out(whoCanText(request, res, notes));
    return reportLoadProblems(snapshot, io, values["partial-ok"]);
  },
};
