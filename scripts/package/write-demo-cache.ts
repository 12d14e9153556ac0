/** Run by scripts/package/build.mjs (bundled first): writes dist/demo-cluster.json for the demo in demo/cluster. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { buildDemoCache } from "../../server/sources/demo-cache";

const [root] = process.argv.slice(2);
const cache = await buildDemoCache(path.join(root, "demo", "cluster"));
writeFileSync(path.join(root, "dist", "demo-cluster.json"), JSON.stringify(cache));
process.stderr.write(`package: demo parsed ahead of time (${cache.files.length} files)\n`);
