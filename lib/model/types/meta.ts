/** Metadata every record shares, and namespaces. */
import type { Labels } from "../selector";

export interface OwnerReference {
  apiVersion?: string;
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
}

/** Fields every namespaced or cluster-scoped record shares. */
export interface Meta {
  name: string;
  namespace?: string;
  uid?: string;
  labels: Labels;
  annotations: Labels;
  creationTimestamp?: string;
}

export interface Namespace extends Meta {
  /** Referenced by some object but not declared in the input (file sources only). */
  implicit?: boolean;
  phase?: string;
}
