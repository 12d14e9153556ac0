/**
 * Writes a synthetic cluster to one JSON file (a v1 List, like `kubectl get -A -o json`), streaming
 * item by item so that XL never becomes one giant string. With `splitBytes`, writes a directory of
 * Lists instead (part-001.json, ...), each small enough to be read as one JavaScript string: a single
 * XL file (GBs) is beyond V8's string limit (~512 MiB), so no JSON reader in Node can load it whole.
 * Written under a temporary name and renamed, so an interrupted run never leaves a truncated file
 * that looks complete.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import path from "node:path";
import { generateCluster, listClose, listItem, listOpen, type SizeName } from "../../lib/synth";

export interface WriteResult {
  path: string;
  bytes: number;
  files: number;
  ms: number;
  counts: Record<string, number>;
}

export interface WriteOptions {
  seed: number;
  /** 4 = kubectl's pretty printing (default); 0 = compact, as the API server sends it. */
  indent: number;
  /** Write a directory of Lists of at most about this many bytes each. */
  splitBytes?: number;
}

/** V8's maximum string length on 64-bit (2^29 − 24 characters): the largest JSON text Node can parse. */
export const MAX_STRING_BYTES = 2 ** 29 - 24;

export function defaultClusterPath(size: SizeName, indent = 4, split = false): string {
  return path.join("bench-data", `cluster-${size}${indent === 0 ? "-compact" : ""}${split ? "" : ".json"}`);
}

/** A file sink that buffers small writes into large ones. */
class Sink {
  private pending: string[] = [];
  private pendingLength = 0;
  bytes = 0;
  constructor(private readonly fd: number) {}
  write(s: string): void {
    this.pending.push(s);
    this.pendingLength += s.length;
    if (this.pendingLength > 8 * 1024 * 1024) this.flush();
  }
  flush(): void {
    const buf = Buffer.from(this.pending.join(""), "utf8");
    writeSync(this.fd, buf);
    this.bytes += buf.length;
    this.pending = [];
    this.pendingLength = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export function writeClusterFile(target: string, size: SizeName, opts: WriteOptions): WriteResult {
  const start = performance.now();
  const tmp = `${target}.${process.pid}.tmp`;
  mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  if (opts.splitBytes) mkdirSync(tmp, { recursive: true });
  const counts: Record<string, number> = {};
  let files = 0;
  let bytes = 0;
  let sink: Sink | undefined;
  let first = true;
  let partChars = 0;
  const open = () => {
    files++;
    sink = new Sink(openSync(opts.splitBytes ? path.join(tmp, `part-${String(files).padStart(3, "0")}.json`) : tmp, "w"));
    sink.write(listOpen(opts.indent));
    first = true;
    partChars = 0;
  };
  const close = () => {
    sink!.write(listClose(opts.indent, first));
    sink!.close();
    bytes += sink!.bytes;
  };
  try {
    open();
    for (const o of generateCluster(size, opts.seed)) {
      counts[o.kind] = (counts[o.kind] ?? 0) + 1;
      let item = listItem(o, first, opts.indent);
      if (opts.splitBytes && !first && partChars + item.length > opts.splitBytes) {
        close();
        open();
        item = listItem(o, true, opts.indent);
      }
      sink!.write(item);
      partChars += item.length;
      first = false;
    }
    close();
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  if (existsSync(target)) rmSync(target, { recursive: true, force: true });
  renameSync(tmp, target);
  return { path: target, bytes, files, ms: performance.now() - start, counts };
}

/** The JSON files of a cluster path: the file itself, or a directory's *.json files in order. */
export function clusterFiles(target: string): string[] {
  if (!statSync(target).isDirectory()) return [target];
  return readdirSync(target)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => path.join(target, f));
}

/** Total size in bytes of a cluster path. */
export function clusterBytes(target: string): number {
  return clusterFiles(target).reduce((a, f) => a + statSync(f).size, 0);
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`;
}
