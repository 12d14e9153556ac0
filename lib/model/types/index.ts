/**
 * The normalized records of a ClusterSnapshot. Raw API objects are reshaped into these at the
 * boundary (lib/model/normalize.ts): managedFields, last-applied annotations, env values, status
 * noise and anything from Secrets never get this far. Names follow the Kubernetes API's own words.
 */
export type { LabelSelector, Labels } from "../selector";
export * from "./meta";
export * from "./workloads";
export * from "./network";
export * from "./rbac";
export * from "./admission";
export * from "./cni";
