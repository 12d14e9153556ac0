/** Live contexts for the e2e: placeholder until the stand-in API server lands (no contexts). */
import { writeFileSync } from "node:fs";
import path from "node:path";

export async function startLiveFixtures(home: string): Promise<{ kubeconfig: string; close: () => Promise<void> }> {
  const kubeconfig = path.join(home, "kubeconfig");
  writeFileSync(kubeconfig, "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n");
  return { kubeconfig, close: async () => {} };
}
