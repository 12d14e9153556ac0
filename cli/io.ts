/**
 * Where a command writes. Text for a person (`out`, `err`, `write`) is terminal-safe: names from the
 * cluster go through `visible` where they are formatted, and every text output passes
 * `terminalSafe`, so no control or bidi character reaches the terminal raw. Data (`data`: JSON,
 * SARIF, CSV) is written unchanged. Large outputs are written as they are produced (`write`, `data`),
 * waiting while the destination is full, so their size is bounded by memory per row, not by the
 * length of one string. Tests pass buffers, main passes the process streams.
 */
import { once } from "node:events";
import type { Readable, Writable } from "node:stream";
import { batched, jsonChunks } from "../lib/output/json";
import { terminalSafe, visible } from "../lib/output/terminal";

export interface IO {
  /** A block of text; a newline is added when it lacks one. */
  out(text: string): void;
  /** A problem or a note for the person at the terminal (stderr). */
  err(text: string): void;
  /** Text written as it is produced (no newline added). */
  write(chunks: Iterable<string>): Promise<void>;
  /** Data written unchanged as it is produced (JSON, SARIF; CSV keeps its line breaks). */
  data(chunks: Iterable<string>, opts?: { csv?: boolean }): Promise<void>;
  env: Record<string, string | undefined>;
  /** Standard input, read only for `--snapshot -`. */
  stdin?: Readable;
}

const line = (t: string) => (t.endsWith("\n") ? t : `${t}\n`);

async function pipe(stream: Writable, chunks: Iterable<string>, each: (c: string) => string): Promise<void> {
  for (const c of batched(chunks)) if (!stream.write(each(c))) await once(stream, "drain");
}

export const processIO: IO = {
  out: (t) => void process.stdout.write(terminalSafe(line(t))),
  err: (t) => void process.stderr.write(terminalSafe(line(t))),
  write: (chunks) => pipe(process.stdout, chunks, (c) => terminalSafe(c)),
  // CSV: control characters escaped except the line breaks records use; JSON escapes its own.
  data: (chunks, opts) => pipe(process.stdout, chunks, (c) => (opts?.csv ? terminalSafe(c, "\r\n\t") : c)),
  env: process.env,
  stdin: process.stdin,
};

/** An IO into arrays: `out`/`err` push one entry each; `write`/`data` push the whole output as one entry. */
export function bufferIO(env: Record<string, string | undefined> = {}): IO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    env,
    out: (t) => void stdout.push(terminalSafe(t)),
    err: (t) => void stderr.push(terminalSafe(t)),
    write: async (chunks) => void stdout.push(terminalSafe([...chunks].join(""))),
    data: async (chunks, opts) => void stdout.push(opts?.csv ? terminalSafe([...chunks].join(""), "\r\n\t") : [...chunks].join("")),
  };
}

/** Column widths of a table: the longest cell per column (a loop: a spread of 50,000 rows overflows the stack). */
function widths(rows: readonly (readonly string[])[], columns: number): number[] {
  const w = new Array<number>(columns).fill(0);
  for (const r of rows) for (let i = 0; i < columns; i++) w[i] = Math.max(w[i], (r[i] ?? "").length);
  return w;
}

/** Left-aligned text table as lines, cells shown with `visible` (no raw control or bidi characters). */
export function* tableLines(headers: string[], rows: readonly (readonly (string | number)[])[]): Generator<string> {
  const cells = rows.map((r) => r.map((c) => visible(String(c))));
  const w = widths([headers, ...cells], headers.length);
  const render = (r: readonly string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i]))).join("  ");
  yield render(headers);
  for (const r of cells) yield render(r);
}

/** Left-aligned text table (small tables; large ones are written with tableLines). */
export function table(headers: string[], rows: readonly (readonly (string | number)[])[]): string {
  return [...tableLines(headers, rows)].join("\n");
}

/** A value as `JSON.stringify(value, null, 2)` plus a newline, in chunks (for `io.data`). */
export function* jsonOutput(value: unknown): Generator<string> {
  yield* jsonChunks(value, 2);
  yield "\n";
}

/** The chunks, ending with a newline (added when the last one lacks it; nothing added to nothing). */
export function* endLine(chunks: Iterable<string>): Generator<string> {
  let last = "";
  for (const c of chunks) {
    if (c) last = c;
    yield c;
  }
  if (last && !last.endsWith("\n")) yield "\n";
}
