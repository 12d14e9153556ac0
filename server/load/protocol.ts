/**
 * What the dashboard's main thread and a load worker (worker.ts) say to each other. Everything here
 * crosses a thread by structured clone: plain data only.
 */
import type { FindingsRun } from "../../lib/findings/run";
import type { ClusterSnapshot, SnapshotSource } from "../../lib/model";
import type { DemoVariant } from "../sources/demo";
import type { LiveProgress } from "../sources/live";

/** Which source to read: the same descriptors the registry resolves ids to. */
export type SourceRequest =
  | { type: "demo"; variant?: DemoVariant }
  | { type: "files"; paths: string[]; source: SnapshotSource }
  | { type: "live"; context: string };

/** A source to read, and its settings (server/source-settings.ts), applied before the checks run. */
export type LoadRequest = SourceRequest & { settings?: { cni?: string } };

export type ToWorker = { type: "cancel" };

export type FromWorker =
  | { type: "progress"; progress: LiveProgress }
  | { type: "done"; snapshot: ClusterSnapshot; run: FindingsRun }
  | { type: "error"; code: string; message: string };
