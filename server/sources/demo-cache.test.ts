import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { demoCacheText, readDemoCache } from "./demo-cache";
import { loadDemo, parseDemo } from "./demo";

const DEMO = path.join(__dirname, "../../demo/cluster");
const saved = { root: process.env.CLEARANCE_ROOT, dir: process.env.CLEARANCE_DEMO_DIR };
afterEach(() => {
  process.env.CLEARANCE_ROOT = saved.root;
  if (saved.dir === undefined) delete process.env.CLEARANCE_DEMO_DIR;
  else process.env.CLEARANCE_DEMO_DIR = saved.dir;
});

/** A package-like root: demo/cluster copied, dist/demo-cluster.json written as the build does (scripts/package/write-demo-cache.ts). */
async function packageRoot(): Promise<string> {
  const root = mkdtempSync(path.join(tmpdir(), "clearance-demo-"));
  const dir = path.join(root, "demo", "cluster");
  cpSync(DEMO, dir, { recursive: true });
  mkdirSync(path.join(root, "dist"));
  writeFileSync(path.join(root, "dist", "demo-cluster.json"), await demoCacheText(await parseDemo(dir), dir));
  return root;
}

describe("the demo parsed ahead of time", () => {
  it("gives the same snapshot as parsing the YAML, wherever the package is installed", async () => {
    // built in one root, installed in another: every path names the installed demo
    const built = await packageRoot();
    const root = mkdtempSync(path.join(tmpdir(), "clearance-demo-installed-"));
    cpSync(built, root, { recursive: true });
    const dir = path.join(root, "demo", "cluster");
    process.env.CLEARANCE_ROOT = root;
    delete process.env.CLEARANCE_DEMO_DIR;
    const before = Date.now();
    const cached = await loadDemo();
    expect(await readDemoCache(path.join(root, "dist", "demo-cluster.json"), dir)).toBeDefined();
    process.env.CLEARANCE_DEMO_DIR = dir; // bypasses the cache
    const parsed = await loadDemo();
    expect(Date.parse(cached.takenAt)).toBeGreaterThanOrEqual(before - 1000);
    // equal as values, key order and keys holding undefined included
    expect({ ...cached, takenAt: "" }).toStrictEqual({ ...parsed, takenAt: "" });
    expect(JSON.stringify({ ...cached, takenAt: "" })).toBe(JSON.stringify({ ...parsed, takenAt: "" }));
    expect(JSON.stringify(cached)).not.toContain(built);
    expect(cached.source.paths).toEqual([dir]);
    expect(cached.issues.length + Object.keys(cached.provenance ?? {}).length).toBeGreaterThan(0);
    expect(Object.values(cached.provenance ?? {}).every((o) => o.source.startsWith(dir + path.sep))).toBe(true);
  });

  it("is not read in a checkout, whose sources may have changed since the cache was written", async () => {
    const root = await packageRoot();
    const file = path.join(root, "dist", "demo-cluster.json");
    // a cache that still matches the demo's files but says something the YAML does not
    writeFileSync(file, readFileSync(file, "utf8").replace('"label":"Demo cluster (Acme Shop)"', '"label":"from the cache"'));
    process.env.CLEARANCE_ROOT = root;
    delete process.env.CLEARANCE_DEMO_DIR;
    expect((await loadDemo()).source.label).toBe("from the cache");
    mkdirSync(path.join(root, "lib", "model"), { recursive: true });
    expect((await loadDemo()).source.label).toBe("Demo cluster (Acme Shop)");
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
