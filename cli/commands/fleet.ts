/**
 * `clearance fleet` — every cluster of the kubeconfig (or the ones named) read and scanned with the
 * same rules, side by side: score, grade, criticals, CNI, last read, errors, and each rule's spread.
 * A cluster that cannot be read is listed with its error and makes the exit status 2.
 */
import { readyRow, pendingRow, ruleSpread, type FleetRow } from "../../lib/fleet/fleet";
import { failing, scanSnapshot } from "../../lib/findings/scan";
import type { Severity } from "../../lib/findings/types";
import { contextSourceId } from "../../lib/model/snapshot";
import { oneOf, parse, UsageError } from "../args";
import type { IO } from "../io";
import { entryOf, fleetMarkdown, fleetTable, printable } from "./fleet-output";
import { FAIL_ON, readExceptions } from "./scan";
import type { Command } from "./types";

export const FLEET_FORMATS = ["table", "json", "markdown"] as const;

const OPTIONS = {
  contexts: { type: "string" },
  "all-contexts": { type: "boolean" },
  "fail-on": { type: "string" },
  exceptions: { type: "string" },
  concurrency: { type: "string" },
} as const;

/** Runs `fn` over `items` with at most `width` at a time, keeping their order. */
async function mapLimited<T, R>(items: readonly T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, items.length)) }, worker));
  return out;
}

export const fleetCommand: Command = {
  name: "fleet",
  help: `Usage: clearance fleet [--contexts a,b,c | --all-contexts] [--output table|json|markdown] [--fail-on SEVERITY]

Reads each cluster (read-only, as --context does) and scans it with the same rules.
  --contexts a,b,c      these contexts of the kubeconfig
  --all-contexts        every context of the kubeconfig (the default)
  --output, -o FORMAT   table (default), json (one entry per cluster: context, score, grade, criticals,
                        cni, lastRead, status, error, rules) or markdown
  --fail-on SEVERITY    exit 1 when a cluster has a finding at or above it, not excepted
  --exceptions FILE     accepted risks applied to every cluster
  --concurrency N       clusters read at once (default 3)
  --partial-ok          a cluster with unreadable kinds does not make the exit status 2
With CLEARANCE_DATA_DIR or CLEARANCE_DATABASE_URL set, each scan is recorded and the trend shown.

Exit codes: 0 ok; 1 findings at or above --fail-on; 2 a cluster could not be read (or was read only
in part), or bad usage.`,
  async run(argv: string[], io: IO) {
    const { values, positionals } = parse(argv, OPTIONS);
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    for (const k of ["snapshot", "context", "demo"] as const) if (values[k] !== undefined) throw new UsageError(`--${k} does not apply to fleet: use --contexts a,b,c or --all-contexts`);
    if (values.contexts !== undefined && values["all-contexts"]) throw new UsageError("choose one: --contexts or --all-contexts");
    const output = oneOf("output", values.output, FLEET_FORMATS, "table");
    const failOn = oneOf("fail-on", values["fail-on"], FAIL_ON, "none");
    const width = values.concurrency === undefined ? 3 : Number(values.concurrency);
    if (!Number.isInteger(width) || width < 1) throw new UsageError(`--concurrency must be a positive integer (got "${values.concurrency}")`);
    const exceptions = await readExceptions(values.exceptions);

    const { listContexts } = await import("../../server/sources/kubeconfig");
    const { loadLive } = await import("../../server/sources/live");
    const known = listContexts(io.env);
    const names = values.contexts !== undefined ? [...new Set(values.contexts.split(",").map((s) => s.trim()).filter(Boolean))] : known.map((c) => c.name);
    if (!names.length) throw new UsageError(values.contexts !== undefined ? "--contexts names no context" : "the kubeconfig has no contexts");

    const { openStore } = await import("../../server/store");
    const store = io.env.CLEARANCE_DATA_DIR || io.env.CLEARANCE_DATABASE_URL ? await openStore(io.env) : undefined;
    let failed = false;
    try {
      const rows: FleetRow[] = await mapLimited(names, width, async (context) => {
        const info = known.find((c) => c.name === context);
        const ref = { sourceId: contextSourceId(context), label: context, type: "live" as const, context, ...(info?.server ? { server: info.server } : {}) };
        try {
          const s = await loadLive(context, { env: io.env });
          const report = scanSnapshot(s, { exceptions });
          if (failing(report.findings, failOn as Severity | "none").length) failed = true;
          const earlier = store ? (await store.history.trend(ref.sourceId, 9)).map((t) => t.score) : [];
          if (store) {
            const r = await store.history.record(ref.sourceId, { takenAt: s.takenAt, score: report.score, findings: report.findings });
            if (!r.recorded) io.err(r.reason);
          }
          return readyRow(ref, s, report, earlier);
        } catch (e) {
          const err = e as { code?: string; message?: string };
          return pendingRow(ref, "error", { error: { code: err.code ?? "internal", message: err.message ?? String(e) } });
        }
      });
      const entries = rows.map(entryOf);
      const rules = ruleSpread(rows);
      if (output === "json") io.out(JSON.stringify(entries, null, 2));
      else if (output === "markdown") io.out(fleetMarkdown(entries, rules));
      else io.out(fleetTable(entries, rules));

      for (const e of entries) {
        if (e.error) io.err(printable(`error: ${e.context}: ${e.error.message}`));
        else if (e.unreadable.length) io.err(printable(`warning: ${e.context}: ${e.unreadable.join(", ")} could not be read; its results are partial`));
      }
      const unread = entries.filter((e) => e.status === "error" || (e.status === "partial" && !values["partial-ok"]));
      if (unread.length) return 2;
      return failed ? 1 : 0;
    } finally {
      await store?.close();
    }
  },
};
