/**
 * The audit-log stage (issue 15): about 1 GB of gzip'd audit log over the benchmark's cluster,
 * read in a child process (audit-child.ts) so its memory is measured alone. Reports events per
 * second (wall and CPU), the peak resident memory while reading and the child's maximum, and checks
 * them against the targets: at least 100,000 events per second, peak memory under 1 GB.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureAuditLog } from "./audit-log";
import type { BenchStage } from "./stages";

export const AUDIT_STAGE = "audit: read 1 GB gzip log (child process)";

export const AUDIT_METRIC = {
  eventsPerSec: "auditEventsPerSec",
  eventsPerCpuSec: "auditEventsPerCpuSec",
  peakRssMb: "auditPeakRssMb",
} as const;

export function auditStage(): BenchStage {
  let dir = "";
  return {
    name: AUDIT_STAGE,
    area: "audit",
    runs: 1,
    async setup(ctx) {
      dir = path.join(path.dirname(ctx.file), `audit-${path.basename(ctx.file).replace(/\.json$/, "")}`);
      const info = await ensureAuditLog(dir, ctx.snapshot, ctx.file);
      process.stderr.write(`(${info.files} files, ${(info.bytes / 1048576).toFixed(0)} MB${info.generatedMs ? `, generated in ${(info.generatedMs / 1000).toFixed(0)} s` : ""}) `);
    },
    run(ctx) {
      const child = fileURLToPath(new URL("./audit-child.ts", import.meta.url));
      const r = spawnSync(process.execPath, [...process.execArgv, child, ctx.file, dir], { encoding: "utf8", maxBuffer: 1 << 20 });
      if (r.status !== 0) throw new Error(`audit child failed (${r.status ?? r.signal}): ${r.stderr.trim().split("\n").slice(-3).join(" ")}`);
      const m = JSON.parse(r.stdout.trim().split("\n").pop()!) as Record<string, number>;
      return {
        [AUDIT_METRIC.eventsPerSec]: Math.round(m.events / (m.wallMs / 1000)),
        [AUDIT_METRIC.eventsPerCpuSec]: Math.round(m.events / (m.cpuMs / 1000)),
        [AUDIT_METRIC.peakRssMb]: m.readPeakRssMb,
        auditEvents: m.events,
        auditReadSec: Math.round(m.wallMs / 100) / 10,
        auditBaselineRssMb: m.baselineRssMb,
        auditMaxRssMb: m.maxRssMb,
        auditDistinct: m.distinct,
        auditAnalyseSec: Math.round(m.analyseMs / 100) / 10,
        auditBadLines: m.bad,
      };
    },
  };
}
