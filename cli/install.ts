/**
 * Where this copy of Clearance lives and which version it is. The package build
 * (scripts/package/build-cli.mjs) bundles cli/ into dist/cli/ and writes both facts into the bundle;
 * run from the sources (bin/clearance) they come from the checkout around cli/.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

declare const CLEARANCE_VERSION: string | undefined;

/** The directory holding package.json, demo/ and (in the package) dist/. */
export function installRoot(): string {
  return fileURLToPath(new URL(typeof CLEARANCE_VERSION === "string" ? "../../" : "../", import.meta.url));
}

export function toolVersion(): string {
  if (typeof CLEARANCE_VERSION === "string") return CLEARANCE_VERSION;
  try {
    return (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version?: string }).version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}
