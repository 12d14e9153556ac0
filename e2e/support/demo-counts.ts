/** Counts of the demo's manifests read independently of the product's loader, to check the overview. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";

export function demoManifestCounts(): Record<string, number> {
  const dir = path.resolve(import.meta.dirname, "../../demo/cluster");
  const counts: Record<string, number> = {};
  for (const f of readdirSync(dir).filter((x) => /\.ya?ml$/.test(x))) {
    for (const doc of parseAllDocuments(readFileSync(path.join(dir, f), "utf8"))) {
      const v = doc.toJS() as { kind?: string } | null;
      if (v?.kind) counts[v.kind] = (counts[v.kind] ?? 0) + 1;
    }
  }
  return counts;
}
