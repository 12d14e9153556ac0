/**
 * Client JavaScript per page of the last `next build`: the root chunks every page loads plus the
 * page's own entry chunks (from .next/server/app/<page>/page_client-reference-manifest.js), raw and
 * gzipped. With `--grep TEXT`, which page chunks contain TEXT (e.g. a function name of the RBAC engine).
 *
 *   npx next build && npx tsx scripts/bundle-sizes.ts [--grep whoCan]
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

const root = path.resolve(import.meta.dirname, "..", ".next");
const { values } = parseArgs({ options: { grep: { type: "string" } } });

function manifests(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...manifests(p));
    else if (e === "page_client-reference-manifest.js") out.push(p);
  }
  return out;
}

const build = JSON.parse(readFileSync(path.join(root, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
const size = (f: string) => {
  const buf = readFileSync(path.join(root, f));
  return { raw: buf.length, gz: gzipSync(buf).length, text: buf.toString("utf8") };
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

const rows: string[][] = [];
for (const file of manifests(path.join(root, "server/app")).sort()) {
  const g = globalThis as { __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> };
  g.__RSC_MANIFEST = {};
  new Function("globalThis", readFileSync(file, "utf8"))(g);
  for (const [page, m] of Object.entries(g.__RSC_MANIFEST)) {
    const own = m.entryJSFiles[`[project]/app${page}`] ?? [];
    const files = [...new Set([...build.rootMainFiles, ...Object.values(m.entryJSFiles).flat()])];
    const sizes = files.map(size);
    const hits = values.grep ? own.filter((f) => size(f).text.includes(values.grep!)).length : 0;
    rows.push([page, kb(sizes.reduce((n, s) => n + s.raw, 0)), kb(sizes.reduce((n, s) => n + s.gz, 0)), ...(values.grep ? [String(hits)] : [])]);
  }
}
const head = ["page", "client JS", "gzipped", ...(values.grep ? [`chunks with "${values.grep}"`] : [])];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const r of [head, ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i])).join("  "));
