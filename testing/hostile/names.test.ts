/**
 * Hostile names, from files and from a live API server: subjects and namespaces named with terminal
 * escapes (clear screen, OSC 52 clipboard), bidi overrides, newlines and spreadsheet formulas. Text
 * output carries no raw control or bidi character and marks the names; JSON is the data unchanged;
 * CSV neutralises formulas; the names are a finding.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bufferIO } from "../../cli/io";
import { main } from "../../cli/main";
import { HIDDEN_MARKER } from "../../lib/output/terminal";
import { fakeCluster, HOSTILE_NAMES, hostileObjects, type FakeCluster } from "../fake-apiserver";

/** What a terminal acts on: C0 controls but newline and tab, DEL, C1 controls, bidi formatting characters. */
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const dir = mkdtempSync(path.join(tmpdir(), "clearance-hostile-names-"));
const file = path.join(dir, "tenant.json");
let live: FakeCluster;

beforeAll(async () => {
  // A file can hold what the API server would refuse: a namespace that is a formula.
  const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "x", namespace: HOSTILE_NAMES.formula }, spec: { containers: [{ name: "c", image: "nginx" }] } };
  writeFileSync(file, JSON.stringify({ apiVersion: "v1", kind: "List", items: [...hostileObjects(), pod] }));
  live = await fakeCluster({ objects: hostileObjects(), token: "tok" }, "hostile");
});
afterAll(async () => {
  await live.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[], env: Record<string, string> = { HOME: dir }) {
  const io = bufferIO(env);
  const code = await main(argv, io);
  return { code, out: io.stdout.join("\n"), err: io.stderr.join("\n") };
}

describe("hostile names", () => {
  it.each([
    ["files", () => ["--snapshot", file]],
    ["a live API server", () => ["--context", "hostile"]],
  ])("from %s: text output has no raw control or bidi character and marks each name", async (_, source) => {
    const env = { HOME: dir, ...live.env };
    for (const argv of [
      ["scan", ...source(), "--include-defaults"],
      ["who-can", "get", "pods", ...source()],
      ["permissions", "--user", HOSTILE_NAMES.clearScreen, ...source()],
      ["snapshot", ...source()],
    ]) {
      const r = await run([...argv, "--partial-ok"], env);
      expect(r.code, argv.join(" ")).toBeLessThan(2);
      expect(ACTIVE.test(r.out), `${argv[0]} stdout`).toBe(false);
      expect(ACTIVE.test(r.err), `${argv[0]} stderr`).toBe(false);
    }
    const whoCan = await run(["who-can", "get", "pods", ...source()], env);
    expect(whoCan.out).toContain(`${HIDDEN_MARKER}\\x1b[2J\\x1b[31mCLEARED\\x1b[0m`);
    expect(whoCan.out).toContain(`${HIDDEN_MARKER}\\x1b]52;c;ZWNobyBwd25lZA==\\x07`);
    expect(whoCan.out).toContain(`${HIDDEN_MARKER}user\\u202eevil\\u202c`);
    expect(whoCan.out).toContain(`${HIDDEN_MARKER}line1\\nline2\\rX`);
    const scan = await run(["scan", ...source(), "--include-defaults"], env);
    expect(scan.out).toMatch(/PL-hidden-characters/);
  });

  it("JSON output is the data, unchanged", async () => {
    const r = await run(["who-can", "get", "pods", "--snapshot", file, "--output", "json"]);
    const names = (JSON.parse(r.out) as { subjects: { name: string }[] }).subjects.map((s) => s.name);
    for (const n of [HOSTILE_NAMES.clearScreen, HOSTILE_NAMES.clipboard, HOSTILE_NAMES.bidi, HOSTILE_NAMES.formula, HOSTILE_NAMES.long]) expect(names).toContain(n);
  });

  it("CSV neutralises a cell that would run as a formula, and escapes control characters", async () => {
    const r = await run(["scan", "--snapshot", file, "--format", "csv", "--include-defaults"]);
    expect(r.out).toContain(`,"'=HYPERLINK(""http://evil.example"",""x"")",`);
    expect(r.out.split("\r\n").some((line) => /^[^"]*,=/.test(line))).toBe(false);
    expect(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e]/.test(r.out)).toBe(false);
  });
});
