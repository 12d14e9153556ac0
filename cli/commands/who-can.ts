/** `clearance who-can` — the subjects allowed a request, each with the bindings and rules that grant it. */
import { describeRequest, indexSnapshot, isClusterScoped, nonResourceRequest, normalizeResourceRequest, resolveResource, whoCan, type AccessRequest, type WhoCanResult } from "../../lib/rbac";
import { COMMON_HELP, UsageError, oneOf, parse } from "../args";
import { table, type IO } from "../io";
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

function buildRequest(positionals: string[], values: { "api-group"?: string; namespace?: string; name?: string; "non-resource-url"?: string }, resolve: (arg: string, group: string | undefined) => { apiGroup: string; resource: string; subresource: string; notes: string[] }): { request: AccessRequest; notes: string[] } {
  const [verb, resource, ...extra] = positionals;
  if (!verb) throw new UsageError("give a VERB (get, list, create, ...)");
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const url = values["non-resource-url"];
  if (url !== undefined) {
    if (resource) throw new UsageError("give either RESOURCE or --non-resource-url, not both");
    if (values["api-group"] !== undefined || values.namespace || values.name) throw new UsageError("--non-resource-url takes no --api-group, --namespace or --name");
    if (!url.startsWith("/") && url !== "*") throw new UsageError(`--non-resource-url must start with "/" (got "${url}")`);
    return { request: nonResourceRequest(verb, url), notes: [] };
  }
  if (!resource) throw new UsageError("give a RESOURCE (pods, deployments.apps, pods/exec) or --non-resource-url URL");
  let r;
  try {
    r = resolve(resource, values["api-group"]);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const n = normalizeResourceRequest({ verb, apiGroup: r.apiGroup, resource: r.resource, subresource: r.subresource, name: values.name, namespace: values.namespace });
  return { request: n.request, notes: [...r.notes, ...n.notes] };
}

export function whoCanText(req: AccessRequest, res: WhoCanResult, notes: string[]): string {
  const rows: string[][] = [];
  for (const s of res.subjects) {
    s.via.forEach((v, i) => {
      const via = v.rules?.length ? `${v.text} (rule${v.rules.length > 1 ? "s" : ""} ${v.rules.join(", ")})` : v.text;
      rows.push(i === 0 ? [s.kind, s.namespace ?? "", s.name, via] : ["", "", "", via]);
    });
  }
  const lines = [`Who can ${describeRequest(req)}:`, "", table(["KIND", "NAMESPACE", "NAME", "VIA"], rows)];
  const all = [...notes];
  if (req.resourceRequest && !req.namespace && !isClusterScoped(req.apiGroup, req.resource)) {
    all.push("no --namespace: only ClusterRoleBindings answer a request across all namespaces; add --namespace NS to include that namespace's RoleBindings");
  }
  all.push(...res.missingRoles.map((m) => `grants nothing, its role is missing: ${m}`));
  if (all.length) lines.push("", ...all.map((n) => `Note: ${n}`));
  return lines.join("\n");
}

export const whoCanCommand: Command = {
  name: "who-can",
  help: HELP,
  async run(argv: string[], io: IO) {
    const { values, positionals } = parse(argv, OPTIONS);
    const output = oneOf("output", values.output, ["text", "json"], "text");
    // Validate the arguments before loading anything (no index yet: the table and core decide).
    buildRequest(positionals, values, (arg, group) => resolveResource(arg, group));
    const snapshot = await loadSource(values, io.env);
    const index = indexSnapshot(snapshot);
    const { request, notes } = buildRequest(positionals, values, (arg, group) => resolveResource(arg, group, index));
    const res = whoCan(index, request);
    if (output === "json") io.out(JSON.stringify({ request, subjects: res.subjects, notes, missingRoles: res.missingRoles }, null, 2));
    else io.out(whoCanText(request, res, notes));
    return reportLoadProblems(snapshot, io, values["partial-ok"]);
  },
};
