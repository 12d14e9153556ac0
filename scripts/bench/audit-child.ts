/**
 * Measures reading an audit log the way `clearance … --audit-log` does, in a process of its own so
 * that its memory is its own: load the cluster (file source) and its RBAC index, then stream the log
 * through the reader. Prints one JSON object: events, times (wall and CPU), the resident memory
 * after the cluster was loaded and at its peak while the log was read, and the process's maximum.
 * Run by scripts/bench/audit.ts with the bench's Node flags: CLUSTER LOGDIR.
 */
import { rbacIndexOf } from "../../lib/analysis";
import { unusedRisks } from "../../lib/audit/findings";
import { analyseUsage } from "../../lib/audit/usage";
import { loadFiles } from "../../server/sources/files";
import { readAuditLogs } from "../../server/audit/read";
import { RssSampler, collectGarbage } from "./measure";

const [cluster, dir] = process.argv.slice(2);
const mb = () => Math.round(process.memoryUsage.rss() / 1048576);

const snapshot = await loadFiles([cluster]);
const index = rbacIndexOf(snapshot);
collectGarbage();
const baselineRssMb = mb();
const sampler = new RssSampler();
sampler.reset();
const cpu = process.cpuUsage();
const t = performance.now();
const usage = await readAuditLogs(index, [dir]);
const wallMs = performance.now() - t;
const used = process.cpuUsage(cpu);
const readPeakRssMb = sampler.peakMb();
const t2 = performance.now();
const analysis = analyseUsage(usage);
const { risks } = unusedRisks(index, analysis);
const analyseMs = performance.now() - t2;
const peakRssMb = sampler.peakMb();
await sampler.stop();
process.stdout.write(
  `${JSON.stringify({
    events: usage.requests,
    lines: usage.lines,
    bad: usage.bad.count,
    files: usage.files.length,
    distinct: usage.atoms.length,
    foldedNames: usage.folded.names,
    window: usage.window,
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    analyseMs,
    unusedRisks: risks.length,
    baselineRssMb,
    readPeakRssMb,
    peakRssMb,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
