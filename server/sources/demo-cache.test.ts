import { appendFileSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { snapshotSummary } from "../../lib/model";
import { buildDemoCache, readDemoCache } from "./demo-cache";
import { loadDemo } from "./demo";

const DEMO = path.join(__dirname, "../../demo/cluster");
const saved = { root: process.env.CLEARANCE_ROOT, dir: process.env.CLEARANCE_DEMO_DIR };
afterEach(() => {
  process.env.CLEARANCE_ROOT = saved.root;
  if (saved.dir === undefined) delete process.env.CLEARANCE_DEMO_DIR;
  else process.env.CLEARANCE_DEMO_DIR = saved.dir;
});

/** A package-like root: demo/cluster copied, dist/demo-cluster.json written as the build does. */
async function packageRoot(): Promise<string> {
  const root = mkdtempSync(path.join(tmpdir(), "clearance-demo-"));
  cpSync(DEMO, path.join(root, "demo", "cluster"), { recursive: true });
  mkdirSync(path.join(root, "dist"));
  writeFileSync(path.join(root, "dist", "demo-cluster.json"), JSON.stringify(await buildDemoCache(path.join(root, "demo", "cluster"))));
  return root;
}

describe("the demo parsed ahead of time", () => {
  it("gives the same snapshot as parsing the YAML", async () => {
    const root = await packageRoot();
    const dir = path.join(root, "demo", "cluster");
    expect(await readDemoCache(path.join(root, "dist", "demo-cluster.json"), dir)).toBeDefined();
    process.env.CLEARANCE_ROOT = root;
    delete process.env.CLEARANCE_DEMO_DIR;
    const cached = await loadDemo();
    process.env.CLEARANCE_DEMO_DIR = dir; // bypasses the cache
    const parsed = await loadDemo();
    expect(snapshotSummary(cached).counts).toEqual(snapshotSummary(parsed).counts);
    expect(JSON.stringify({ ...cached, takenAt: "" })).toBe(JSON.stringify({ ...parsed, takenAt: "" }));
  });

  it("is ignored once a file changes, is added or is removed", async () => {
    const root = await packageRoot();
    const dir = path.join(root, "demo", "cluster");
    const cache = path.join(root, "dist", "demo-cluster.json");
    appendFileSync(path.join(dir, "52-payments.yaml"), "\n# edited\n");
    expect(await readDemoCache(cache, dir)).toBeUndefined();
    const other = await packageRoot();
    writeFileSync(path.join(other, "demo", "cluster", "99-new.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n");
    expect(await readDemoCache(path.join(other, "dist", "demo-cluster.json"), path.join(other, "demo", "cluster"))).toBeUndefined();
  });
});
