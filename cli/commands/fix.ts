/**
 * `clearance fix finding ID | grant --subject … --verb … --resource … [SOURCE]` — the smallest
 * changes that remove a risk, each as a draft (YAML) checked by applying it, with who loses what
 * (lib/fix). `--output yaml` prints the narrowest alternative's draft alone, for a file or a
 * pull request; `clearance whatif --draft` shows what it does.
 */
import { rbacIndexOf } from "../../lib/analysis";
import { scanSnapshot } from "../../lib/findings/scan";
import { lossLines, lossLineText } from "../../lib/fix/describe";
import { fixFinding, type FindingFix } from "../../lib/fix/finding";
import type { TargetLevel } from "../../lib/fix/harden";
import type { PostureFix } from "../../lib/fix/posture";
import { fixFlow, type FlowFix } from "../../lib/fix/flow";
import { fixGrantQuery } from "../../lib/fix/grant";
import type { RbacFix } from "../../lib/fix/rbac";
import type { ClusterSnapshot } from "../../lib/model";
import { resolveResource } from "../../lib/rbac/resolve-resource";
import { describeSubject, parseSubjectId } from "../../lib/rbac/subjects";
import { COMMON_HELP, oneOf, parse, UsageError } from "../args";
import type { IO } from "../io";
import { loadSource, loadSourceArg, reportLoadProblems } from "../source";
import type { Command } from "./types";

const indent = (text: string, by = "      ") => text.trimEnd().split("\n").map((l) => by + l).join("\n");

export function renderRbacFix(fix: RbacFix): string {
  const t = fix.target;
  const out = [`${describeSubject(t.subject)}: ${t.points.map((p) => `${p.verb} ${p.resource}${p.apiGroup ? `.${p.apiGroup}` : ""}`).join(", ")} ${t.namespace ? `in ${t.namespace}` : "cluster-wide"}`];
  out.push(fix.paths.length ? `Granted by: ${fix.paths.join("; ")}` : "None of its own bindings grants it: nothing to fix here.");
  if (fix.alsoThrough.length) out.push(`It also gets it through groups it is in (fix those separately): ${fix.alsoThrough.join("; ")}`);
  fix.alternatives.forEach((a, i) => {
    const verdict = [a.collateral ? `${a.collateral} other permission${a.collateral === 1 ? "" : "s"} lost` : "nothing else lost", a.fixesFinding === false ? "does NOT fix the finding" : a.fixesFinding ? "fixes the finding" : "", a.removesTarget ? "" : "does NOT remove it"].filter(Boolean).join("; ");
    out.push("", `${i + 1}. ${a.title} — ${verdict}`, ...a.steps.map((s) => `   - ${s}`), "   Who loses what:");
    for (const l of a.loses) {
      out.push(`     ${describeSubject(l.subject)}:`);
      for (const line of lossLines(l.lost)) out.push(`       ${lossLineText(line)}`);
    }
    out.push("   Draft:", indent(a.yaml));
  });
  return out.join("\n");
}

export function renderPostureFix(fix: PostureFix): string {
  return [
    `${fix.target.kind} ${fix.target.namespace}/${fix.target.name}: Pod Security ${fix.before} → ${fix.after}${fix.level ? ` (target ${fix.level})` : ""}`,
    fix.fixes.length ? `Fixes: ${fix.fixes.join(", ")}` : "Nothing to fix: it already meets the level.",
    ...fix.notes.map((n) => `Note: ${n}`),
    `Apply: ${fix.kubectl}`,
    "Patch (also a draft for clearance whatif):",
    indent(fix.yaml, "  "),
  ].join("\n");
}

export function renderFlowFix(fix: FlowFix): string {
  const t = fix.target;
  const out = [`${fix.from} → ${fix.to} ${t.protocol} ${t.port}: ${fix.allowedBefore ? "already allowed, nothing to fix" : "blocked"}`];
  for (const s of fix.sides) out.push(`  ${s.direction}: ${s.allowed ? "allowed" : "BLOCKED"} — ${s.reason}`);
  for (const n of fix.notes) out.push(`Note: ${n}`);
  fix.alternatives.forEach((a, i) => {
    const radius = a.opened.length || a.closed.length ? `also opens ${a.opened.length} connection${a.opened.length === 1 ? "" : "s"}, closes ${a.closed.length}` : "opens nothing else";
    out.push("", `${i + 1}. ${a.title} — ${a.admits ? radius : "does NOT admit the flow"}`, ...a.steps.map((s) => `   - ${s}`), `   Owner: ${a.owners.join("; ")}`);
    for (const n of a.notes) out.push(`   Note: ${n}`);
    if (a.opened.length) out.push("   Also opens:", ...a.opened.map((c) => `     ${c.src} => ${c.dst} : ${c.conn}`));
    if (a.closed.length) out.push("   Closes:", ...a.closed.map((c) => `     ${c.src} => ${c.dst} : ${c.conn}`));
    out.push(a.draft ? "   Draft:" : "   Patch (kubectl; not a Clearance draft):", indent(a.yaml));
  });
  return out.join("\n");
}

function yamlOf(f: FindingFix | RbacFix | FlowFix): string {
  if ("sides" in f) return f.alternatives[0]?.yaml ?? "";
  if ("kind" in f) return f.kind === "rbac" ? (f.fix.alternatives[0]?.yaml ?? "") : f.kind === "posture" ? f.fix.yaml : "";
  return f.alternatives[0]?.yaml ?? "";
}

function findingText(f: FindingFix): string {
  const head = `${f.finding.id} ${f.finding.rule} ${f.finding.severity}: ${f.finding.title}`;
  if (f.kind === "none") return `${head}\n${f.reason}`;
  return `${head}\n\n${f.kind === "rbac" ? renderRbacFix(f.fix) : renderPostureFix(f.fix)}`;
}

async function source(values: { snapshot?: string[]; context?: string; kubeconfig?: string; demo?: boolean }, positionals: string[], io: IO): Promise<ClusterSnapshot> {
  if (positionals.length > 1) throw new UsageError(`one source at most (got ${positionals.join(", ")})`);
  if (positionals.length && (values.snapshot || values.context || values.demo)) throw new UsageError("give the source as an argument or as --snapshot/--context/--demo, not both");
  return positionals.length ? loadSourceArg(positionals[0], io.env, values.kubeconfig, io.stdin) : loadSource(values, io.env, io.stdin);
}

export const fixCommand: Command = {
  name: "fix",
  help: `Usage: clearance fix finding ID [SOURCE] [--level baseline|restricted] [--output text|json|yaml]
       clearance fix grant --subject SUBJECT --verb VERB --resource RESOURCE [--api-group G] [--namespace NS] [SOURCE]
       clearance fix flow --from FROM --to TO --port PORT [--protocol TCP|UDP|SCTP] [SOURCE]

  finding ID     a finding id from clearance scan: RBAC risks get the grant fix below (each alternative
                 also checked to make the finding go away); Pod Security and hygiene findings of a
                 workload get the strategic merge patch to the workload that owns the pod
  --level        the Pod Security level a workload patch aims at (default: the failing control's level)
  grant          take VERB (or VERB,VERB…) on RESOURCE away from SUBJECT: User/NAME, Group/NAME or ServiceAccount/NS/NAME;
                 RESOURCE as kubectl writes it (pods, pods/exec, deployments.apps); in --namespace NS
                 (default cluster-wide). Alternatives, narrowest first: its own role when the role is
                 shared, narrowing the rules in place, taking it out of the bindings — each with every
                 permission anyone loses (the authorizer's before/after difference) and its draft
  flow           admit FROM → TO on PORT (NS/WORKLOAD, NS/POD, NS/KIND/NAME or an address): for each side
                 that blocks it, a rule on an isolating NetworkPolicy or a new narrow one (selectors from
                 the workloads' stable labels, the namespace by kubernetes.io/metadata.name), or, when an
                 admin-tier or baseline rule denies it, an Allow rule before it (a kubectl JSON patch:
                 the cluster's administrators own those policies). Under Calico, an Allow (or Pass)
                 before the tier's deciding Deny, or at the end of a policy whose tier denies by
                 default; under Cilium, whose deny rules win over any allow, the deny rule narrowed to
                 leave the peer out (or removed), or an allow rule in the isolating Cilium policy.
                 Each with its blast radius — every
                 other connection it opens and every one it closes — narrowest first
  SOURCE         "demo", "context:NAME" or a manifest file or directory; or the options below
  --output, -o   text (default), json, or yaml (the narrowest alternative's draft alone)

${COMMON_HELP}

Nothing is sent to the cluster: apply the draft yourself, or look at it first with clearance whatif --draft.
Exit codes: 0 ok; 2 bad input (unknown finding, subject without that permission, unreadable source).`,
  async run(argv: string[], io: IO) {
    const [what, ...rest] = argv;
    if (what !== "finding" && what !== "grant" && what !== "flow") throw new UsageError(`say what to fix: "clearance fix finding ID", "clearance fix grant …" or "clearance fix flow …" (got ${what ? `"${what}"` : "nothing"})`);
    const { values, positionals } = parse(rest, { from: { type: "string" }, to: { type: "string" }, port: { type: "string" }, protocol: { type: "string" }, level: { type: "string" }, subject: { type: "string" }, verb: { type: "string" }, resource: { type: "string" }, "api-group": { type: "string" }, namespace: { type: "string", short: "n" } });
    const output = oneOf("output", values.output, ["text", "json", "yaml"], "text");
    let result: FindingFix | RbacFix | FlowFix;
    let snapshot: ClusterSnapshot;
    if (what === "flow") {
      if (!values.from || !values.to || !values.port) throw new UsageError("fix flow needs --from, --to and --port");
      const port = Number(values.port);
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port ${values.port}: a number from 1 to 65535`);
      const protocol = oneOf("protocol", values.protocol?.toUpperCase(), ["TCP", "UDP", "SCTP"], "TCP");
      snapshot = await source(values, positionals, io);
      try {
        result = fixFlow(snapshot, { from: values.from, to: values.to, port, protocol });
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
    } else if (what === "finding") {
      const [id, ...src] = positionals;
      if (!id) throw new UsageError("give the finding id: clearance fix finding ID");
      const level = values.level ? oneOf("level", values.level, ["baseline", "restricted"], "baseline") : undefined;
      snapshot = await source(values, src, io);
      const f = scanSnapshot(snapshot, { includeDefaults: true }).findings.find((x) => x.id === id);
      if (!f) throw new UsageError(`no finding ${id} in ${snapshot.source.label} (clearance scan lists the ids)`);
      result = fixFinding(snapshot, f, level ? { level: level as TargetLevel } : {});
    } else {
      if (!values.subject || !values.verb || !values.resource) throw new UsageError("fix grant needs --subject, --verb and --resource");
      const subject = parseSubjectId(values.subject);
      if (!subject) throw new UsageError(`--subject ${values.subject}: write User/NAME, Group/NAME or ServiceAccount/NAMESPACE/NAME`);
      snapshot = await source(values, positionals, io);
      let r;
      try {
        r = resolveResource(values.resource, values["api-group"], rbacIndexOf(snapshot));
      } catch (e) {
        throw new UsageError(`--resource ${values.resource}: ${(e as Error).message}`);
      }
      const fix = fixGrantQuery(snapshot, { subject: values.subject, verbs: values.verb.split(","), group: r.apiGroup, resource: r.subresource ? `${r.resource}/${r.subresource}` : r.resource, namespace: values.namespace ?? "" });
      if (!fix.paths.length) throw new UsageError(`${describeSubject(subject)} is not granted ${values.verb} ${values.resource} ${values.namespace ? `in ${values.namespace}` : "cluster-wide"} by a binding that names it${fix.alsoThrough.length ? ` (only through a group: ${fix.alsoThrough.join("; ")})` : ""}`);
      result = fix;
    }
    io.out(output === "json" ? JSON.stringify(result, null, 2) : output === "yaml" ? yamlOf(result) || "# no automatic fix" : "sides" in result ? renderFlowFix(result) : "kind" in result ? findingText(result) : renderRbacFix(result));
    return reportLoadProblems(snapshot, io, values["partial-ok"]);
  },
};
