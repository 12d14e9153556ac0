/**
 * Where this copy of Clearance lives and which version it is. The package build
 * (scripts/package/build-cli.mjs) bundles cli/ into dist/cli/ and writes both facts into the bundle;
 * run from the sources (bin/clearance) they come from the checkout around cli/.
 */
import { fileURLToPath } from "node:url";
import { VERSION } from "../lib/version";

declare const CLEARANCE_VERSION: string | undefined;

/** The directory holding package.json, demo/ and (in the package) dist/. */
export function installRoot(): string {
  return fileURLToPath(new URL(typeof CLEARANCE_VERSION === "string" ? "../../" : "../", import.meta.url));
}

/** The package build's version, else package.json's (lib/version.ts: one place for the CLI, SARIF and the API). */
export function toolVersion(): string {
  return typeof CLEARANCE_VERSION === "string" ? CLEARANCE_VERSION : VERSION;
}
