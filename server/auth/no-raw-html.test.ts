/**
 * Everything the cluster says (names, labels, annotations: any string) reaches the page through
 * React, which renders it as text. This keeps it that way: no code in the UI may write raw HTML.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const RAW_HTML = /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(|createContextualFragment|\beval\(|new Function\(/;

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => path.join(dir, f));
}

describe("UI code renders strings as text", () => {
  it("never writes raw HTML or evaluates strings", () => {
    const files = ["app", "components", "lib"].flatMap(sources);
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((f) => RAW_HTML.test(readFileSync(path.join(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("would notice one", () => {
    expect(RAW_HTML.test('<div dangerouslySetInnerHTML={{ __html: label }} />')).toBe(true);
    expect(RAW_HTML.test("el.innerHTML = name")).toBe(true);
  });
});
