/**
 * Zod schemas for Kubernetes objects as they arrive (API responses, manifests). They validate only
 * the fields the analysis reads; everything else is stripped on parse, which is the first half of
 * the reshape. `nullish` everywhere: YAML writes empty fields as null.
 */
export * from "./common";
export * from "./workloads";
export * from "./network";
export * from "./rbac";
export * from "./admission";
export * from "./cni";
