/**
 * npm run gen -- --size S|M|L|XL [--seed N] [--out PATH] [--compact] [--split MB]
 * Writes a deterministic synthetic cluster as one JSON List (default bench-data/cluster-<size>.json)
 * and prints the object counts by kind, the file size and the time taken. `--split MB` writes a
 * directory of Lists of about MB each instead (XL as one file is too large for any Node JSON reader).
 */
import { DEFAULT_SEED, isSizeName } from "../lib/synth";
import { scriptArgs } from "./cli-args";
import { MAX_STRING_BYTES, defaultClusterPath, formatBytes, writeClusterFile } from "./bench/write-cluster";

const USAGE = "usage: npm run gen -- --size S|M|L|XL [--seed N] [--out PATH] [--compact] [--split MB]";

function main(): number {
  const values = scriptArgs(
    process.argv.slice(2),
    {
      size: { type: "string", default: "S" },
      seed: { type: "string", default: String(DEFAULT_SEED) },
      out: { type: "string" },
      compact: { type: "boolean", default: false },
      split: { type: "string" },
    },
    USAGE,
  );
  if (typeof values === "number") return values;
  const size = values.size.toUpperCase();
  const seed = Number(values.seed);
  const splitMb = values.split === undefined ? undefined : Number(values.split);
  if (!isSizeName(size) || !Number.isInteger(seed) || (splitMb !== undefined && !(splitMb > 0 && splitMb <= 500))) {
    console.error(`bad --size, --seed or --split (1-500 MB)\n${USAGE}`);
    return 2;
  }
  const indent = values.compact ? 0 : 4;
  const out = values.out ?? defaultClusterPath(size, indent, splitMb !== undefined);
  console.log(`generating cluster ${size} (seed ${seed}) → ${out}${splitMb ? ` (parts of ${splitMb} MB)` : ""}`);
  const r = writeClusterFile(out, size, { seed, indent, ...(splitMb ? { splitBytes: splitMb * 1024 * 1024 } : {}) });
  const total = Object.values(r.counts).reduce((a, b) => a + b, 0);
  const width = Math.max(...Object.keys(r.counts).map((k) => k.length));
  for (const [kind, n] of Object.entries(r.counts)) console.log(`  ${kind.padEnd(width)}  ${String(n).padStart(7)}`);
  console.log(`  ${"total".padEnd(width)}  ${String(total).padStart(7)}`);
  console.log(`wrote ${formatBytes(r.bytes)}${r.files > 1 ? ` in ${r.files} files` : ""} in ${(r.ms / 1000).toFixed(1)} s`);
  if (!splitMb && r.bytes > MAX_STRING_BYTES) {
    console.log(`note: a single JSON file over ${formatBytes(MAX_STRING_BYTES)} cannot be read into one string by Node; use --split 256 to write loadable parts`);
  }
  return 0;
}

process.exitCode = main();
