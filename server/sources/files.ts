/**
 * File source: one file, several files, or directories read recursively (YAML, JSON, List kinds,
 * `kubectl get -o yaml|json` and `helm template` output). Bad documents are recorded as issues
 * naming the file, document and line; everything else is still read.
 */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { ClearanceError } from "../../lib/errors";
import { SnapshotBuilder, parseManifests, type ClusterSnapshot, type Origin, type SnapshotSource } from "../../lib/model";
import { megabytes, readRegularFile, ReadRefused, readStream, type ReadLimit } from "./read";

const MANIFEST_EXT = new Set([".yaml", ".yml", ".json"]);
const SKIP_DIRS = new Set(["node_modules", ".git"]);

export interface FileLimits {
  /** YAML is slow to parse (~1 MB/s); larger YAML files are refused with advice. */
  maxYamlBytes: number;
  maxJsonBytes: number;
}

export function fileLimits(env: Readonly<Record<string, string | undefined>> = process.env): FileLimits {
  const mb = (v: string | undefined, d: number) => (v && Number(v) > 0 ? Number(v) : d) * 1024 * 1024;
  return { maxYamlBytes: mb(env.CLEARANCE_MAX_YAML_MB, 32), maxJsonBytes: mb(env.CLEARANCE_MAX_JSON_MB, 512) };
}

/** Lists manifest files under the given paths (directories recursively, sorted for determinism). */
export async function manifestFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch {
      throw new ClearanceError("not_found", `${p}: no such file or directory`);
    }
    if (st.isDirectory()) for (const f of await walk(p)) out.push(f);
    else out.push(p);
  }
  return out;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  const out: string[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!e.name.startsWith(".") && !SKIP_DIRS.has(e.name)) for (const f of await walk(full)) out.push(f);
    } else if (MANIFEST_EXT.has(path.extname(e.name).toLowerCase())) {
      out.push(full);
    }
  }
  return out;
}

function looksJson(file: string, head: string): boolean {
  return file.toLowerCase().endsWith(".json") || /^\s*[[{]/.test(head);
}

/** The limit for a file, picked from its name and first bytes: JSON parses ~50x faster than YAML. */
function limitFor(file: string, limits: FileLimits): (head: Buffer) => ReadLimit {
  return (head) =>
    looksJson(file, head.toString("utf8"))
      ? { maxBytes: limits.maxJsonBytes, label: "for JSON", advice: "split it or raise CLEARANCE_MAX_JSON_MB to read it" }
      : {
          maxBytes: limits.maxYamlBytes,
          label: "for YAML (YAML parses at about 1 MB/s)",
          advice: "split it, convert it to JSON (kubectl get -o json), or raise CLEARANCE_MAX_YAML_MB",
        };
}

/** Parses manifest bytes read from `source` into the builder. Problems become issues. */
function addBytes(builder: SnapshotBuilder, source: string, buf: Buffer): void {
  if (buf.indexOf(0) >= 0) {
    builder.issue({ severity: "error", source, message: "binary file, not a manifest" });
    return;
  }
  let text: string;
  try {
    text = buf.toString("utf8");
  } catch (e) {
    builder.issue({ severity: "error", source, message: `cannot read file: ${(e as Error).message} (split it into smaller files)` });
    return;
  }
  const parsed = parseManifests(text);
  for (const err of parsed.errors) builder.issue({ severity: "error", source, ...err });
  for (const doc of parsed.documents) {
    // assigned, not spread from literals: one object per document of a list of ~10^5 items
    const origin: Origin = { source, document: doc.document };
    if (doc.item) origin.item = doc.item;
    if (doc.line) origin.line = doc.line;
    if (doc.locate) origin.locate = doc.locate;
    builder.add(doc.value, origin);
  }
}

/** A manifest file's text within the limits, or undefined when it cannot or may not be read. */
export async function readManifest(file: string, limits: FileLimits): Promise<string | undefined> {
  try {
    return (await readRegularFile(file, limitFor(file, limits))).toString("utf8");
  } catch (e) {
    if (e instanceof ReadRefused) return undefined;
    throw e;
  }
}

/** Reads one file into the builder. Problems become issues; nothing throws for bad content. */
export async function addFile(builder: SnapshotBuilder, file: string, limits: FileLimits): Promise<void> {
  let buf: Buffer;
  try {
    buf = await readRegularFile(file, limitFor(file, limits));
  } catch (e) {
    if (!(e instanceof ReadRefused)) throw e;
    builder.issue({ severity: "error", source: file, message: e.message });
    return;
  }
  addBytes(builder, file, buf);
}

/** Standard input, for `--snapshot -` (never read otherwise): the same limits as a file. */
async function addStdin(builder: SnapshotBuilder, limits: FileLimits, stdin: Readable): Promise<void> {
  let buf: Buffer;
  try {
    buf = await readStream(stdin, { maxBytes: Math.max(limits.maxJsonBytes, limits.maxYamlBytes), advice: "raise CLEARANCE_MAX_JSON_MB / CLEARANCE_MAX_YAML_MB" });
    const limit = limitFor("", limits)(buf.subarray(0, 64));
    if (buf.length > limit.maxBytes) throw new ReadRefused("too-large", `input is ${megabytes(buf.length)}, above the ${megabytes(limit.maxBytes)} limit ${limit.label}; ${limit.advice}`);
  } catch (e) {
    if (!(e instanceof ReadRefused)) throw e;
    builder.issue({ severity: "error", source: STDIN, message: e.message });
    return;
  }
  addBytes(builder, STDIN, buf);
}

export interface LoadFilesOptions {
  source?: SnapshotSource;
  limits?: FileLimits;
  /** Read standard input for the path `-` (the CLI's explicit opt-in); without it `-` is a file name. */
  stdin?: Readable;
}

/** The path that means standard input when LoadFilesOptions.stdin is given. */
export const STDIN = "-";

/** A snapshot of everything under `paths`. Throws only when a path does not exist. */
export async function loadFiles(paths: readonly string[], opts: LoadFilesOptions = {}): Promise<ClusterSnapshot> {
  const fromStdin = !!opts.stdin && paths.includes(STDIN);
  const real = fromStdin ? paths.filter((p) => p !== STDIN) : paths;
  const files = await manifestFiles(real);
  const source: SnapshotSource = opts.source ?? {
    type: "files",
    id: `files:${paths.map((p) => (fromStdin && p === STDIN ? "stdin" : path.basename(path.resolve(p)))).join("+")}`,
    label: paths.map((p) => (fromStdin && p === STDIN ? "standard input" : p)).join(", "),
    paths: real.map((p) => path.resolve(p)),
  };
  const builder = new SnapshotBuilder(source);
  const limits = opts.limits ?? fileLimits();
  if (fromStdin && opts.stdin) await addStdin(builder, limits, opts.stdin);
  for (const f of files) await addFile(builder, f, limits);
  if (files.length === 0 && !fromStdin) builder.issue({ severity: "warning", source: paths.join(", "), message: "no manifest files (.yaml, .yml, .json) found" });
  return builder.build({ synthesizePods: true, aggregation: "compute" });
}
