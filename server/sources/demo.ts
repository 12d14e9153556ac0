/**
 * The bundled demo cluster: manifests under demo/cluster, loaded like any file source. Its Cilium
 * variant is the same cluster with demo/cilium in place of the Calico files (13-cni-calico.yaml,
 * 81-calico-tiers.yaml).
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { ClusterSnapshot } from "../../lib/model/snapshot";
import { readDemoCache } from "./demo-cache";

export const DEMO_SOURCE_ID = "demo";
export const DEMO_VARIANTS = ["cilium"] as const;
export type DemoVariant = (typeof DEMO_VARIANTS)[number];
export const demoVariantSourceId = (v: DemoVariant) => `demo-${v}`;

const CALICO_FILES = new Set(["13-cni-calico.yaml", "81-calico-tiers.yaml"]);

export function demoDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CLEARANCE_DEMO_DIR) return env.CLEARANCE_DEMO_DIR;
  return path.join(env.CLEARANCE_ROOT ?? process.cwd(), "demo", "cluster");
}

/**
 * Where the package build leaves the demo's snapshot (server/sources/demo-cache.ts), or undefined
 * where it must not be read: with CLEARANCE_DEMO_DIR, and in a checkout. The cache holds what the
 * code of its build made of the demo, and a checkout's sources (lib/model) may have changed since;
 * an installed package has no sources to differ from.
 */
export function demoCacheFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const root = env.CLEARANCE_ROOT ?? process.cwd();
  if (env.CLEARANCE_DEMO_DIR || existsSync(path.join(root, "lib", "model"))) return undefined;
  return path.join(root, "dist", "demo-cluster.json");
}

export async function loadDemo(variant?: DemoVariant): Promise<ClusterSnapshot> {
  if (variant) return loadVariant(variant);
  const dir = demoDir();
  const cache = demoCacheFile();
  return (cache ? await readDemoCache(cache, dir) : undefined) ?? parseDemo(dir);
}

/**
 * The demo read from its YAML under `dir`, as any file source. The YAML reader and the normalizers
 * load here, on use: a call that finds the cache never loads them.
 */
export async function parseDemo(dir: string): Promise<ClusterSnapshot> {
  const { loadFiles } = await import("./files");
  return loadFiles([dir], { source: { type: "demo", id: DEMO_SOURCE_ID, label: "Demo cluster (Acme Shop)", paths: [dir] } });
}

/** A variant: the demo's files without the Calico ones, and the variant's directory next to demo/cluster. */
async function loadVariant(variant: DemoVariant): Promise<ClusterSnapshot> {
  const { loadFiles } = await import("./files");
  const base = demoDir();
  const overlay = path.join(base, "..", variant);
  const paths = [...readdirSync(base).filter((f) => f.endsWith(".yaml") && !CALICO_FILES.has(f)).map((f) => path.join(base, f)), overlay];
  return loadFiles(paths, { source: { type: "demo", id: demoVariantSourceId(variant), label: `Demo cluster (Acme Shop on ${variant === "cilium" ? "Cilium" : variant})`, paths } });
}
