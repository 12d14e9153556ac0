export { generateCluster, clusterList, countKinds, objectsOfKind, shapeOf, DEFAULT_SEED, KIND_ORDER, type SynthKind } from "./cluster";
export { planCluster } from "./plan";
export { listClose, listItem, listOpen, serializeList, toKubectlJson } from "./json";
export { Rng, distribute, hash128 } from "./random";
export { SIZES, isSizeName, type ClusterShape, type SizeName } from "./shapes";
export type { ClusterPlan, KubeObject, Json, JsonObject } from "./types";
