/**
 * npm run gen -- --size S|M|L|XL [--seed N] [--out PATH] [--compact]
 * Writes a deterministic synthetic cluster as one JSON List (default bench-data/cluster-<size>.json)
 * and prints the object counts by kind, the file size and the time taken.
 */
import { parseArgs } from "node:util";
import { DEFAULT_SEED, isSizeName } from "../lib/synth";
import { defaultClusterPath, formatBytes, writeClusterFile } from "./bench/write-cluster";

const USAGE = "usage: npm run gen -- --size S|M|L|XL [--seed N] [--out PATH] [--compact]";

function main(): number {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        size: { type: "string", default: "S" },
        seed: { type: "string", default: String(DEFAULT_SEED) },
        out: { type: "string" },
        compact: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const size = values.size.toUpperCase();
  const seed = Number(values.seed);
  if (!isSizeName(size) || !Number.isInteger(seed)) {
    console.error(`bad --size or --seed\n${USAGE}`);
    return 2;
  }
  const indent = values.compact ? 0 : 4;
  const out = values.out ?? defaultClusterPath(size, indent);
  console.log(`generating cluster ${size} (seed ${seed}) → ${out}`);
  const r = writeClusterFile(out, size, { seed, indent });
  const total = Object.values(r.counts).reduce((a, b) => a + b, 0);
  const width = Math.max(...Object.keys(r.counts).map((k) => k.length));
  for (const [kind, n] of Object.entries(r.counts)) console.log(`  ${kind.padEnd(width)}  ${String(n).padStart(7)}`);
  console.log(`  ${"total".padEnd(width)}  ${String(total).padStart(7)}`);
  console.log(`wrote ${formatBytes(r.bytes)} in ${(r.ms / 1000).toFixed(1)} s`);
  return 0;
}

process.exitCode = main();
