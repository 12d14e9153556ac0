/**
 * Reads Kubernetes audit logs as kube-apiserver writes them (`--audit-log-path`, JSON lines): one
 * file, several, or directories of them, plain or gzip (rotated files compressed with
 * `--audit-log-compress`, detected by their magic bytes, not their names). Streamed line by line into
 * lib/audit's accumulator, so memory does not grow with the size of the log; only regular files are
 * read; a line longer than the limit is reported and skipped, as is any line that is not an audit
 * event — reading never stops on bad input.
 */
import { createReadStream } from "node:fs";
import { lstat, open, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { createGunzip } from "node:zlib";
import { ClearanceError } from "../../lib/errors";
import { UsageAccumulator, type AccumulateOptions, type AuditUsage } from "../../lib/audit/accumulate";
import type { RbacIndex } from "../../lib/rbac/rbac-index";
import type { AuditReadProgress } from "../../lib/audit/summary";

export type { AuditReadProgress };

/** Names a directory listing takes as audit logs: `audit.log`, `audit.log.1`, `audit-<time>.log.gz`, `*.json[l][.gz]`. */
const LOG_NAME = /\.(log|jsonl?|ndjson)(\.\d+)?(\.gz)?$|\.gz$/i;


export interface ReadAuditOptions extends AccumulateOptions {
  onProgress?: (p: AuditReadProgress) => void;
  signal?: AbortSignal;
  /** Longest line read (default 16 MB, CLEARANCE_AUDIT_MAX_LINE_MB). */
  maxLineBytes?: number;
}

/** The audit log files under `paths` (directories: matching regular files, recursively, sorted by name). */
export async function auditLogFiles(paths: readonly string[]): Promise<{ file: string; size: number }[]> {
  const out: { file: string; size: number }[] = [];
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch {
      throw new ClearanceError("not_found", `${p}: no such file or directory`);
    }
    if (st.isDirectory()) out.push(...(await walk(p)));
    else if (st.isFile()) out.push({ file: p, size: st.size });
    else throw new ClearanceError("bad_request", `${p}: not a regular file or directory`);
  }
  return out;
}

async function walk(dir: string): Promise<{ file: string; size: number }[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: { file: string; size: number }[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory() && !e.name.startsWith(".")) out.push(...(await walk(full)));
    else if (e.isFile() && LOG_NAME.test(e.name)) out.push({ file: full, size: (await lstat(full)).size });
  }
  return out;
}

async function isGzip(file: string): Promise<boolean> {
  const h = await open(file, "r");
  try {
    const b = Buffer.alloc(2);
    const { bytesRead } = await h.read(b, 0, 2, 0);
    return bytesRead === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    await h.close();
  }
}

function maxLine(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.CLEARANCE_AUDIT_MAX_LINE_MB);
  return (mb > 0 ? mb : 16) * 1024 * 1024;
}

/**
 * Feeds one file's lines to the accumulator; `onBytes` is told the bytes read from disk. Lines are
 * found in the bytes and decoded one by one (a partial line is carried to the next chunk), so no
 * chunk is ever decoded or copied whole.
 */
async function readFile(acc: UsageAccumulator, file: string, opts: ReadAuditOptions, onBytes: (n: number) => void): Promise<void> {
  const limit = opts.maxLineBytes ?? maxLine();
  const gzip = await isGzip(file);
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  const stream = gzip ? raw.pipe(createGunzip({ chunkSize: 1 << 20 })) : raw;
  if (gzip) {
    raw.on("data", (chunk) => onBytes(chunk.length));
    raw.on("error", (e) => stream.destroy(e));
  }
  let carry: Buffer | null = null;
  let skipping = false;
  let line = 0;
  const take = (buf: Buffer, start: number, end: number) => {
    line++;
    if (skipping || end - start > limit) {
      if (!skipping) acc.badLine(line, `line longer than ${Math.round(limit / 1048576)} MB, skipped`);
      skipping = false;
      acc.skipLine();
      return;
    }
    acc.addLine(buf.toString("utf8", start, end > start && buf[end - 1] === 13 ? end - 1 : end));
  };
  try {
    for await (const data of stream) {
      if (opts.signal?.aborted) throw new ClearanceError("timeout", "reading the audit log was cancelled");
      let chunk = data as Buffer;
      if (!gzip) onBytes(chunk.length);
      let start = 0;
      let nl = chunk.indexOf(10);
      if (carry && nl >= 0) {
        // The line that began in an earlier chunk ends here.
        const head = Buffer.concat([carry, chunk.subarray(0, nl + 1)]);
        carry = null;
        take(head, 0, head.length - 1);
        start = nl + 1;
        nl = chunk.indexOf(10, start);
      } else if (carry) {
        chunk = Buffer.concat([carry, chunk]);
        carry = null;
      }
      for (; nl >= 0; nl = chunk.indexOf(10, start)) {
        take(chunk, start, nl);
        start = nl + 1;
      }
      if (start < chunk.length) {
        carry = skipping ? null : Buffer.from(chunk.subarray(start));
        if (carry && carry.length > limit) {
          acc.badLine(line + 1, `line longer than ${Math.round(limit / 1048576)} MB, skipped`);
          skipping = true;
          carry = null;
        }
      }
    }
  } catch (e) {
    if (e instanceof ClearanceError) throw e;
    acc.badLine(line + 1, `cannot read further: ${(e as Error).message}`);
    return;
  }
  if (carry && !skipping) take(carry, 0, carry.length);
  else if (skipping) acc.skipLine();
}

/**
 * Reads every audit log under `paths` into one usage, evaluated against `index`. Throws only when a
 * path does not exist or is not a file or directory; everything else is counted and reported.
 */
export async function readAuditLogs(index: RbacIndex, paths: readonly string[], opts: ReadAuditOptions = {}): Promise<AuditUsage> {
  const files = await auditLogFiles(paths);
  const acc = new UsageAccumulator(index, opts);
  const bytesTotal = files.reduce((n, f) => n + f.size, 0);
  let bytesRead = 0;
  let last = 0;
  for (const [i, { file }] of files.entries()) {
    acc.beginFile(file);
    const report = (force = false) => {
      const now = Date.now();
      if (!opts.onProgress || (!force && now - last < 250)) return;
      last = now;
      opts.onProgress({ file, fileIndex: i + 1, files: files.length, bytesRead, bytesTotal, lines: acc.lines, requests: acc.requests });
    };
    await readFile(acc, file, opts, (n) => {
      bytesRead += n;
      report();
    });
    report(true);
  }
  return acc.result();
}
