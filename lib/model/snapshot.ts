/**
 * ClusterSnapshot: the normalized set of objects an analysis needs, where they came from, and what
 * could not be read. Every view says "partial" when `kinds` or `issues` record a gap.
 */
import type { CollectionKey } from "./kinds";
import type {
  AdminNetworkPolicy,
  BaselineAdminNetworkPolicy,
  ClusterNetworkPolicy,
  Constraint,
  ConstraintTemplate,
  Ingress,
  Namespace,
  NetworkPolicy,
  Node,
  PeerAuthentication,
  Pod,
  CalicoNetworkSet,
  CalicoPolicy,
  CalicoTier,
  CiliumPolicy,
  NetworkExtension,
  Role,
  RoleBinding,
  Route,
  Service,
  ServiceAccount,
  ServiceEndpoints,
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
  WebhookConfiguration,
  Workload,
} from "./types";

export type SourceType = "demo" | "files" | "live";

export interface SnapshotSource {
  type: SourceType;
  /** Stable id used in URLs: `demo`, `files:<name>`, `live:<context>`. */
  id: string;
  label: string;
  paths?: string[];
  context?: string;
  server?: string;
  /**
   * The CNI this source's settings name (CLEARANCE_CNI; an id of lib/netpol/cni/profiles.ts): the
   * network answers' `auto` takes it instead of detecting.
   */
  cni?: string;
}

/** The dashboard's source id of a kubeconfig context (server/registry.ts): its history, settings and risks are kept under it. */
export const contextSourceId = (context: string) => `ctx-${context}`;

/**
 * The id a snapshot's scan history is recorded under: a live context's is the dashboard's
 * (`ctx-<context>`), so `clearance scan` or `clearance fleet` in CI and the dashboard share one trend.
 */
export function historySourceId(source: SnapshotSource): string {
  return source.type === "live" && source.context ? contextSourceId(source.context) : source.id;
}

export type KindState = "ok" | "forbidden" | "not-installed" | "timeout" | "error";

export interface KindStatus {
  state: KindState;
  message?: string;
}

export type IssueSeverity = "error" | "warning" | "info";

/** Something the loader could not take in, or took in with a caveat. Names the file, the object and the problem. */
export interface LoadIssue {
  severity: IssueSeverity;
  /** File path (file sources), API path (live) or "demo". */
  source: string;
  /** 1-based index of the YAML document (or JSON value) within the file. */
  document?: number;
  /** 1-based index of the item when the document is a List. */
  item?: number;
  line?: number;
  kind?: string;
  namespace?: string;
  name?: string;
  message: string;
}

/** Where an object was read from: the file (or API path), the document and the line of its start. */
export interface ObjectOrigin {
  source: string;
  document?: number;
  line?: number;
}

/** The provenance key of an object: `Kind/namespace/name` (namespace empty when cluster-scoped). */
export const originKey = (r: { kind: string; namespace?: string; name: string }) => `${r.kind}/${r.namespace ?? ""}/${r.name}`;

export interface ClusterSnapshot {
  source: SnapshotSource;
  /** ISO time the snapshot was taken. */
  takenAt: string;
  namespaces: Namespace[];
  pods: Pod[];
  serviceAccounts: ServiceAccount[];
  services: Service[];
  endpoints: ServiceEndpoints[];
  ingresses: Ingress[];
  routes: Route[];
  networkPolicies: NetworkPolicy[];
  adminNetworkPolicies: AdminNetworkPolicy[];
  baselineAdminNetworkPolicies: BaselineAdminNetworkPolicy[];
  clusterNetworkPolicies: ClusterNetworkPolicy[];
  roles: Role[];
  clusterRoles: Role[];
  roleBindings: RoleBinding[];
  clusterRoleBindings: RoleBinding[];
  workloads: Workload[];
  nodes: Node[];
  webhookConfigurations: WebhookConfiguration[];
  validatingAdmissionPolicies: ValidatingAdmissionPolicy[];
  validatingAdmissionPolicyBindings: ValidatingAdmissionPolicyBinding[];
  constraintTemplates: ConstraintTemplate[];
  constraints: Constraint[];
  peerAuthentications: PeerAuthentication[];
  ciliumPolicies: CiliumPolicy[];
  calicoPolicies: CalicoPolicy[];
  calicoTiers: CalicoTier[];
  calicoNetworkSets: CalicoNetworkSet[];
  /** Kinds of other network and mesh projects that can change a verdict the engine does not evaluate. */
  networkExtensions: NetworkExtension[];
  /**
   * Availability per API resource (`pods`, `deployments`, `adminnetworkpolicies`, ...). Live sources fill
   * every kind they tried; file sources leave it empty (a file holds what it holds).
   */
  kinds: Record<string, KindStatus>;
  /** Documents skipped or read with a caveat. */
  issues: LoadIssue[];
  /** Objects recognised but not analysed, by kind (ConfigMap, Secret, ...): counted, never stored. */
  ignored: Record<string, number>;
  /** Where each object came from, by originKey, recorded once by the loader (SARIF locations, messages). */
  provenance?: Record<string, ObjectOrigin>;
}

export const COLLECTION_KEYS: readonly CollectionKey[] = [
  "namespaces",
  "pods",
  "serviceAccounts",
  "services",
  "endpoints",
  "ingresses",
  "routes",
  "networkPolicies",
  "adminNetworkPolicies",
  "baselineAdminNetworkPolicies",
  "clusterNetworkPolicies",
  "roles",
  "clusterRoles",
  "roleBindings",
  "clusterRoleBindings",
  "workloads",
  "nodes",
  "webhookConfigurations",
  "validatingAdmissionPolicies",
  "validatingAdmissionPolicyBindings",
  "constraintTemplates",
  "constraints",
  "peerAuthentications",
  "ciliumPolicies",
  "calicoPolicies",
  "calicoTiers",
  "calicoNetworkSets",
  "networkExtensions",
];

export function emptySnapshot(source: SnapshotSource, takenAt = new Date().toISOString()): ClusterSnapshot {
  return {
    source,
    takenAt,
    namespaces: [],
    pods: [],
    serviceAccounts: [],
    services: [],
    endpoints: [],
    ingresses: [],
    routes: [],
    networkPolicies: [],
    adminNetworkPolicies: [],
    baselineAdminNetworkPolicies: [],
    clusterNetworkPolicies: [],
    roles: [],
    clusterRoles: [],
    roleBindings: [],
    clusterRoleBindings: [],
    workloads: [],
    nodes: [],
    webhookConfigurations: [],
    validatingAdmissionPolicies: [],
    validatingAdmissionPolicyBindings: [],
    constraintTemplates: [],
    constraints: [],
    peerAuthentications: [],
    ciliumPolicies: [],
    calicoPolicies: [],
    calicoTiers: [],
    calicoNetworkSets: [],
    networkExtensions: [],
    kinds: {},
    issues: [],
    ignored: {},
  };
}

/** What is missing from a snapshot, in words: unreadable kinds and skipped documents. */
export interface Completeness {
  partial: boolean;
  unavailable: { resource: string; state: KindState; message?: string }[];
  errors: number;
  warnings: number;
}

export function completeness(s: ClusterSnapshot): Completeness {
  const unavailable = Object.entries(s.kinds)
    .filter(([, st]) => st.state !== "ok" && st.state !== "not-installed")
    .map(([resource, st]) => ({ resource, state: st.state, message: st.message }));
  const errors = s.issues.filter((i) => i.severity === "error").length;
  const warnings = s.issues.filter((i) => i.severity === "warning").length;
  return { partial: unavailable.length > 0 || errors > 0, unavailable, errors, warnings };
}
