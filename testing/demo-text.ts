/** Test helper: the demo cluster's manifests (demo/cluster) as one text, as tests of drafts over the demo read it. */
import { readdirSync, readFileSync } from "node:fs";

const DEMO = new URL("../demo/cluster/", import.meta.url);

export const demoText = readdirSync(DEMO)
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((f) => readFileSync(new URL(f, DEMO), "utf8"))
  .join("\n---\n");
