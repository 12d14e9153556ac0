/**
 * Bounded reads of files someone else chose. Only regular files are read: a path that is (or links
 * to) a FIFO, a socket or a device (`/dev/zero`, `/dev/stdin`) is refused before a byte is read,
 * and without blocking — it is opened O_NONBLOCK, so a FIFO with no writer cannot park one of the
 * process's four file-I/O threads. The limit is checked on the bytes actually read, not on what
 * `stat` claims (a file can grow while it is read; /proc files report size 0). Standard input is
 * read only when a caller asks for it explicitly (`--snapshot -`), with the same limit.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from "node:fs";
import { open, stat } from "node:fs/promises";
import type { Readable } from "node:stream";

/** Why a read was refused: `kind` says which rule, `message` says it for a person. */
export class ReadRefused extends Error {
  constructor(
    readonly kind: "not-regular" | "too-large" | "io",
    message: string,
  ) {
    super(message);
    this.name = "ReadRefused";
  }
}

export interface ReadLimit {
  /** At most this many bytes; one more is refused. */
  maxBytes: number;
  /** Says which limit: "for YAML". */
  label?: string;
  /** Appended to the refusal, e.g. "raise CLEARANCE_MAX_YAML_MB". */
  advice?: string;
}

const CHUNK = 1024 * 1024;

/** An exceptions file holds a few hundred entries; 16 MB is far past any real one. */
export const EXCEPTIONS_LIMIT: ReadLimit = { maxBytes: 16 * 1024 * 1024, label: "for an exceptions file" };
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

/** 3.0 MB, 12.5 KB, 10 bytes. */
export function megabytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} bytes`;
}

function fileType(st: Stats): string {
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  if (st.isDirectory()) return "a directory";
  return "not a regular file";
}

function notRegular(st: Stats): ReadRefused {
  return new ReadRefused("not-regular", `${fileType(st)}, not a regular file: only regular files are read (pipe manifests through --snapshot - instead)`);
}

function tooLarge(limit: ReadLimit, size?: number): ReadRefused {
  const what = size === undefined ? `more than ${megabytes(limit.maxBytes)}` : `${megabytes(size)}`;
  return new ReadRefused("too-large", `file is ${what}, above the ${megabytes(limit.maxBytes)} limit${limit.label ? ` ${limit.label}` : ""}${limit.advice ? `; ${limit.advice}` : ""}`);
}

function ioError(e: unknown): ReadRefused {
  return new ReadRefused("io", `cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
}

/**
 * Reads a regular file completely, refusing anything else (see the file comment). `limitFor` picks the
 * limit once the first bytes are known (YAML and JSON have different ones). Throws ReadRefused.
 */
export async function readRegularFile(file: string, limitFor: (head: Buffer) => ReadLimit): Promise<Buffer> {
  let st: Stats;
  try {
    st = await stat(file); // follows links: a link to /dev/zero is a character device
  } catch (e) {
    throw ioError(e);
  }
  if (!st.isFile()) throw notRegular(st);
  let handle;
  try {
    handle = await open(file, OPEN_FLAGS);
  } catch (e) {
    throw ioError(e);
  }
  try {
    const fst = await handle.stat(); // the file opened, not the one stat saw (it may have been swapped)
    if (!fst.isFile()) throw notRegular(fst);
    const head = Buffer.allocUnsafe(64);
    const first = (await handle.read(head, 0, head.length, null)).bytesRead;
    const limit = limitFor(head.subarray(0, first));
    if (fst.size > limit.maxBytes) throw tooLarge(limit, fst.size); // refused early, with the size
    // Read into one buffer of the size stat reports (plus one byte, to see the end without another
    // buffer), grown only if the file is longer: no list of chunks copied into a whole at the end.
    let buf = Buffer.allocUnsafe(Math.max(fst.size, first) + 1);
    head.copy(buf, 0, 0, first);
    let total = first;
    if (total > limit.maxBytes) throw tooLarge(limit);
    while (first > 0) {
      if (total === buf.length) {
        const grown = Buffer.allocUnsafe(Math.min(Math.max(2 * buf.length, CHUNK), limit.maxBytes + 1));
        buf.copy(grown, 0, 0, total);
        buf = grown;
      }
      const { bytesRead } = await handle.read(buf, total, buf.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit.maxBytes) throw tooLarge(limit);
    }
    return buf.subarray(0, total);
  } catch (e) {
    throw e instanceof ReadRefused ? e : ioError(e);
  } finally {
    await handle.close();
  }
}

/** The synchronous form of readRegularFile with one limit (small configuration files on a request path). */
export function readRegularFileSync(file: string, limit: ReadLimit): Buffer {
  let fd: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw notRegular(st);
    fd = openSync(file, OPEN_FLAGS);
  } catch (e) {
    throw e instanceof ReadRefused ? e : ioError(e);
  }
  try {
    const fst = fstatSync(fd);
    if (!fst.isFile()) throw notRegular(fst);
    if (fst.size > limit.maxBytes) throw tooLarge(limit, fst.size);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(CHUNK);
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > limit.maxBytes) throw tooLarge(limit);
    }
    return Buffer.concat(chunks, total);
  } catch (e) {
    throw e instanceof ReadRefused ? e : ioError(e);
  } finally {
    closeSync(fd);
  }
}

/** Reads a stream (standard input) up to the limit; more is refused and the stream destroyed. */
export async function readStream(stream: Readable, limit: ReadLimit): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    total += b.length;
    if (total > limit.maxBytes) {
      stream.destroy();
      throw new ReadRefused("too-large", `input is more than ${megabytes(limit.maxBytes)}, above the limit${limit.label ? ` ${limit.label}` : ""}${limit.advice ? `; ${limit.advice}` : ""}`);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks, total);
}
