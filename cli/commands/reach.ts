/**
 * `clearance reach` — who can reach whom. With --from and --to: one flow on one port, explained
 * (which policies isolate each side, which rule admits the flow or came closest, the admin chain).
 * Without: every allowed connection at workload level, in np-guard/netpol-analyzer's connlist format.
 */
import type { Protocol } from "../../lib/model";
import { networkAnalysis } from "../../lib/netpol/analysis";
import { netpolAnalyzerName } from "../../lib/netpol/conformance";
import { connlist, connlistChunks } from "../../lib/netpol/connlist";
import { reachJson, reachText } from "../../lib/netpol/format";
import { ingressControllerEdges } from "../../lib/netpol/ingress-controller";
import { explainWithAlternatives } from "../../lib/netpol/cni-alternatives";
import { networkGapSummary } from "../../lib/netpol/completeness";
import { CNI_IDS, type CniChoice } from "../../lib/netpol/cni/profiles";
import { COMMON_HELP, oneOf, parse, UsageError } from "../args";
import { endLine, jsonOutput, type IO } from "../io";
import { loadSource, reportLoadProblems } from "../source";
import type { Command } from "./types";

const REACH_OPTIONS = {
  from: { type: "string" },
  to: { type: "string" },
  port: { type: "string" },
  protocol: { type: "string" },
  "ipblock-matches-pods": { type: "boolean" },
  "netpol-analyzer": { type: "boolean" },
  cni: { type: "string" },
} as const;

/** Exit status of a one-flow answer that something not evaluated could change. */
export const EXIT_INCOMPLETE = 3;

export const reachCommand: Command = {
  name: "reach",
  help: `Usage: clearance reach --from NS/POD|IP --to NS/POD|IP --port N [--protocol TCP|UDP|SCTP] [source] [--output text|json] [--cni auto|cilium|calico|none|...]
       clearance reach [source] [--output txt|json] [--cni ...]

One flow: the verdict and, for each side, the policies that isolate the pod, the rule that admits
the flow or the rule that came closest, and the admin chain (AdminNetworkPolicy, ClusterNetworkPolicy
Admin and Baseline tiers, BaselineAdminNetworkPolicy) with Pass.
  --from NS/POD|NS/WORKLOAD|IP     the source (a workload stands for its first pod)
  --to NS/POD|NS/WORKLOAD|NS/SERVICE|IP
                                   the destination; a Service is resolved to its pods on the target port
                                   (then --port may be the service port's number or name)
  --port N                         destination port
  --protocol P                     TCP (default), UDP or SCTP

Without --from/--to: every allowed connection between workloads and outside address blocks, as
"src => dst : conn" lines (txt, the default) or [{"src","dst","conn"}] (json), the format of
np-guard/netpol-analyzer. Ingress and Route backends appear as {ingress-controller} => workload.

  --cni auto|none|CNI              whose semantics apply: auto (default) detects the CNI from the snapshot
                                   (its agents, or the policy kinds present); none is Kubernetes alone;
                                   or one of ${CNI_IDS.filter((c) => c !== "none").join(", ")}
  --ipblock-matches-pods           ipBlock rules also match pod IPs, whatever the CNI does
  --netpol-analyzer                np-guard/netpol-analyzer's conventions, to compare with it from outside:
                                   Kubernetes semantics alone (--cni none), host-networked pods are
                                   ordinary pods (policies select them; CNIs do not), and workloads are
                                   named by the pod's owner reference as written (ns/web-7d9f[ReplicaSet],
                                   not its Deployment)

Exit status: 0 answered, 2 bad input, ${EXIT_INCOMPLETE} (one flow) the answer is incomplete: a policy kind or rule the
engine does not evaluate (L7 rules, toFQDNs, Antrea or mesh policies, ...) could change it; the
answer says which.

${COMMON_HELP}`,
  async run(argv: string[], io: IO) {
    const { values } = parse(argv, REACH_OPTIONS);
    const flow = values.from !== undefined || values.to !== undefined;
    if (flow && (!values.from || !values.to)) throw new UsageError("--from and --to go together");
    if (flow && !values.port) throw new UsageError("--port is required with --from and --to");
    if (!flow && (values.port || values.protocol)) throw new UsageError("--port and --protocol need --from and --to");
    const protocol = oneOf<Protocol>("protocol", values.protocol?.toUpperCase(), ["TCP", "UDP", "SCTP"], "TCP");
    const output = oneOf("output", values.output, ["text", "txt", "json"], "text");
    const snapshot = await loadSource(values, io.env, io.stdin);
    const netpolAnalyzer = !!values["netpol-analyzer"];
    const cni = netpolAnalyzer ? "none" : oneOf<CniChoice>("cni", values.cni?.toLowerCase(), ["auto", ...CNI_IDS], "auto");
    const { model, reach, index } = networkAnalysis(snapshot, { cni, ...(values["ipblock-matches-pods"] ? { ipBlockMatchesPods: true } : {}), ...(netpolAnalyzer ? { hostNetworkPods: "pod" as const } : {}) });
    if (flow) {
      const port = /^\d+$/.test(values.port!) ? Number(values.port) : values.port!;
      const answer = explainWithAlternatives(model, index, { from: values.from!, to: values.to!, port, protocol });
      if (output === "json") await io.data(jsonOutput(reachJson(answer)));
      else io.out(reachText(answer));
      const status = reportLoadProblems(snapshot, io, values["partial-ok"]);
      return status === 0 && answer.complete === false ? EXIT_INCOMPLETE : status;
    }
    const name = netpolAnalyzer ? netpolAnalyzerName : undefined;
    const entries = connlist(reach, { ...(name ? { name } : {}), extra: ingressControllerEdges(reach, name ? { name } : {}) });
    if (output === "json") await io.data(endLine(connlistChunks(entries, "json")));
    else await io.write(endLine(connlistChunks(entries, "txt")));
    const gaps = networkGapSummary(model);
    if (gaps.length) io.err(`note: some connections may be incomplete (${model.cni.profile.label}): ${gaps.join("; ")}`);
    return reportLoadProblems(snapshot, io, values["partial-ok"]);
  },
};
