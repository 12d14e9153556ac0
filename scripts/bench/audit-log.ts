/**
 * The benchmark's audit log: about 1 GB of gzip'd audit events over the benchmark's cluster
 * (lib/synth/audit/large.ts), as kube-apiserver rotates them by size (`--audit-log-maxsize`,
 * `--audit-log-compress`: gzip at the default level). Generated once into bench-data/ and reused
 * while the cluster, the size and the generator stay the same (VERSION).
 */
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { finished } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { ClusterSnapshot } from "../../lib/model";
import { castOf, largeAuditLines, type AuditCast } from "../../lib/synth/audit/large";

export interface AuditLogInfo {
  dir: string;
  files: number;
  bytes: number;
  generatedMs?: number;
}

const GENERATOR_VERSION = "1";
/** Files written at once: each has its own gzip stream, compressing on libuv's thread pool. */
const CONCURRENCY = 2;

async function writeOne(file: string, cast: AuditCast, index: number, targetBytes: number, start: number): Promise<void> {
  const gz = createGzip({ level: 6 });
  const out = createWriteStream(`${file}.part`);
  gz.pipe(out);
  const lines = largeAuditLines(cast, index, { seed: 15, start, stepMs: 12 });
  while (out.bytesWritten + gz.writableLength < targetBytes) {
    const chunk: string[] = [];
    for (let i = 0; i < 2000; i++) chunk.push(lines.next().value as string);
    if (!gz.write(`${chunk.join("\n")}\n`)) await once(gz, "drain");
  }
  gz.end();
  await finished(out);
  const { renameSync } = await import("node:fs");
  renameSync(`${file}.part`, file);
}

/** Makes sure `dir` holds the log (see file comment); returns what is there. */
export async function ensureAuditLog(dir: string, snapshot: ClusterSnapshot, clusterFile: string, totalBytes = 1024 ** 3, files = 8): Promise<AuditLogInfo> {
  const cast = castOf(snapshot);
  const version = createHash("sha256").update(`${GENERATOR_VERSION}|${totalBytes}|${files}|${statSync(clusterFile).size}|${JSON.stringify(cast).length}`).digest("hex").slice(0, 16);
  const stamp = path.join(dir, "VERSION");
  const names = Array.from({ length: files }, (_, i) => path.join(dir, i === files - 1 ? "audit.log.gz" : `audit-${String(i + 1).padStart(3, "0")}.log.gz`));
  const size = () => names.reduce((n, f) => n + (existsSync(f) ? statSync(f).size : 0), 0);
  if (existsSync(stamp) && readFileSync(stamp, "utf8").trim() === version) return { dir, files, bytes: size() };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t = Date.now();
  const day = 86_400_000;
  const start = Date.parse("2026-10-01T00:00:00Z");
  for (let i = 0; i < files; i += CONCURRENCY) {
    await Promise.all(names.slice(i, i + CONCURRENCY).map((f, k) => writeOne(f, cast, i + k, totalBytes / files, start + ((i + k) * day) / 4)));
    process.stderr.write(`[audit log ${Math.min(i + CONCURRENCY, files)}/${files}]`);
  }
  writeFileSync(stamp, `${version}\n`);
  return { dir, files, bytes: size(), generatedMs: Date.now() - t };
}
