#!/usr/bin/env node
// The whole suite, in the order a failure is cheapest to find: types, lint, unit, hostile input
// (testing/hostile: hostile files, API servers and names, fuzz targets), conformance, build, package, browser
// (the demo, then an L cluster on its own server).
// The build is the standalone one the npm package ships (scripts/package/build.mjs); `next start`
// serves it for the browser tests, and the package test's `npm pack` reuses it.
import { spawnSync } from "node:child_process";

const steps = [
  ["chromium", "sh", ["scripts/ensure-chromium.sh"]],
  ["typecheck", "npx", ["tsc", "--noEmit", "-p", "."]],
  ["lint", "npx", ["eslint", "."]],
  ["unit", "npx", ["vitest", "run", "--project", "unit"]],
  ["hostile", "npx", ["vitest", "run", "--project", "hostile"]],
  // netpol-analyzer's test data: any unexplained divergence, or a stale CONFORMANCE.md, fails (lib/netpol/CONFORMANCE.md).
  ["conformance", "npx", ["tsx", "scripts/conformance.ts", "--check"]],
  ["demo-audit", "npx", ["tsx", "scripts/demo-audit.ts"]],
  ["build", "node", ["scripts/package/build.mjs", "server"]],
  ["package", "node", ["--test", "scripts/package/package.test.mjs"]],
  ["e2e", "npx", ["playwright", "test"]],
  // the dashboard on an L cluster (10,000 pods, 1,000 namespaces) generated at server start: its own
  // server, so reading it does not slow the specs above (e2e/large.spec.ts)
  ["e2e-large", "npx", ["playwright", "test", "e2e/large.spec.ts", "--project", "local"], { E2E_LARGE: "1" }],
];

const only = process.argv.slice(2);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const timings = [];
for (const [name, cmd, args, extra] of steps) {
  if (only.length && !only.includes(name)) continue;
  const t = Date.now();
  process.stdout.write(`\n▶ ${name}: ${cmd} ${args.join(" ")}\n`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extra } });
  const s = ((Date.now() - t) / 1000).toFixed(1);
  timings.push(`${name} ${s}s`);
  if (r.status !== 0) {
    process.stderr.write(`\n✗ ${name} failed (exit ${r.status ?? r.signal}) after ${s}s\n`);
    process.exit(r.status || 1);
  }
}
process.stdout.write(`\n✓ all passed: ${timings.join(", ")}\n`);
