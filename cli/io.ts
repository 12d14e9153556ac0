import type { Readable } from "node:stream";

/** Where a command writes; tests pass buffers, main passes the process streams. */
export interface IO {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  /** Standard input, read only for `--snapshot -`. */
  stdin?: Readable;
}

export const processIO: IO = {
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
  env: process.env,
  stdin: process.stdin,
};

export function bufferIO(env: Record<string, string | undefined> = {}): IO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, env, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

/** Left-aligned text table. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("  ")).join("\n");
}
