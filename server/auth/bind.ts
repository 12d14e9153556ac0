/**
 * Where the server listens. `CLEARANCE_AUTH=none` is safe only when nothing but this machine can
 * connect, so the start-up check needs the real bind address. `next start` binds every interface
 * unless given `-H`, and exposes the choice nowhere but its own arguments (it records
 * `http://localhost:PORT` as its origin even for `-H 0.0.0.0`); the standalone server reads
 * `HOSTNAME`. Both run the HTTP server in this process and listen before `register()` runs, so the
 * listening sockets themselves are the most truthful answer; arguments and environment are the
 * fallback.
 */
import { isIP } from "node:net";
import path from "node:path";

/** 127.0.0.0/8, ::1, an IPv4-mapped 127/8 address, or the name localhost. */
export function isLoopbackAddress(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (h === "localhost") return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (isIP(h) === 6) return h === "::1" || h === "0:0:0:0:0:0:0:1" || /^::ffff:127\./.test(h);
  return false;
}

interface ServerLike {
  listening?: boolean;
  address(): unknown;
}

function isListeningServer(h: unknown): h is ServerLike {
  return !!h && typeof h === "object" && typeof (h as ServerLike).address === "function" && (h as ServerLike).listening === true;
}

/**
 * Addresses of the TCP servers listening in this process (`host:port`). Uses
 * `process._getActiveHandles()`, undocumented but present in every Node.js release since 0.x;
 * returns [] where it is missing.
 */
export function listeningAddresses(handles: unknown[] = activeHandles()): string[] {
  const out: string[] = [];
  for (const h of handles) {
    if (!isListeningServer(h)) continue;
    const a = h.address();
    if (a && typeof a === "object" && typeof (a as { address?: unknown }).address === "string") {
      const { address, port } = a as { address: string; port?: number };
      out.push(`${address.includes(":") ? `[${address}]` : address}:${port ?? "?"}`);
    }
  }
  return out;
}

function activeHandles(): unknown[] {
  const p = process as unknown as { _getActiveHandles?: () => unknown[] };
  try {
    return p._getActiveHandles?.() ?? [];
  } catch {
    return [];
  }
}

/** The host named by `-H`/`--hostname` in `next start|dev` arguments, or by HOSTNAME for the standalone server.js. */
export function requestedHost(argv: string[], env: Record<string, string | undefined>): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-H" || a === "--hostname") return argv[i + 1];
    if (a.startsWith("--hostname=")) return a.slice("--hostname=".length);
    if (a.startsWith("-H") && a.length > 2) return a.slice(2).replace(/^=/, "");
  }
  const script = argv[1] ? path.basename(argv[1]) : "";
  if (script === "server.js") return env.HOSTNAME || "0.0.0.0";
  return undefined;
}

/** Hosts without port, from `host:port` / `[v6]:port`. */
export function hostOf(address: string): string {
  const m = /^\[(.*)\]:[^:]*$/.exec(address) ?? /^([^:]*):[^:]*$/.exec(address);
  return m ? m[1] : address;
}

/**
 * Where this server accepts connections: the listening sockets when they can be seen, else the
 * requested host, else every interface (Next's default without `-H`).
 */
export function bindAddresses(argv: string[] = process.argv, env: Record<string, string | undefined> = process.env, handles?: unknown[]): { addresses: string[]; from: "sockets" | "arguments" | "default" } {
  const sockets = listeningAddresses(handles);
  if (sockets.length) return { addresses: sockets, from: "sockets" };
  const host = requestedHost(argv, env);
  if (host) return { addresses: [host], from: "arguments" };
  return { addresses: ["0.0.0.0"], from: "default" };
}
