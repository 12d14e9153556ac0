/**
 * The bundled demo cluster: manifests under demo/cluster, loaded like any file source. Its Cilium
 * variant is the same cluster with demo/cilium in place of the Calico files (13-cni-calico.yaml,
 * 81-calico-tiers.yaml).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { SnapshotBuilder, type ClusterSnapshot, type SnapshotSource } from "../../lib/model";
import { readDemoCache } from "./demo-cache";
import { loadFiles } from "./files";

export const DEMO_SOURCE_ID = "demo";
export const DEMO_VARIANTS = ["cilium"] as const;
export type DemoVariant = (typeof DEMO_VARIANTS)[number];
export const demoVariantSourceId = (v: DemoVariant) => `demo-${v}`;

const CALICO_FILES = new Set(["13-cni-calico.yaml", "81-calico-tiers.yaml"]);

export function demoDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CLEARANCE_DEMO_DIR) return env.CLEARANCE_DEMO_DIR;
  return path.join(env.CLEARANCE_ROOT ?? process.cwd(), "demo", "cluster");
}

/** Where the package build leaves the demo parsed ahead of time (server/sources/demo-cache.ts). */
export function demoCacheFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.CLEARANCE_ROOT ?? process.cwd(), "dist", "demo-cluster.json");
}

export async function loadDemo(variant?: DemoVariant): Promise<ClusterSnapshot> {
  if (variant) return loadVariant(variant);
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

/** A variant: the demo's files without the Calico ones, and the variant's directory next to demo/cluster. */
function loadVariant(variant: DemoVariant): Promise<ClusterSnapshot> {
  const base = demoDir();
  const overlay = path.join(base, "..", variant);
  const paths = [...readdirSync(base).filter((f) => f.endsWith(".yaml") && !CALICO_FILES.has(f)).map((f) => path.join(base, f)), overlay];
  return loadFiles(paths, { source: { type: "demo", id: demoVariantSourceId(variant), label: `Demo cluster (Acme Shop on ${variant === "cilium" ? "Cilium" : variant})`, paths } });
}
