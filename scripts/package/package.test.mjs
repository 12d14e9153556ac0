/**
 * The package as a user gets it: `npm pack`, installed into an empty prefix with an empty HOME and
 * no access to this checkout, then its commands run from there. Run by `npm test` after the
 * dashboard build (scripts/test.mjs), whose standalone output `npm pack` reuses.
 * better-sqlite3 (an optional native dependency) is left out so nothing compiles here; without it
 * the package must still run, with history disabled.
 *   node --test scripts/package/package.test.mjs      (CLEARANCE_PACKAGE_TEST_PORT, default 3230)
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const version = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).version;
const port = Number(process.env.CLEARANCE_PACKAGE_TEST_PORT ?? 3230);
const work = mkdtempSync(path.join(tmpdir(), "clearance-package-"));
const home = path.join(work, "home");
const prefix = path.join(work, "prefix");
const bin = path.join(prefix, "bin");
/** What a user's shell has: a PATH with node and npm, an empty HOME; nothing of this checkout. */
const userEnv = {
  PATH: [bin, path.dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"].join(path.delimiter),
  HOME: home,
  LANG: "C.UTF-8",
  npm_config_cache: path.join(home, ".npm"),
  npm_config_update_notifier: "false",
};
let tarball;

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: work, env: userEnv, encoding: "utf8", maxBuffer: 64 << 20, ...opts });
  if (r.error) throw r.error;
  return r;
}

before(() => {
  mkdirSync(home);
  const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", work], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 << 20 }));
  tarball = path.join(work, packed[0].filename);
  const install = run("npm", ["install", "--global", "--prefix", prefix, "--omit=optional", "--offline", "--no-audit", "--no-fund", tarball]);
  assert.equal(install.status, 0, install.stderr);
});

after(() => rmSync(work, { recursive: true, force: true }));

test("the tarball carries the built CLI, the dashboard and the demo, no sources, tests or fixtures", () => {
  const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8", maxBuffer: 64 << 20 }).split("\n").filter(Boolean);
  for (const f of ["package/package.json", "package/README.md", "package/dist/cli/clearance.mjs", "package/dist/cli/kubectl-clearance.mjs", "package/dist/server/server.js"]) assert.ok(files.includes(f), f);
  assert.ok(files.some((f) => f.startsWith("package/demo/cluster/")));
  const unwanted = files.filter((f) => /\.test\.|\/e2e\/|\/testing\/|\/fixtures\/|\.tsx?$|\/better-sqlite3\/|\.node$/.test(f));
  assert.deepEqual(unwanted, []);
});

test("clearance --version", () => {
  const r = run("clearance", ["--version"]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), version);
});

test("clearance scan --demo --format sarif", () => {
  const r = run("clearance", ["scan", "--demo", "--format", "sarif"]);
  assert.equal(r.status, 0, r.stderr);
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, "2.1.0");
  assert.equal(sarif.runs[0].tool.driver.version, version);
  assert.ok(sarif.runs[0].results.length > 10);
});

test("kubectl-clearance who-can get secrets -n payments --demo", () => {
  const r = run("kubectl-clearance", ["who-can", "get", "secrets", "-n", "payments", "--demo"]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Who can get secrets in namespace payments/);
  assert.match(r.stdout, /system:masters/);
  assert.match(run("kubectl-clearance", ["--help"]).stdout, /Usage: kubectl clearance <command>/);
});

test("scan records no history without better-sqlite3, and says why", () => {
  const r = run("clearance", ["scan", "--demo", "--format", "json"], { env: { ...userEnv, CLEARANCE_DATA_DIR: path.join(work, "data") } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /store disabled: cannot open .*history\.sqlite: better-sqlite3 is not available/);
});

test("clearance serve --demo answers the overview and /metrics, then stops", async () => {
  const child = spawn(path.join(bin, "clearance"), ["serve", "--demo", "--port", String(port)], { cwd: work, env: userEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  child.stdout.on("data", (b) => (log += b));
  child.stderr.on("data", (b) => (log += b));
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  try {
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    let home;
    while (!home) {
      assert.ok(Date.now() < deadline, `serve did not answer within 60 s:\n${log}`);
      assert.equal(child.exitCode, null, `serve exited:\n${log}`);
      home = await fetch(`${base}/`, { redirect: "manual" }).catch(() => new Promise((r) => setTimeout(() => r(undefined), 250)));
    }
    assert.equal(home.status, 307);
    assert.equal(new URL(home.headers.get("location"), base).pathname, "/c/demo");
    const overview = await fetch(`${base}/c/demo`);
    assert.equal(overview.status, 200);
    assert.match(await overview.text(), /Clearance/);
    const metrics = await fetch(`${base}/metrics`);
    assert.equal(metrics.status, 200, log);
    assert.match(metrics.headers.get("content-type"), /^text\/plain; version=0\.0\.4/);
    assert.match(await metrics.text(), /^clearance_score\{source="demo",area="overall"\} \d+/m);
  } finally {
    process.kill(-child.pid, "SIGTERM");
  }
  const end = await Promise.race([exited, new Promise((r) => setTimeout(() => r("timeout"), 10_000))]);
  assert.notEqual(end, "timeout", "serve did not stop on SIGTERM");
  assert.deepEqual(readdirSync(work).filter((f) => f.endsWith(".tgz")).length, 1);
});
