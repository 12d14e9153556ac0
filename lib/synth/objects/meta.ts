/** Object metadata as the API server fills it: uid, resourceVersion, creationTimestamp, ownerReferences. */
import { Rng } from "../random";
import type { JsonObject, Labels } from "../types";

/** The moment every synthetic snapshot is "taken"; ages count back from here. Fixed for determinism. */
export const SNAPSHOT_TIME = Date.UTC(2026, 0, 15, 12, 0, 0);

/** RFC 3339 without fractional seconds, as the API server writes timestamps. */
export function timestamp(daysAgo: number, secondsJitter = 0): string {
  return new Date(SNAPSHOT_TIME - Math.round(daysAgo * 86_400_000) - secondsJitter * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A stable uid for an object, so owners and dependents agree without sharing state. */
export function uidOf(seed: number, kind: string, namespace: string, name: string): string {
  return Rng.for(seed, "uid", kind, namespace, name).uuid();
}

export interface MetaInit {
  seed: number;
  kind: string;
  name: string;
  namespace?: string;
  labels?: Labels;
  annotations?: Labels;
  ageDays: number;
  generation?: number;
  generateName?: string;
  ownerReferences?: JsonObject[];
}

/** ObjectMeta with the server-set fields (uid, resourceVersion, creationTimestamp), empty maps omitted. */
export function objectMeta(m: MetaInit, rng: Rng): JsonObject {
  return {
    name: m.name,
    ...(m.namespace !== undefined ? { namespace: m.namespace } : {}),
    ...(m.generateName ? { generateName: m.generateName } : {}),
    uid: uidOf(m.seed, m.kind, m.namespace ?? "", m.name),
    resourceVersion: String(rng.int(1_000_000, 900_000_000)),
    ...(m.generation !== undefined ? { generation: m.generation } : {}),
    creationTimestamp: timestamp(m.ageDays, rng.int(0, 86_399)),
    ...(m.labels && Object.keys(m.labels).length ? { labels: m.labels } : {}),
    ...(m.annotations && Object.keys(m.annotations).length ? { annotations: m.annotations } : {}),
    ...(m.ownerReferences ? { ownerReferences: m.ownerReferences } : {}),
  };
}

/** A controller ownerReference (`controller: true`, `blockOwnerDeletion: true`). */
export function controllerRef(seed: number, apiVersion: string, kind: string, namespace: string, name: string): JsonObject {
  return { apiVersion, kind, name, uid: uidOf(seed, kind, namespace, name), controller: true, blockOwnerDeletion: true };
}
