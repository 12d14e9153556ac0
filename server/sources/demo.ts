/** The bundled demo cluster: manifests under demo/cluster, loaded like any file source. */
import path from "node:path";
import { SnapshotBuilder, type ClusterSnapshot, type SnapshotSource } from "../../lib/model";
import { readDemoCache } from "./demo-cache";
import { loadFiles } from "./files";

export const DEMO_SOURCE_ID = "demo";

export function demoDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CLEARANCE_DEMO_DIR) return env.CLEARANCE_DEMO_DIR;
  return path.join(env.CLEARANCE_ROOT ?? process.cwd(), "demo", "cluster");
}

/** Where the package build leaves the demo parsed ahead of time (server/sources/demo-cache.ts). */
export function demoCacheFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.CLEARANCE_ROOT ?? process.cwd(), "dist", "demo-cluster.json");
}

export async function loadDemo(): Promise<ClusterSnapshot> {
  const dir = demoDir();
  const source: SnapshotSource = { type: "demo", id: DEMO_SOURCE_ID, label: "Demo cluster (Acme Shop)", paths: [dir] };
  const cache = process.env.CLEARANCE_DEMO_DIR ? undefined : await readDemoCache(demoCacheFile(), dir);
  if (!cache) return loadFiles([dir], { source });
  // the same calls server/sources/files.ts makes per file, from the documents parsed at build time
  const builder = new SnapshotBuilder(source);
  for (const f of cache.files) {
    const file = path.join(dir, f.file);
    for (const err of f.errors) builder.issue({ severity: "error", source: file, ...err });
    for (const doc of f.documents) builder.add(doc.value, { source: file, document: doc.document, ...(doc.item ? { item: doc.item } : {}), ...(doc.line ? { line: doc.line } : {}) });
  }
  return builder.build({ synthesizePods: true, aggregation: "compute" });
}
