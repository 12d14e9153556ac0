#!/usr/bin/env node
/**
 * Builds what the npm package ships (run by `npm pack` through "prepack", or `npm run package:build`):
 *   dist/cli/     the CLI bundled by esbuild into plain ES modules: clearance.mjs, kubectl-clearance.mjs
 *                 and shared chunks loaded on use (no TypeScript at run time)
 *   dist/server/  the dashboard: Next.js standalone output with its static assets
 *   dist/demo-cluster.json  the demo's snapshot made ahead of time (server/sources/demo-cache.ts)
 * The dashboard build is reused when this script made .next/standalone after the last change to
 * the files it depends on (scripts/test.mjs builds once for the browser tests and the package
 * test); else it runs `next build` with NEXT_OUTPUT=standalone. better-sqlite3 is a native addon: it is left out of both
 * and resolved at run time from the package's optional dependency.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { newestSource } from "./sources.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dist = path.join(root, "dist");
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const log = (m) => process.stderr.write(`package: ${m}\n`);

/** What every bundle shares: plain ES modules for Node 20, server code allowed, better-sqlite3 left out. */
const COMMON = {
  absWorkingDir: root,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // "server-only" resolves to its empty module under this condition; nothing needs it at run time
  conditions: ["react-server"],
  external: ["better-sqlite3", "pg-native"],
  define: { CLEARANCE_VERSION: JSON.stringify(pkg.version) },
  // CommonJS dependencies bundled into ES modules still call require() for Node's built-ins
  banner: { js: 'import { createRequire as __clearanceRequire } from "node:module"; const require = __clearanceRequire(import.meta.url);' },
  logLevel: "warning",
};

async function buildCli() {
  rmSync(path.join(dist, "cli"), { recursive: true, force: true });
  const t = Date.now();
  await build({
    ...COMMON,
    absWorkingDir: root,
    entryPoints: { clearance: "cli/entry/clearance.ts", "kubectl-clearance": "cli/entry/kubectl-clearance.ts" },
    outdir: path.join(dist, "cli"),
    outExtension: { ".js": ".mjs" },
    chunkNames: "[name]-[hash]",
    splitting: true,
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: "none",
  });
  log(`cli bundled in ${Date.now() - t} ms`);
}

/** dist/demo-cluster.json: the demo read and normalized once here rather than on every CLI call of the installed package. */
async function buildDemoCache() {
  const script = path.join(dist, ".write-demo-cache.mjs");
  await build({ ...COMMON, entryPoints: [path.join(root, "scripts/package/write-demo-cache.ts")], outfile: script });
  const r = spawnSync(process.execPath, [script, root], { stdio: "inherit" });
  rmSync(script, { force: true });
  if (r.status !== 0) throw new Error(`writing the demo cache failed (exit ${r.status ?? r.signal})`);
}

/** Written after a standalone build made here: when it started, so later edits make it stale. */
const MARKER = path.join(root, ".next", "standalone", ".clearance-build.json");

function standaloneIsFresh() {
  if (!existsSync(MARKER)) return false;
  return JSON.parse(readFileSync(MARKER, "utf8")).startedAt > newestSource(root);
}

function buildServer() {
  if (standaloneIsFresh()) log("reusing .next/standalone (built after the last change to its sources)");
  else {
    log("next build (standalone output)");
    const startedAt = Date.now();
    const r = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_OUTPUT: "standalone", NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (r.status !== 0) throw new Error(`next build failed (exit ${r.status ?? r.signal})`);
    writeFileSync(MARKER, JSON.stringify({ startedAt }));
  }
  const from = path.join(root, ".next", "standalone");
  const out = path.join(dist, "server");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  // the tracer also picks up sources read at paths known only at run time; the server needs none of them
  for (const p of ["server.js", ".next", "node_modules"]) cpSync(path.join(from, p), path.join(out, p), { recursive: true, verbatimSymlinks: true });
  writeFileSync(path.join(out, "package.json"), `${JSON.stringify({ name: "clearance-dashboard", version: pkg.version, private: true, type: "module" }, null, 2)}\n`);
  cpSync(path.join(root, ".next", "static"), path.join(out, ".next", "static"), { recursive: true });
  if (existsSync(path.join(root, "public"))) cpSync(path.join(root, "public"), path.join(out, "public"), { recursive: true });
  for (const p of DROP) rmSync(path.join(out, p), { recursive: true, force: true });
  // server/load/pool.ts starts `new Worker(new URL("./worker.ts", import.meta.url))`: Turbopack bundles
  // the worker, and also copies the source file as an asset that nothing reads
  const assets = path.join(out, ".next", "server", "assets");
  if (existsSync(assets)) for (const f of readdirSync(assets)) if (/\.tsx?$/.test(f)) rmSync(path.join(assets, f));
  shimExternals(path.join(out, ".next", "node_modules"), path.join(root, "node_modules"));
}

/**
 * Not shipped in dist/server: better-sqlite3 (native, built for this machine; the installed package
 * resolves its own optional dependency) and sharp (image optimization, which no page uses).
 */
const DROP = ["node_modules/better-sqlite3", "node_modules/bindings", "node_modules/file-uri-to-path", "node_modules/sharp", "node_modules/@img", "node_modules/detect-libc", ".next/cache"];

/**
 * Turbopack loads each serverExternalPackages entry through a hashed alias, a symlink in
 * .next/node_modules (`better-sqlite3-90e2…` → ../../node_modules/better-sqlite3). A tarball keeps
 * no symlinks, so each becomes a one-line package that loads the real one by name from wherever
 * npm installed it.
 */
function shimExternals(dir, modules, scope = "") {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name.startsWith("@")) shimExternals(p, modules, `${e.name}/`);
    if (!e.isSymbolicLink()) continue;
    const target = readlinkSync(p).split("node_modules/").pop();
    const esm = JSON.parse(readFileSync(path.join(modules, target, "package.json"), "utf8")).type === "module";
    rmSync(p);
    mkdirSync(p);
    writeFileSync(path.join(p, "package.json"), `${JSON.stringify({ name: scope + e.name, private: true, type: esm ? "module" : "commonjs", main: "index.js" })}\n`);
    writeFileSync(path.join(p, "index.js"), esm ? `export * from ${JSON.stringify(target)};\n` : `module.exports = require(${JSON.stringify(target)});\n`);
  }
}

const only = process.argv[2];
if (!only || only === "cli") {
  await buildCli();
  await buildDemoCache();
}
if (!only || only === "server") buildServer();
