/**
 * Hostile files given to the CLI: FIFOs, devices, links to them, input piped in, unreadable files.
 * Each ends at once with a clear error naming the file, on stderr, and never a perfect score.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { bufferIO } from "../../cli/io";
import { main } from "../../cli/main";

const dir = mkdtempSync(path.join(tmpdir(), "clearance-hostile-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NS = "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n";

async function run(argv: string[], stdin?: Readable) {
  const io = { ...bufferIO({ HOME: dir }), ...(stdin ? { stdin } : {}) };
  const t = Date.now();
  const code = await main(argv, io);
  return { code, ms: Date.now() - t, stdout: io.stdout.join("\n"), stderr: io.stderr.join("\n") };
}

describe("hostile files", () => {
  it("a FIFO given as the snapshot is refused at once, naming it", async () => {
    const fifo = path.join(dir, "pipe.yaml");
    execFileSync("mkfifo", [fifo]);
    const r = await run(["snapshot", "--snapshot", fifo]);
    expect(r.code).toBe(2);
    expect(r.ms).toBeLessThan(5000);
    expect(r.stderr).toContain(`error: ${fifo}: a FIFO (named pipe), not a regular file: only regular files are read`);
  });

  it("a FIFO and a link to /dev/zero inside a directory are refused; the rest is read", async () => {
    const d = path.join(dir, "repo");
    mkdirSync(d);
    writeFileSync(path.join(d, "ns.yaml"), NS);
    execFileSync("mkfifo", [path.join(d, "fifo.yaml")]);
    symlinkSync("/dev/zero", path.join(d, "zero.json"));
    const r = await run(["snapshot", "--snapshot", d, "--output", "json"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).counts.namespaces).toBe(1);
    expect(r.stderr.split("\n")).toEqual([
      `error: ${path.join(d, "fifo.yaml")}: a FIFO (named pipe), not a regular file: only regular files are read (pipe manifests through --snapshot - instead)`,
      `error: ${path.join(d, "zero.json")}: a character device, not a regular file: only regular files are read (pipe manifests through --snapshot - instead)`,
    ]);
  });

  it("reads standard input only for --snapshot -", async () => {
    const r = await run(["snapshot", "--snapshot", "-", "--output", "json"], Readable.from([Buffer.from(NS)]));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ source: { label: "standard input" }, counts: { namespaces: 1 } });
  });

  it("refuses standard input past the limit", async () => {
    const endless = new Readable({ read() { this.push(Buffer.alloc(1024 * 1024, 0x20)); } });
    const io = { ...bufferIO({ HOME: dir, CLEARANCE_MAX_JSON_MB: "4", CLEARANCE_MAX_YAML_MB: "2" }), stdin: endless };
    expect(await main(["snapshot", "--snapshot", "-"], io)).toBe(2);
    expect(io.stderr.join("\n")).toMatch(/error: -: input is more than 4\.0 MB, above the limit/);
  });

  it("snapshot prints problems on stderr, not stdout", async () => {
    writeFileSync(path.join(dir, "broken.yaml"), `${NS}---\nkind: [\n`);
    const r = await run(["snapshot", "--snapshot", path.join(dir, "broken.yaml")]);
    expect(r.code).toBe(2);
    expect(r.stdout).not.toMatch(/invalid YAML/);
    expect(r.stderr).toMatch(/broken\.yaml, document 2, line \d+: invalid YAML/);
  });

  it("scan --partial-ok over an unreadable file never reports a perfect score", async () => {
    writeFileSync(path.join(dir, "locked.yaml"), NS);
    execFileSync("chmod", ["000", path.join(dir, "locked.yaml")]);
    const unreadable = process.getuid?.() === 0 ? path.join(dir, "pipe.yaml") : path.join(dir, "locked.yaml"); // root reads mode 000
    const r = await run(["scan", "--snapshot", unreadable, "--partial-ok"]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/Score 100\/100/);
    expect(r.stdout).toMatch(/PARTIAL: scored only what could be read \(1 document or file unreadable; see stderr\), so the score is at most 99/);
    const json = await run(["scan", "--snapshot", unreadable, "--partial-ok", "--format", "json"]);
    const score = JSON.parse(json.stdout).score;
    expect(score.overall === null || score.overall <= 99).toBe(true);
    expect(score.partial).toEqual({ errors: 1, unavailable: [] });
  });
});
