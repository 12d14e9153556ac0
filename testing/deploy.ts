/**
 * Test support for deploy/: the base set (top level and optional/) and the fleet examples under
 * deploy/fleet/, each example applied over the base (its files replace the base files of the same
 * name, as `kubectl apply -f deploy/ && kubectl apply -f deploy/fleet/<example>/` does), and
 * Clearance's own scan of a set.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { bufferIO } from "../cli/io";
import { main } from "../cli/main";
import type { Finding } from "../lib/findings/types";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const DEPLOY = path.join(ROOT, "deploy");

const yaml = (f: string) => /\.ya?ml$/.test(f);

/** Base files, relative to deploy/. */
export function baseFiles(): string[] {
  return readdirSync(DEPLOY, { recursive: true, encoding: "utf8" }).filter((f) => yaml(f) && !f.startsWith(`fleet${path.sep}`)).sort();
}

/** Absolute paths of what runs with `example` applied: the base's top-level files it does not replace, then its own. */
export function effectiveSet(example: string): string[] {
  const dir = path.join(DEPLOY, "fleet", example);
  const own = readdirSync(dir).filter(yaml);
  const base = readdirSync(DEPLOY).filter((f) => yaml(f) && !own.includes(f));
  return [...base.map((f) => path.join(DEPLOY, f)), ...own.map((f) => path.join(dir, f))];
}

/** Clearance's scan of `files`: exit code, stderr and the findings above low. */
export async function scanAboveLow(files: string[]): Promise<{ code: number; stderr: string; aboveLow: string[] }> {
  if (!existsSync(path.join(DEPLOY, "10-rbac.yaml"))) throw new Error("deploy/ not found");
  const io = bufferIO();
  const code = await main(["scan", ...files.flatMap((f) => ["--snapshot", f]), "--format", "json"], io);
  const report = JSON.parse(io.stdout.join("\n") || "{\"findings\":[]}") as { findings: Finding[] };
  const aboveLow = report.findings.filter((f) => f.severity !== "low" && f.severity !== "info").map((f) => `${f.severity} ${f.rule} ${f.title}: ${f.evidence}`);
  return { code, stderr: io.stderr.join("\n"), aboveLow };
}
