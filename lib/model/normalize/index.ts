/**
 * Reshape raw Kubernetes objects into snapshot records, applying the defaults the API server would
 * apply (policyTypes, protocol TCP, serviceAccountName, Service type, targetPort, webhook
 * failurePolicy). Each call handles one object and either returns a record or says what is wrong.
 */
import { GATEKEEPER_CONSTRAINTS_GROUP, IGNORED_KINDS, KIND_BY_NAME, type CollectionKey } from "../kinds";
import type * as T from "../types";
import { constraint, constraintTemplate, node, peerAuthentication, validatingAdmissionPolicy, validatingAdmissionPolicyBinding, webhookConfiguration } from "./admission";
import { clearWarnings, Invalid, takeWarnings } from "./common";
import { clusterNetworkPolicy } from "./cluster-network-policy";
import { adminNetworkPolicy, baselineAdminNetworkPolicy, endpointSlice, endpoints, ingress, networkPolicy, route, service } from "./network";
import { calicoNetworkSet, calicoPolicy, calicoTier } from "./calico";
import { ciliumPolicy } from "./cilium";
import { classifyNetworkKind, networkExtension } from "./extensions";
import { role, roleBinding } from "./rbac";
import { namespace, pod, serviceAccount, workload } from "./workloads";

export { defaultPolicyTypes } from "./network";
export { selector } from "./common";
export { podSpec } from "./workloads";
export { policyRule } from "./rbac";

export type NormalizeResult =
  | { status: "ok"; key: CollectionKey; record: unknown; kind?: string; warnings?: string[] }
  | { status: "ignored"; kind: string }
  | { status: "invalid"; kind?: string; namespace?: string; name?: string; message: string; severity: "error" | "warning"; path?: (string | number)[] };

interface RawObject {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown };
}

const WORKLOAD_KINDS = new Set<T.WorkloadKind>(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "ReplicationController"]);

type Handler = (raw: unknown, kind: string) => { key: CollectionKey; record: unknown };

const HANDLERS: Record<string, Handler> = {
  Namespace: (r) => ({ key: "namespaces", record: namespace(r) }),
  Pod: (r) => ({ key: "pods", record: pod(r) }),
  ServiceAccount: (r) => ({ key: "serviceAccounts", record: serviceAccount(r) }),
  Service: (r) => ({ key: "services", record: service(r) }),
  Endpoints: (r) => ({ key: "endpoints", record: endpoints(r) }),
  EndpointSlice: (r) => ({ key: "endpoints", record: endpointSlice(r) }),
  Ingress: (r) => ({ key: "ingresses", record: ingress(r) }),
  Route: (r) => ({ key: "routes", record: route(r) }),
  NetworkPolicy: (r) => ({ key: "networkPolicies", record: networkPolicy(r) }),
  AdminNetworkPolicy: (r) => ({ key: "adminNetworkPolicies", record: adminNetworkPolicy(r) }),
  BaselineAdminNetworkPolicy: (r) => ({ key: "baselineAdminNetworkPolicies", record: baselineAdminNetworkPolicy(r) }),
  ClusterNetworkPolicy: (r) => ({ key: "clusterNetworkPolicies", record: clusterNetworkPolicy(r) }),
  Role: (r) => ({ key: "roles", record: role("Role", r) }),
  ClusterRole: (r) => ({ key: "clusterRoles", record: role("ClusterRole", r) }),
  RoleBinding: (r) => ({ key: "roleBindings", record: roleBinding("RoleBinding", r) }),
  ClusterRoleBinding: (r) => ({ key: "clusterRoleBindings", record: roleBinding("ClusterRoleBinding", r) }),
  Node: (r) => ({ key: "nodes", record: node(r) }),
  ValidatingWebhookConfiguration: (r) => ({ key: "webhookConfigurations", record: webhookConfiguration("ValidatingWebhookConfiguration", r) }),
  MutatingWebhookConfiguration: (r) => ({ key: "webhookConfigurations", record: webhookConfiguration("MutatingWebhookConfiguration", r) }),
  ValidatingAdmissionPolicy: (r) => ({ key: "validatingAdmissionPolicies", record: validatingAdmissionPolicy(r) }),
  ValidatingAdmissionPolicyBinding: (r) => ({ key: "validatingAdmissionPolicyBindings", record: validatingAdmissionPolicyBinding(r) }),
  ConstraintTemplate: (r) => ({ key: "constraintTemplates", record: constraintTemplate(r) }),
  PeerAuthentication: (r) => ({ key: "peerAuthentications", record: peerAuthentication(r) }),
};

for (const k of WORKLOAD_KINDS) HANDLERS[k] = (r) => ({ key: "workloads", record: workload(k, r) });

const CALICO_GROUPS = new Set(["projectcalico.org", "crd.projectcalico.org"]);
const CALICO_POLICY_KINDS = new Set<T.CalicoPolicyKind>(["NetworkPolicy", "GlobalNetworkPolicy", "StagedNetworkPolicy", "StagedGlobalNetworkPolicy", "StagedKubernetesNetworkPolicy"]);

/** Kinds whose meaning depends on the API group: the CNIs reuse Kubernetes kind names (Calico's NetworkPolicy). */
function groupHandler(group: string, kind: string): Handler | undefined {
  if (group === "cilium.io" && (kind === "CiliumNetworkPolicy" || kind === "CiliumClusterwideNetworkPolicy")) return (r) => ({ key: "ciliumPolicies", record: ciliumPolicy(kind, r) });
  if (CALICO_GROUPS.has(group)) {
    if (CALICO_POLICY_KINDS.has(kind as T.CalicoPolicyKind)) return (r) => ({ key: "calicoPolicies", record: calicoPolicy(kind as T.CalicoPolicyKind, group, r) });
    if (kind === "Tier") return (r) => ({ key: "calicoTiers", record: calicoTier(r) });
    if (kind === "NetworkSet" || kind === "GlobalNetworkSet") return (r) => ({ key: "calicoNetworkSets", record: calicoNetworkSet(kind, r, group) });
  }
  return undefined;
}



/** Kinds whose metadata.namespace is meaningful. */
const CLUSTER_SCOPED = new Set([
  "Namespace",
  "Node",
  "ClusterRole",
  "ClusterRoleBinding",
  "AdminNetworkPolicy",
  "BaselineAdminNetworkPolicy",
  "ClusterNetworkPolicy",
  "ValidatingWebhookConfiguration",
  "MutatingWebhookConfiguration",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "ConstraintTemplate",
  "CiliumClusterwideNetworkPolicy",
  "GlobalNetworkPolicy",
  "StagedGlobalNetworkPolicy",
  "GlobalNetworkSet",
  "Tier",
]);

export function isNamespacedKind(kind: string): boolean {
  return !CLUSTER_SCOPED.has(kind);
}

function ok(key: CollectionKey, record: unknown, kind: string): NormalizeResult {
  const w = takeWarnings();
  return w.length ? { status: "ok", key, record, kind, warnings: w } : { status: "ok", key, record };
}

/** The object a problem is about (made only when there is one). */
function whereOf(kind: string, name: string | undefined, ns: string | undefined) {
  return { kind, name, namespace: isNamespacedKind(kind) ? ns ?? "default" : undefined };
}

/** Normalizes one raw object. Never throws: problems come back as `invalid` with a message. */
export function normalizeObject(raw: unknown): NormalizeResult {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return { status: "invalid", message: "not a Kubernetes object (expected a mapping with apiVersion, kind and metadata)", severity: "error" };
  }
  const obj = raw as RawObject;
  const kind = typeof obj.kind === "string" ? obj.kind : undefined;
  const name = typeof obj.metadata?.name === "string" ? obj.metadata.name : undefined;
  const ns = typeof obj.metadata?.namespace === "string" ? obj.metadata.namespace : undefined;
  if (!kind || typeof obj.apiVersion !== "string") {
    return {
      status: "invalid",
      kind,
      name,
      namespace: ns,
      message: `not a Kubernetes object: ${!kind ? "kind" : "apiVersion"} is missing`,
      severity: "error",
    };
  }
  const group = obj.apiVersion.includes("/") ? obj.apiVersion.slice(0, obj.apiVersion.indexOf("/")) : "";
  clearWarnings();
  try {
    if (group === GATEKEEPER_CONSTRAINTS_GROUP) return ok("constraints", constraint(kind, raw), kind);
    const cni = groupHandler(group, kind);
    if (cni) {
      const { key, record } = cni(raw, kind);
      return ok(key, record, kind);
    }
    // Another project's kind of the same name (Antrea's ClusterNetworkPolicy) is not the Kubernetes one.
    const ext = classifyNetworkKind(group, kind);
    const handler = ext.status !== "unknown" && KIND_BY_NAME.get(kind)?.group !== group ? undefined : Object.hasOwn(HANDLERS, kind) ? HANDLERS[kind] : undefined; // own keys only: kind "valueOf" is no handler
    if (!handler && ext.status === "inert") return { status: "ignored", kind };
    if (!handler && ext.status === "extension") {
      const namespaced = typeof obj.metadata?.namespace === "string" && obj.metadata.namespace !== "";
      return ok("networkExtensions", networkExtension(raw, kind, obj.apiVersion, ext.project, ext.reason, namespaced), kind);
    }
    if (handler) {
      if (kind === "Route" && group !== "route.openshift.io") return { status: "ignored", kind };
      const { key, record } = handler(raw, kind);
      return ok(key, record, kind);
    }
    if (IGNORED_KINDS.has(kind)) return { status: "ignored", kind };
    return { status: "invalid", ...whereOf(kind, name, ns), message: `unknown kind ${kind} (${obj.apiVersion}); skipped`, severity: "warning" };
  } catch (e) {
    if (e instanceof Invalid) return { status: "invalid", ...whereOf(kind, name, ns), message: e.message, severity: "error", ...(e.path ? { path: e.path } : {}) };
    throw e;
  }
}
