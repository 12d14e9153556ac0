/**
 * Default and vendor RBAC objects: what the control plane or the distribution ships, which findings
 * hide unless asked for. Upstream marks its bootstrap roles and bindings with the label
 * `kubernetes.io/bootstrapping=rbac-defaults` (bootstrappolicy/policy.go) and names them `system:…`;
 * kubeadm and EKS add `kubeadm:…` and `eks:…` objects (krane's vendor list does the same).
 * The implicit groups (`system:authenticated`, `system:serviceaccounts`, …) and `system:anonymous`
 * are NOT defaults: grants to them are among the most important findings (alcideio/rbac-tool#86).
 */
import type { Meta } from "../model";
import { ANONYMOUS, isImplicitGroup, type SubjectRef } from "./subjects";

export const BOOTSTRAP_LABEL = "kubernetes.io/bootstrapping";
export const DEFAULT_NAME_PREFIXES: readonly string[] = ["system:", "kubeadm:", "eks:"];

/** Is this Role/ClusterRole/binding a default or vendor object (bootstrap label or reserved prefix)? */
export function isDefaultObject(meta: Pick<Meta, "name" | "labels">): boolean {
  return meta.labels[BOOTSTRAP_LABEL] === "rbac-defaults" || DEFAULT_NAME_PREFIXES.some((p) => meta.name.startsWith(p));
}

/** Is this subject a control-plane identity (`system:kube-scheduler`, `system:masters`, `system:nodes`)? */
export function isDefaultSubject(ref: SubjectRef): boolean {
  if (ref.kind === "ServiceAccount") return false;
  if (ref.kind === "Group" && isImplicitGroup(ref.name)) return false;
  if (ref.kind === "User" && ref.name === ANONYMOUS) return false;
  return DEFAULT_NAME_PREFIXES.some((p) => ref.name.startsWith(p));
}
