/** Which builder makes each kind, per namespace or cluster-wide. */
import { INGRESS_IP } from "../platform";
import type { ClusterPlan, KubeObject, NamespacePlan } from "../types";
import { namespace, node, webhookConfiguration } from "./cluster";
import { objectMeta } from "./meta";
import { Rng } from "../random";
import { ServiceAllocator, endpointSlice, ingress, kubernetesService, networkPolicy, service } from "./network";
import { aggregatedRules, binding, role, serviceAccount } from "./rbac";
import { cronJob, daemonSet, deployment, jobs, podsOf, replicaSets, statefulSet } from "./workloads";

/** What builders share while a cluster is emitted: address allocation. */
export interface EmitState {
  services: ServiceAllocator;
}

/** Fresh allocation state; one per emitted cluster so addresses are deterministic. */
export function newEmitState(): EmitState {
  return { services: new ServiceAllocator() };
}

type PerNamespace = (plan: ClusterPlan, ns: NamespacePlan, state: EmitState) => KubeObject[];

const defined = <T>(x: T | undefined): x is T => x !== undefined;

/** The API servers' endpoints behind the `kubernetes` Service. */
function kubernetesEndpoints(plan: ClusterPlan): KubeObject {
  const rng = Rng.for(plan.seed, "EndpointSlice", "default", "kubernetes");
  return {
    addressType: "IPv4",
    apiVersion: "discovery.k8s.io/v1",
    endpoints: plan.nodes.filter((n) => n.controlPlane).map((n) => ({ addresses: [n.internalIP], conditions: { ready: true } })),
    kind: "EndpointSlice",
    metadata: objectMeta({ seed: plan.seed, kind: "EndpointSlice", namespace: "default", name: "kubernetes", labels: { "kubernetes.io/service-name": "kubernetes" }, ageDays: 900, generation: 1 }, rng),
    ports: [{ name: "https", port: 6443, protocol: "TCP" }],
  };
}

/** Builders of namespaced kinds: all objects of that kind in one namespace (sorted by the caller). */
export const NAMESPACED: Record<string, PerNamespace | undefined> = {
  ServiceAccount: (plan, ns) => ns.serviceAccounts.map((sa) => serviceAccount(plan.seed, ns.name, sa, ns.ageDays)),
  Service: (plan, ns, state) => [...(ns.name === "default" ? [kubernetesService(plan.seed, ns)] : []), ...ns.apps.map((a) => service(plan.seed, a, state.services)).filter(defined)],
  EndpointSlice: (plan, ns) => [...(ns.name === "default" ? [kubernetesEndpoints(plan)] : []), ...ns.apps.map((a) => endpointSlice(plan.seed, a, plan.nodes)).filter(defined)],
  Ingress: (plan, ns) => ns.ingresses.map((d) => ingress(plan.seed, ns.name, d, INGRESS_IP)),
  NetworkPolicy: (plan, ns) => ns.policies.map((d) => networkPolicy(plan.seed, ns.name, d)),
  Role: (plan, ns) => ns.roles.map((d) => role(plan.seed, "Role", ns.name, d)),
  RoleBinding: (plan, ns) => ns.roleBindings.map((d) => binding(plan.seed, "RoleBinding", ns.name, d)),
  Deployment: (plan, ns) => ns.apps.filter((a) => a.kind === "Deployment").map((a) => deployment(plan.seed, a)),
  StatefulSet: (plan, ns) => ns.apps.filter((a) => a.kind === "StatefulSet").map((a) => statefulSet(plan.seed, a)),
  DaemonSet: (plan, ns) => ns.apps.filter((a) => a.kind === "DaemonSet").map((a) => daemonSet(plan.seed, a)),
  ReplicaSet: (plan, ns) => ns.apps.filter((a) => a.kind === "Deployment").flatMap((a) => replicaSets(plan.seed, a)),
  CronJob: (plan, ns) => ns.apps.filter((a) => a.kind === "CronJob").map((a) => cronJob(plan.seed, a)),
  Job: (plan, ns) => ns.apps.filter((a) => a.kind === "CronJob").flatMap((a) => jobs(plan.seed, a)),
  Pod: (plan, ns) => ns.apps.flatMap((a) => podsOf(plan.seed, a, plan.nodes)),
};

/** Cluster-scoped objects of one kind; aggregated ClusterRoles carry the rules the controller stored. */
export function clusterScoped(plan: ClusterPlan, kind: string): KubeObject[] {
  switch (kind) {
    case "Namespace":
      return plan.namespaces.map((ns) => namespace(plan.seed, ns));
    case "Node":
      return plan.nodes.map((n) => node(plan.seed, n));
    case "ClusterRole": {
      const stored = aggregatedRules(plan.clusterRoles);
      return plan.clusterRoles.map((d) => role(plan.seed, "ClusterRole", undefined, d, stored.get(d.name)));
    }
    case "ClusterRoleBinding":
      return plan.clusterRoleBindings.map((d) => binding(plan.seed, "ClusterRoleBinding", undefined, d));
    default:
      return plan.webhooks.filter((w) => w.kind === kind).map((w) => webhookConfiguration(plan.seed, w));
  }
}
