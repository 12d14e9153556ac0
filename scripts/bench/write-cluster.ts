/**
 * Writes a synthetic cluster to one JSON file (a v1 List, like `kubectl get -A -o json`), streaming
 * item by item so that XL never becomes one giant string. Written to a temporary name and renamed,
 * so an interrupted run never leaves a truncated file that looks complete.
 */
import { closeSync, mkdirSync, openSync, renameSync, writeSync } from "node:fs";
import path from "node:path";
import { generateCluster, serializeList, type KubeObject, type SizeName } from "../../lib/synth";

export interface WriteResult {
  path: string;
  bytes: number;
  ms: number;
  counts: Record<string, number>;
}

export interface WriteOptions {
  seed: number;
  /** 4 = kubectl's pretty printing (default); 0 = compact, as the API server sends it. */
  indent: number;
}

export function defaultClusterPath(size: SizeName, indent = 4): string {
  return path.join("bench-data", `cluster-${size}${indent === 0 ? "-compact" : ""}.json`);
}

export function writeClusterFile(file: string, size: SizeName, opts: WriteOptions): WriteResult {
  const start = performance.now();
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, "w");
  const counts: Record<string, number> = {};
  function* counted(): Generator<KubeObject> {
    for (const o of generateCluster(size, opts.seed)) {
      counts[o.kind] = (counts[o.kind] ?? 0) + 1;
      yield o;
    }
  }
  let bytes = 0;
  let pending: string[] = [];
  let pendingLength = 0;
  const flush = () => {
    const buf = Buffer.from(pending.join(""), "utf8");
    writeSync(fd, buf);
    bytes += buf.length;
    pending = [];
    pendingLength = 0;
  };
  try {
    for (const chunk of serializeList(counted(), opts.indent)) {
      pending.push(chunk);
      pendingLength += chunk.length;
      if (pendingLength > 8 * 1024 * 1024) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  return { path: file, bytes, ms: performance.now() - start, counts };
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`;
}
