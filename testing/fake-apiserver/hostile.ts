/**
 * Hostile behaviours of the fake API server (test support): what a broken or compromised API server
 * can answer to a list request, so tests can prove every read is bounded.
 * - `endless-continue`: full pages of made-up objects, each with a fresh continue token, forever;
 * - `endless-empty`: empty pages, each with a fresh continue token, forever;
 * - `same-continue`: answers the continue token it was given (a list going in circles);
 * - `gzip-bomb`: a few MB of gzip that inflate to `bombBytes` (default 4 GiB) of JSON whitespace;
 * - `huge`: an uncompressed body of `bombBytes` (a list that never stops);
 * - `drip`: the start of a list, then one byte every `dripMs` (default 1 s), never finishing;
 * - `garbage`: 200 OK, `Content-Type: application/json`, and bytes that are not JSON.
 * Names with terminal escapes, bidi controls and spreadsheet formulas are objects, not a mode:
 * see `hostileObjects()`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import type { Collection } from "./resources";

export const HOSTILE_MODES = ["endless-continue", "endless-empty", "same-continue", "gzip-bomb", "huge", "drip", "garbage"] as const;
export type HostileMode = (typeof HOSTILE_MODES)[number];

export interface HostileSettings {
  /** Decompressed size of `gzip-bomb` and size of `huge` (default 4 GiB). */
  bombBytes: number;
  /** Milliseconds between the bytes of `drip` (default 1000). */
  dripMs: number;
}

const MEMBER_BYTES = 16 * 1024 * 1024;
let member: Buffer | undefined;
/** One gzip member of 16 MiB of spaces (~16 KB compressed); concatenated members are one valid gzip stream. */
function spacesMember(): Buffer {
  member ??= gzipSync(Buffer.alloc(MEMBER_BYTES, 0x20), { level: 9 });
  return member;
}

/** Writes `chunk` `times` times, respecting backpressure, then `tail`; stops when the client goes away. */
function pump(res: ServerResponse, chunk: Buffer, times: number, tail: Buffer): void {
  let left = times;
  const write = () => {
    while (left > 0 && !res.destroyed) {
      left--;
      if (!res.write(chunk)) return void res.once("drain", write);
    }
    if (!res.destroyed) res.end(tail);
  };
  write();
}

function listHead(c: Collection): string {
  return `{"kind":"${c.def.kind}List","apiVersion":"${c.def.group ? `${c.def.group}/` : ""}${c.def.version}","metadata":{},"items":[`;
}

let counter = 0;
function madeUp(c: Collection, n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, () => {
    const i = counter++;
    return { metadata: { name: `endless-${i}`, ...(c.def.namespaced ? { namespace: "endless" } : {}), uid: `endless-${i}` } };
  });
}

/** Answers a list request of `c` the hostile way `mode` says. */
export function hostileAnswer(mode: HostileMode, c: Collection, req: IncomingMessage, res: ServerResponse, s: HostileSettings): void {
  const url = new URL(req.url ?? "/", "http://fake");
  const json = (body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
    res.end(text);
  };
  const list = (items: unknown[], cont: string) => ({ kind: `${c.def.kind}List`, apiVersion: c.def.version, metadata: { continue: cont, resourceVersion: "1" }, items });
  switch (mode) {
    case "endless-continue":
      return json(list(madeUp(c, Number(url.searchParams.get("limit")) || 500), `endless-${counter}`));
    case "endless-empty":
      return json(list([], `empty-${counter++}`));
    case "same-continue":
      return json(list(madeUp(c, 1), url.searchParams.get("continue") ?? "again"));
    case "gzip-bomb": {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Encoding": "gzip" });
      const head = gzipSync(listHead(c));
      res.write(head);
      return pump(res, spacesMember(), Math.ceil(s.bombBytes / MEMBER_BYTES), gzipSync("]}"));
    }
    case "huge":
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write(listHead(c));
      return pump(res, Buffer.alloc(1024 * 1024, 0x20), Math.ceil(s.bombBytes / (1024 * 1024)), Buffer.from("]}"));
    case "drip": {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write(listHead(c));
      const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write(" ")), s.dripMs);
      res.once("close", () => clearInterval(t));
      return;
    }
    case "garbage": {
      const bytes = Buffer.from(`<html>\u0000\u00ff\u001b[2J not json ${"\u00e9".repeat(64)}`, "latin1");
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": bytes.length });
      return void res.end(bytes);
    }
  }
}

/** Terminal escapes, bidi controls and formulas, in the places a tenant chooses names. */
export const HOSTILE_NAMES = {
  clearScreen: "\u001b[2J\u001b[31mCLEARED\u001b[0m",
  clipboard: "\u001b]52;c;ZWNobyBwd25lZA==\u0007",
  bidi: "user\u202eevil\u202c",
  formula: "=HYPERLINK(\"http://evil.example\",\"x\")",
  newline: "line1\nline2\rX",
  long: `long-${"x".repeat(64 * 1024)}`,
} as const;

/**
 * A namespace, a ClusterRoleBinding and a RoleBinding whose subject names and reasons carry every
 * HOSTILE_NAMES entry, binding cluster-admin (so findings name them) and a pod whose labels do.
 */
export function hostileObjects(): unknown[] {
  const subjects = Object.values(HOSTILE_NAMES).map((name) => ({ kind: "User", apiGroup: "rbac.authorization.k8s.io", name }));
  return [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "tenant" } },
    { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "cluster-admin" }, rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }] },
    { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", metadata: { name: "tenant-admins" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" }, subjects },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "tenant-edit", namespace: "tenant" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
      subjects: [{ kind: "ServiceAccount", name: HOSTILE_NAMES.bidi, namespace: "tenant" }],
    },
  ];
}
