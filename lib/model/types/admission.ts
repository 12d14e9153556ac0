/** Nodes, admission control (webhooks, ValidatingAdmissionPolicy, Gatekeeper) and service-mesh mTLS. */
import type { LabelSelector, Labels } from "../selector";
import type { Meta } from "./meta";

export interface Node extends Meta {
  kubeletVersion?: string;
  kubeProxyVersion?: string;
  osImage?: string;
  kernelVersion?: string;
  containerRuntimeVersion?: string;
  operatingSystem?: string;
  architecture?: string;
  addresses: { type: string; address: string }[];
  podCIDRs: string[];
  unschedulable?: boolean;
}

export interface WebhookRule {
  operations: string[];
  apiGroups: string[];
  apiVersions: string[];
  resources: string[];
  scope?: string;
}

export interface Webhook {
  name: string;
  failurePolicy: "Fail" | "Ignore";
  sideEffects?: string;
  timeoutSeconds?: number;
  matchPolicy?: string;
  rules: WebhookRule[];
  namespaceSelector?: LabelSelector;
  objectSelector?: LabelSelector;
  clientConfig: { service?: { namespace: string; name: string; port?: number; path?: string }; url?: string };
}

export interface WebhookConfiguration extends Meta {
  kind: "ValidatingWebhookConfiguration" | "MutatingWebhookConfiguration";
  webhooks: Webhook[];
}

export interface ValidatingAdmissionPolicy extends Meta {
  failurePolicy: "Fail" | "Ignore";
  resourceRules: WebhookRule[];
  validationCount: number;
}

export interface ValidatingAdmissionPolicyBinding extends Meta {
  policyName: string;
  validationActions: string[];
}

/** Gatekeeper ConstraintTemplate: defines a constraint kind. */
export interface ConstraintTemplate extends Meta {
  constraintKind: string;
}

/** A Gatekeeper constraint (constraints.gatekeeper.sh): one instance of a template's kind. */
export interface Constraint extends Meta {
  kind: string;
  enforcementAction: string;
  totalViolations?: number;
  violations: { kind?: string; namespace?: string; name?: string; message?: string }[];
  matchKinds: string[];
}

/** Istio PeerAuthentication (security.istio.io): mTLS mode for a namespace, workload or mesh. */
export interface PeerAuthentication extends Meta {
  namespace: string;
  selector?: Labels;
  mtlsMode?: "STRICT" | "PERMISSIVE" | "DISABLE" | "UNSET";
}
