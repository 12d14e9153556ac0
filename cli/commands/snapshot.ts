/** `clearance snapshot` — what was loaded: counts per kind and namespace, skipped documents, unavailable kinds. */
import { COLLECTION_KEYS, kindLabel, snapshotSummary } from "../../lib/model";
import { COMMON_HELP, oneOf, parse } from "../args";
import { jsonOutput, table, type IO } from "../io";
import { formatIssue, loadSource, reportLoadProblems } from "../source";
import type { Command } from "./types";

export const snapshotCommand: Command = {
  name: "snapshot",
  help: `Usage: clearance snapshot [source] [--output text|json]

Loads the source and prints what was read. Bad documents are listed with file, document and line;
everything else is still read.

${COMMON_HELP}`,
  async run(argv: string[], io: IO) {
    const { values } = parse(argv, {});
    const output = oneOf("output", values.output, ["text", "json"], "text");
    const s = await loadSource(values, io.env, io.stdin);
    const summary = snapshotSummary(s);
    if (output === "json") {
      await io.data(jsonOutput(summary));
    } else {
      io.out(`${s.source.label} (${s.source.type}), taken ${s.takenAt}${summary.partial ? " — PARTIAL" : ""}\n`);
      io.out(table(["KIND", "COUNT"], COLLECTION_KEYS.filter((k) => summary.counts[k] > 0).map((k) => [kindLabel(k), summary.counts[k]])));
      if (summary.synthesizedPods) io.out(`\n${summary.synthesizedPods} pods synthesized from workload templates (no live pods in the input).`);
      const ign = Object.entries(s.ignored);
      if (ign.length) io.out(`Not analysed: ${ign.map(([k, n]) => `${n} ${k}`).join(", ")}.`);
      if (summary.unavailable.length) {
        io.out(`\nCould not read: ${summary.unavailable.map((u) => `${u.resource} (${u.state}${u.message ? `: ${u.message}` : ""})`).join(", ")}.`);
      }
      if (s.issues.length) io.out(`\n${s.issues.length} problem(s), listed on stderr.`);
    }
    // Problems go to stderr in every format, so stdout stays what was read.
    for (const i of s.issues) if (i.severity === "info") io.err(formatIssue(i));
    return reportLoadProblems(s, io, values["partial-ok"]);
  },
};
