import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { readRegularFile, readRegularFileSync, ReadRefused, readStream } from "./read";

const dir = mkdtempSync(path.join(tmpdir(), "clearance-read-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const limit = (maxBytes: number) => () => ({ maxBytes, label: "for tests", advice: "raise it" });
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as ReadRefused);

describe("readRegularFile", () => {
  it("reads a regular file and one it links to", async () => {
    writeFileSync(path.join(dir, "a.yaml"), "kind: Namespace\n");
    symlinkSync(path.join(dir, "a.yaml"), path.join(dir, "link.yaml"));
    expect((await readRegularFile(path.join(dir, "link.yaml"), limit(100))).toString()).toBe("kind: Namespace\n");
    expect((await readRegularFile(path.join(dir, "a.yaml"), limit(16))).length).toBe(16);
  });

  it("refuses a link to /dev/zero without reading it", async () => {
    symlinkSync("/dev/zero", path.join(dir, "zero.yaml"));
    const e = await refusal(readRegularFile(path.join(dir, "zero.yaml"), limit(1 << 30)));
    expect(e).toMatchObject({ kind: "not-regular", message: expect.stringMatching(/^a character device, not a regular file/) });
    expect(() => readRegularFileSync(path.join(dir, "zero.yaml"), { maxBytes: 10 })).toThrow(/character device/);
  });

  it("refuses a FIFO at once, with no writer on the other end", async () => {
    const fifo = path.join(dir, "pipe.yaml");
    execFileSync("mkfifo", [fifo]);
    const t = Date.now();
    const e = await refusal(readRegularFile(fifo, limit(100)));
    expect(e).toMatchObject({ kind: "not-regular", message: expect.stringMatching(/FIFO/) });
    expect(Date.now() - t).toBeLessThan(1000);
  });

  it("counts the bytes it reads, not the size stat reports", async () => {
    // /proc files report size 0 and still have content.
    const e = await refusal(readRegularFile("/proc/self/maps", limit(10)));
    expect(e).toMatchObject({ kind: "too-large", message: "file is more than 10 bytes, above the 10 bytes limit for tests; raise it" });
    // content shorter than the first read (/proc/self/comm is the process name and a newline), still over the limit
    expect(await refusal(readRegularFile("/proc/self/comm", limit(3)))).toMatchObject({ kind: "too-large" });
  });

  it("reads a file longer than stat said, and one shorter", async () => {
    // /proc files report size 0: the buffer sized from stat is grown as the content comes
    const environ = readFileSync("/proc/self/environ");
    expect(environ.length).toBeGreaterThan(65);
    expect((await readRegularFile("/proc/self/environ", limit(1 << 24))).equals(environ)).toBe(true);
    expect((await readRegularFile("/proc/self/comm", limit(100))).toString()).toMatch(/^.+\n$/);
    writeFileSync(path.join(dir, "empty.yaml"), "");
    expect((await readRegularFile(path.join(dir, "empty.yaml"), limit(10))).length).toBe(0);
    const long = "y".repeat(3 * 1024 * 1024 + 7);
    writeFileSync(path.join(dir, "long.yaml"), long);
    expect((await readRegularFile(path.join(dir, "long.yaml"), limit(4 << 20))).toString()).toBe(long);
  });

  it("refuses a file stat already shows too large, naming its size", async () => {
    writeFileSync(path.join(dir, "big.yaml"), "x".repeat(3 * 1024 * 1024));
    const e = await refusal(readRegularFile(path.join(dir, "big.yaml"), limit(1024 * 1024)));
    expect(e?.message).toBe("file is 3.0 MB, above the 1.0 MB limit for tests; raise it");
  });

  it("names a missing file", async () => {
    expect(await refusal(readRegularFile(path.join(dir, "nope"), limit(10)))).toMatchObject({ kind: "io", message: "cannot read file: ENOENT" });
  });
});

describe("readStream", () => {
  it("reads up to the limit and refuses more", async () => {
    expect((await readStream(Readable.from([Buffer.from("abc"), Buffer.from("def")]), { maxBytes: 6 })).toString()).toBe("abcdef");
    const endless = new Readable({ read() { this.push(Buffer.alloc(64 * 1024)); } });
    await expect(readStream(endless, { maxBytes: 1024 * 1024 })).rejects.toThrow(/input is more than 1\.0 MB/);
    expect(endless.destroyed).toBe(true);
  });
});
