/**
 * npm run demo:audit [-- --force] [--out DIR]
 * Writes three weeks of the demo cluster's API server audit log (lib/synth/audit/demo.ts) to
 * demo/audit/ (rotated weeks gzip'd, the current week plain), as kube-apiserver leaves them. The files
 * are generated, not committed: this runs before `npm run demo` and the browser tests, and does
 * nothing when the files were made by the same generator from the same cluster (demo/audit/VERSION).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { SnapshotBuilder, parseManifests } from "../lib/model";
import { indexSnapshot } from "../lib/rbac";
import { demoAuditFiles } from "../lib/synth/audit/demo";
import { scriptArgs } from "./cli-args";

const root = fileURLToPath(new URL("..", import.meta.url));
const USAGE = "usage: npm run demo:audit -- [--force] [--out DIR]";
const GENERATOR = ["lib/synth/audit/demo.ts", "lib/synth/audit/engine.ts", "lib/synth/audit/event.ts", "lib/synth/random.ts"];

function clusterFiles(): string[] {
  const dir = path.join(root, "demo/cluster");
  return readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort().map((f) => path.join(dir, f));
}

function version(): string {
  const h = createHash("sha256");
  for (const f of [...GENERATOR.map((g) => path.join(root, g)), ...clusterFiles()]) h.update(readFileSync(f));
  return h.digest("hex").slice(0, 16);
}

function main(): number {
  const values = scriptArgs(process.argv.slice(2), { force: { type: "boolean", default: false }, out: { type: "string" } }, USAGE);
  if (typeof values === "number") return values;
  const out = values.out ?? path.join(root, "demo/audit");
  const v = version();
  const stamp = path.join(out, "VERSION");
  if (!values.force && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === v) {
    console.log(`${path.relative(process.cwd(), out) || out}: up to date (${v})`);
    return 0;
  }
  const t = Date.now();
  const builder = new SnapshotBuilder({ type: "demo", id: "demo", label: "Demo cluster" });
  for (const f of clusterFiles()) for (const d of parseManifests(readFileSync(f, "utf8")).documents) builder.add(d.value, { source: f, document: d.document });
  const files = demoAuditFiles(indexSnapshot(builder.build({ synthesizePods: true, aggregation: "compute" })));
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  let bytes = 0;
  let lines = 0;
  for (const f of files) {
    const data = f.gzip ? gzipSync(f.text) : Buffer.from(f.text);
    writeFileSync(path.join(out, f.name), data);
    bytes += data.length;
    lines += f.text.split("\n").length - 1;
  }
  writeFileSync(stamp, `${v}\n`);
  console.log(`${path.relative(process.cwd(), out) || out}: ${files.length} files, ${lines} lines, ${(bytes / 1048576).toFixed(1)} MB on disk, in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return 0;
}

process.exitCode = main();
