/**
 * The demo cluster, parsed ahead of time. Reading its YAML is most of a CLI call on the demo
 * (`clearance who-can ... --demo`), so the package build (scripts/package/build.mjs) writes every
 * file's parsed documents to dist/demo-cluster.json with a hash of its text. The demo loads from it
 * only while every file still hashes the same; otherwise (an edited checkout) it parses the YAML.
 */
import { createHash } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { parseManifests, type ParseError, type ParsedDocument } from "../../lib/model";

export interface DemoCacheFile {
  /** Relative to the demo directory. */
  file: string;
  sha256: string;
  documents: Omit<ParsedDocument, "locate">[];
  errors: ParseError[];
}

export interface DemoCache {
  version: 1;
  files: DemoCacheFile[];
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

async function demoFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.(ya?ml|json)$/i.test(e.name))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** Parses every manifest under `dir` (what the package build writes). */
export async function buildDemoCache(dir: string): Promise<DemoCache> {
  const files: DemoCacheFile[] = [];
  for (const file of await demoFiles(dir)) {
    const text = await readFile(path.join(dir, file), "utf8");
    const parsed = parseManifests(text);
    files.push({ file, sha256: sha256(text), documents: parsed.documents.map(({ locate, ...d }) => (void locate, d)), errors: parsed.errors });
  }
  return { version: 1, files };
}

/** The cache at `cacheFile` when it describes exactly the files under `dir`, else undefined. */
export async function readDemoCache(cacheFile: string, dir: string): Promise<DemoCache | undefined> {
  let cache: DemoCache;
  try {
    cache = JSON.parse(await readFile(cacheFile, "utf8")) as DemoCache;
  } catch {
    return undefined;
  }
  if (cache.version !== 1) return undefined;
  const files = await demoFiles(dir).catch(() => []);
  if (files.length !== cache.files.length || files.some((f, i) => f !== cache.files[i].file)) return undefined;
  const texts = await Promise.all(files.map((f) => readFile(path.join(dir, f), "utf8")));
  return texts.every((t, i) => sha256(t) === cache.files[i].sha256) ? cache : undefined;
}
