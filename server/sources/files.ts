/**
 * File source: one file, several files, or directories read recursively (YAML, JSON, List kinds,
 * `kubectl get -o yaml|json` and `helm template` output). Bad documents are recorded as issues
 * naming the file, document and line; everything else is still read.
 */
import { open, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { ClearanceError } from "../../lib/errors";
import { SnapshotBuilder, parseManifests, type ClusterSnapshot, type SnapshotSource } from "../../lib/model";

const MANIFEST_EXT = new Set([".yaml", ".yml", ".json"]);
const SKIP_DIRS = new Set(["node_modules", ".git"]);

export interface FileLimits {
  /** YAML is slow to parse (~1 MB/s); larger YAML files are refused with advice. */
  maxYamlBytes: number;
  maxJsonBytes: number;
}

export function fileLimits(env: NodeJS.ProcessEnv = process.env): FileLimits {
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
    if (st.isDirectory()) out.push(...(await walk(p)));
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
      if (!e.name.startsWith(".") && !SKIP_DIRS.has(e.name)) out.push(...(await walk(full)));
    } else if (MANIFEST_EXT.has(path.extname(e.name).toLowerCase())) {
      out.push(full);
    }
  }
  return out;
}

function looksJson(file: string, head: string): boolean {
  return file.toLowerCase().endsWith(".json") || /^\s*[[{]/.test(head);
}

/** Reads one file into the builder. Problems become issues; nothing throws for bad content. */
export async function addFile(builder: SnapshotBuilder, file: string, limits: FileLimits): Promise<void> {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  let handle;
  try {
    handle = await open(file, "r");
  } catch (e) {
    builder.issue({ severity: "error", source: file, message: `cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    return;
  }
  let buf: Buffer;
  try {
    const size = (await handle.stat()).size;
    // The limit is checked before reading: a huge file is refused with advice, not read and dropped.
    const head = Buffer.alloc(Math.min(64, size));
    await handle.read(head, 0, head.length, 0);
    const json = looksJson(file, head.toString("utf8"));
    const limit = json ? limits.maxJsonBytes : limits.maxYamlBytes;
    if (size > limit) {
      builder.issue({
        severity: "error",
        source: file,
        message: json
          ? `file is ${mb(size)}, above the ${mb(limit)} limit for JSON; split it or raise CLEARANCE_MAX_JSON_MB to read it`
          : `file is ${mb(size)}, above the ${mb(limit)} limit for YAML (YAML parses at about 1 MB/s); split it, convert it to JSON (kubectl get -o json), or raise CLEARANCE_MAX_YAML_MB`,
      });
      return;
    }
    buf = await handle.readFile();
  } finally {
    await handle.close();
  }
  if (buf.indexOf(0) >= 0) {
    builder.issue({ severity: "error", source: file, message: "binary file, not a manifest" });
    return;
  }
  let fd: string;
  try {
    fd = buf.toString("utf8");
  } catch (e) {
    builder.issue({ severity: "error", source: file, message: `cannot read file: ${(e as Error).message} (split it into smaller files)` });
    return;
  }
  const parsed = parseManifests(fd);
  for (const err of parsed.errors) builder.issue({ severity: "error", source: file, ...err });
  for (const doc of parsed.documents) {
    builder.add(doc.value, {
      source: file,
      document: doc.document,
      ...(doc.item ? { item: doc.item } : {}),
      ...(doc.line ? { line: doc.line } : {}),
      ...(doc.locate ? { locate: doc.locate } : {}),
    });
  }
}

export interface LoadFilesOptions {
  source?: SnapshotSource;
  limits?: FileLimits;
}

/** A snapshot of everything under `paths`. Throws only when a path does not exist. */
export async function loadFiles(paths: readonly string[], opts: LoadFilesOptions = {}): Promise<ClusterSnapshot> {
  const files = await manifestFiles(paths);
  const source: SnapshotSource = opts.source ?? {
    type: "files",
    id: `files:${paths.map((p) => path.basename(path.resolve(p))).join("+")}`,
    label: paths.join(", "),
    paths: paths.map((p) => path.resolve(p)),
  };
  const builder = new SnapshotBuilder(source);
  const limits = opts.limits ?? fileLimits();
  for (const f of files) await addFile(builder, f, limits);
  if (files.length === 0) builder.issue({ severity: "warning", source: paths.join(", "), message: "no manifest files (.yaml, .yml, .json) found" });
  return builder.build({ synthesizePods: true, aggregation: "compute" });
}
