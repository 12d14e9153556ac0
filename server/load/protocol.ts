/**
 * What the dashboard's main thread and a load worker (worker.ts) say to each other. Everything here
 * crosses a thread by structured clone: plain data only.
 */
import type { FindingsRun } from "../../lib/findings/run";
import type { ClusterSnapshot, SnapshotSource } from "../../lib/model";
import type { LiveProgress } from "../sources/live";

/** Which source to read: the same descriptors the registry resolves ids to. */
export type LoadRequest =
  | { type: "demo" }
  | { type: "files"; paths: string[]; source: SnapshotSource }
  | { type: "live"; context: string };

export type ToWorker = { type: "cancel" };

export type FromWorker =
  | { type: "progress"; progress: LiveProgress }
  | { type: "done"; snapshot: ClusterSnapshot; run: FindingsRun }
  | { type: "error"; code: string; message: string };
