/**
 * The sources a dashboard can show: the bundled demo, snapshot directories named in
 * CLEARANCE_SNAPSHOTS, and the contexts of the kubeconfig. Ids are URL-safe and prefixed by type:
 * `demo`, `snap-<name>`, `ctx-<context>`.
 */
import path from "node:path";
import type { SourceInfo } from "../lib/contracts";
import { ClearanceError, isClearanceError } from "../lib/errors";
import { contextSourceId } from "../lib/model/snapshot";
import type { SourceRequest } from "./load/protocol";
import { DEMO_SOURCE_ID, DEMO_VARIANTS, demoVariantSourceId } from "./sources/demo";
import type { LiveProgress } from "./sources/live";
import type { LiveWatch } from "./sources/live-watch";

export type { SourceInfo };


/** A source that exists, and what a load worker needs to read it (server/load). */
export interface SourceHandle extends SourceInfo {
  request: SourceRequest;
  /** Live contexts: a watch that keeps the snapshot current (server/sources/live-watch.ts). */
  watch?(onProgress?: (p: LiveProgress) => void): LiveWatch;
}

/** CLEARANCE_SNAPSHOTS: comma-separated `name=path` (or bare paths, named by their basename). */
export function snapshotDirs(env: NodeJS.ProcessEnv = process.env): { name: string; path: string }[] {
  return (env.CLEARANCE_SNAPSHOTS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const eq = entry.indexOf("=");
      const p = eq > 0 ? entry.slice(eq + 1) : entry;
      const name = (eq > 0 ? entry.slice(0, eq) : path.basename(p)).replace(/[^A-Za-z0-9._-]/g, "-");
      return { name, path: p };
    });
}

let reported: string | undefined;

async function liveContexts(): Promise<{ name: string; server?: string; current?: boolean }[]> {
  try {
    const { listContexts } = await import("./sources/kubeconfig");
    return listContexts();
  } catch (e) {
    // No kubeconfig: the dashboard still works on the demo and snapshots. One that cannot be read is
    // the operator's to fix: the log says so (once per problem) instead of the contexts vanishing quietly.
    if (!(isClearanceError(e) && e.code === "no_kubeconfig")) {
      const message = `the kubeconfig's contexts are not listed: ${(e as Error).message}`;
      if (message !== reported) console.error(message);
      reported = message;
    }
    return [];
  }
}

export async function listSources(): Promise<SourceInfo[]> {
  const out: SourceInfo[] = [];
  for (const c of await liveContexts()) {
    out.push({ id: contextSourceId(c.name), type: "live", label: c.name, ...(c.server ? { detail: c.server } : {}), ...(c.current ? { current: true } : {}) });
  }
  for (const d of snapshotDirs()) out.push({ id: `snap-${d.name}`, type: "files", label: d.name, detail: d.path });
  out.push({ id: DEMO_SOURCE_ID, type: "demo", label: "Demo cluster", detail: "bundled example: Acme Shop (Calico)" });
  for (const v of DEMO_VARIANTS) out.push({ id: demoVariantSourceId(v), type: "demo", label: `Demo cluster on ${v === "cilium" ? "Cilium" : v}`, detail: `bundled example: Acme Shop after a move to ${v === "cilium" ? "Cilium" : v}` });
  return out;
}

/** The source shown at `/`: the kubeconfig's current context when there is one, else the demo. */
export async function defaultSourceId(): Promise<string> {
  if (process.env.CLEARANCE_DEFAULT_SOURCE) return process.env.CLEARANCE_DEFAULT_SOURCE;
  const current = (await liveContexts()).find((c) => c.current);
  return current ? contextSourceId(current.name) : DEMO_SOURCE_ID;
}

export async function resolveSource(id: string): Promise<SourceHandle> {
  if (id === DEMO_SOURCE_ID) {
    return { id, type: "demo", label: "Demo cluster", request: { type: "demo" } };
  }
  const variant = DEMO_VARIANTS.find((v) => demoVariantSourceId(v) === id);
  if (variant) return { id, type: "demo", label: `Demo cluster on ${variant}`, request: { type: "demo", variant } };
  if (id.startsWith("snap-")) {
    const d = snapshotDirs().find((x) => `snap-${x.name}` === id);
    if (!d) throw new ClearanceError("not_found", `no snapshot source "${id.slice(5)}" (configure CLEARANCE_SNAPSHOTS)`);
    return {
      id,
      type: "files",
      label: d.name,
      detail: d.path,
      request: { type: "files", paths: [d.path], source: { type: "files", id, label: d.name, paths: [d.path] } },
    };
  }
  if (id.startsWith("ctx-")) {
    const context = id.slice(4);
    const ctx = (await liveContexts()).find((c) => c.name === context);
    if (!ctx) throw new ClearanceError("unknown_context", `no context "${context}" in the kubeconfig`);
    const { LiveWatch } = await import("./sources/live-watch");
    const { apiClientFor } = await import("./sources/kubeconfig");
    return {
      id,
      type: "live",
      label: context,
      request: { type: "live", context },
      watch: (onProgress) => new LiveWatch(apiClientFor(context), { onProgress }),
    };
  }
  throw new ClearanceError("not_found", `unknown source "${id}"`);
}
