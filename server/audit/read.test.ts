import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { auditFixture } from "../../lib/audit/fixture";
import { line } from "../../lib/audit/testing";
import { auditLogFiles, readAuditLogs } from "./read";

const index = auditFixture();
const dir = mkdtempSync(path.join(tmpdir(), "clearance-audit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const get = (day: number) => line({ as: "data/reports", verb: "get", resource: "secrets", namespace: "data", name: "db", day });

describe("readAuditLogs", () => {
  it("reads a directory of rotated logs, gzip by content, in name order, with progress", async () => {
    const logs = path.join(dir, "logs");
    mkdirSync(logs);
    writeFileSync(path.join(logs, "audit-2026-10-01T00-00-00.000.log.gz"), gzipSync(`${get(1)}\n${get(2)}\n`));
    writeFileSync(path.join(logs, "audit.log"), `${get(3)}\r\n${get(4)}`); // CRLF, no final newline
    writeFileSync(path.join(logs, "README.txt"), "not a log");
    symlinkSync("/dev/zero", path.join(logs, "zero.log"));
    const progress: number[] = [];
    const u = await readAuditLogs(index, [logs], { onProgress: (p) => progress.push(p.fileIndex) });
    expect(u.files.map((f) => [path.basename(f.file), f.lines, f.requests])).toEqual([
      ["audit-2026-10-01T00-00-00.000.log.gz", 2, 2],
      ["audit.log", 2, 2],
    ]);
    expect(u.atoms[0].count).toBe(4);
    expect(u.bad.count).toBe(0);
    expect(progress).toContain(2);
  });

  it("reports bad and over-long lines with file and line, and keeps reading", async () => {
    const f = path.join(dir, "mixed.log");
    writeFileSync(f, `${get(1)}\nnot json\n${"x".repeat(5000)}\n${get(2)}\n`);
    const u = await readAuditLogs(index, [f], { maxLineBytes: 1000 });
    expect(u.bad.samples.map((b) => [path.basename(b.file), b.line, b.message.slice(0, 12)])).toEqual([
      ["mixed.log", 2, "invalid JSON"],
      ["mixed.log", 3, "line longer "],
    ]);
    expect(u.requests).toBe(2);
    expect(u.files[0].lines).toBe(4);
  });

  it("reports a truncated gzip file and keeps what it read", async () => {
    const gz = gzipSync(`${get(1)}\n${get(2)}\n`);
    const f = path.join(dir, "cut.log.gz");
    writeFileSync(f, gz.subarray(0, gz.length - 12));
    const u = await readAuditLogs(index, [f]);
    expect(u.bad.samples[0].message).toMatch(/^cannot read further: /);
  });

  it("refuses what is not a regular file or directory", async () => {
    await expect(auditLogFiles(["/dev/null"])).rejects.toThrow("not a regular file or directory");
    await expect(auditLogFiles([path.join(dir, "nope")])).rejects.toThrow("no such file or directory");
  });
});
