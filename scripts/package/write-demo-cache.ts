/** Run by scripts/package/build.mjs (bundled first): writes dist/demo-cluster.json for the demo in demo/cluster. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseDemo } from "../../server/sources/demo";
import { demoCacheText } from "../../server/sources/demo-cache";

const [root] = process.argv.slice(2);
const dir = path.join(root, "demo", "cluster");
const snapshot = await parseDemo(dir);
writeFileSync(path.join(root, "dist", "demo-cluster.json"), await demoCacheText(snapshot, dir));
process.stderr.write(`package: the demo's snapshot written ahead of time (${snapshot.issues.length} load notes)\n`);
