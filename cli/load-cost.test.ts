/**
 * What a command loads before it answers. The package bundles cli/ with esbuild (scripts/package/build.mjs),
 * and a module runs only if the command's static imports reach it: `who-can --demo` answers in a
 * fraction of the time when the demo comes from the cache (server/sources/demo-cache.ts) and no
 * YAML reader, zod schema, normalizer or network engine is reached. This test keeps it so.
 */
import path from "node:path";
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");

/** The modules reached from `entries` through static imports (dynamic imports load only when called). */
async function staticClosure(entries: string[]): Promise<string[]> {
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: entries,
    bundle: true,
    format: "esm",
    platform: "node",
    conditions: ["react-server"],
    external: ["better-sqlite3", "pg-native"],
    splitting: true,
    outdir: "out",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const inputs: Metafile["inputs"] = metafile.inputs;
  const seen = new Set(entries);
  const todo = [...entries];
  for (let m = todo.pop(); m !== undefined; m = todo.pop()) {
    for (const i of inputs[m]?.imports ?? []) {
      if (i.kind !== "import-statement" || i.external || seen.has(i.path)) continue;
      seen.add(i.path);
      todo.push(i.path);
    }
  }
  return [...seen];
}

describe("what who-can on the demo loads", () => {
  it("reaches no YAML reader, zod, normalizer, findings or network engine", async () => {
    // the command, and the modules its run imports on the way to the answer from the demo cache
    // (server/source-settings.ts reads the CNI names of lib/netpol/cni/profiles.ts, a table)
    const loaded = await staticClosure(["cli/commands/who-can.ts", "cli/source.ts", "server/source-settings.ts", "server/sources/demo.ts"]);
    expect(loaded).toContain("lib/rbac/who-can.ts");
    expect(loaded).toContain("server/sources/demo-cache.ts");
    const heavy = loaded.filter((m) => /node_modules\/(zod|yaml)\/|lib\/model\/(raw|normalize|parse)|lib\/netpol\/(?!cni\/profiles)|lib\/(posture|findings|analysis)\/|server\/sources\/files/.test(m));
    expect(heavy).toEqual([]);
  }, 60_000);
});
