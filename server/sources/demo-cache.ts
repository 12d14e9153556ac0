/**
 * The demo cluster, loaded ahead of time. Reading and normalizing its YAML is most of a CLI call on
 * the demo (`clearance who-can ... --demo`), so the package build (scripts/package/build.mjs) writes
 * the demo's snapshot to dist/demo-cluster.json with a hash of every file's text. An installed package
 * loads the demo from it while every file still hashes the same; otherwise, and always in a checkout
 * (server/sources/demo.ts demoCacheFile), the YAML is read.
 * This module reads the cache with nothing of lib/model's parsers (no YAML, no zod): a call that
 * finds the cache never loads them.
 */
import { createHash } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import type { ClusterSnapshot } from "../../lib/model/snapshot";

export interface DemoCache {
  version: 2;
  /** Every file under the demo directory (relative to it), with the SHA-256 of its text. */
  files: { file: string; sha256: string }[];
  /**
   * The snapshot as the YAML gives it, with the demo directory written as DIR_MARK (the package is
   * installed elsewhere than where it was built) and takenAt set when it is read.
   */
  snapshot: ClusterSnapshot;
}

/** Stands for the demo directory in the cache's text: `\u0000` never comes out of a path or of the demo's YAML. */
const DIR_MARK = "\u0000demo-dir\u0000";
/** A string as it appears inside a JSON string literal. */
const inJson = (s: string) => JSON.stringify(s).slice(1, -1);

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

async function demoFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.(ya?ml|json)$/i.test(e.name))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** The cache's text for `snapshot`, the demo read from the files under `dir` (what the package build writes). */
export async function demoCacheText(snapshot: ClusterSnapshot, dir: string): Promise<string> {
  const files = [];
  for (const file of await demoFiles(dir)) files.push({ file, sha256: sha256(await readFile(path.join(dir, file), "utf8")) });
  const cache: DemoCache = { version: 2, files, snapshot: { ...snapshot, takenAt: "" } };
  const text = JSON.stringify(cache);
  if (text.includes(inJson(DIR_MARK))) throw new Error("the demo holds the cache's directory mark");
  return text.replaceAll(inJson(dir), inJson(DIR_MARK));
}

/** The demo's snapshot from the cache at `cacheFile` when it describes exactly the files under `dir`, else undefined. */
export async function readDemoCache(cacheFile: string, dir: string): Promise<ClusterSnapshot | undefined> {
  let cache: DemoCache;
  try {
    cache = JSON.parse((await readFile(cacheFile, "utf8")).replaceAll(inJson(DIR_MARK), inJson(dir))) as DemoCache;
  } catch {
    return undefined;
  }
  if (cache.version !== 2) return undefined;
  const files = await demoFiles(dir).catch(() => []);
  if (files.length !== cache.files.length || files.some((f, i) => f !== cache.files[i].file)) return undefined;
  const texts = await Promise.all(files.map((f) => readFile(path.join(dir, f), "utf8")));
  if (!texts.every((t, i) => sha256(t) === cache.files[i].sha256)) return undefined;
  cache.snapshot.takenAt = new Date().toISOString();
  return cache.snapshot;
}
