import "server-only";
/** The bundled demo cluster: manifests under demo/cluster, loaded like any file source. */
import path from "node:path";
import type { ClusterSnapshot } from "../../lib/model";
import { loadFiles } from "./files";

export const DEMO_SOURCE_ID = "demo";

export function demoDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CLEARANCE_DEMO_DIR) return env.CLEARANCE_DEMO_DIR;
  return path.join(env.CLEARANCE_ROOT ?? process.cwd(), "demo", "cluster");
}

export async function loadDemo(): Promise<ClusterSnapshot> {
  return loadFiles([demoDir()], {
    source: { type: "demo", id: DEMO_SOURCE_ID, label: "Demo cluster (Acme Shop)", paths: [demoDir()] },
  });
}
