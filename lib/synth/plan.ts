/**
 * The cluster plan: platform namespaces, team namespaces with quotas that add up to the shape's
 * totals (spread unevenly, as real tenancy is), pods placed on nodes, and the cluster-wide RBAC.
 */
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from "./bootstrap";
import { fillClusterRbac } from "./cluster-rbac";
import { placePods, planNodes, podCount } from "./placement";
import { platformNamespaces, platformWebhooks } from "./platform";
import { platformClusterRbac, riskyClusterRbac } from "./platform-rbac";
import { Rng, distribute } from "./random";
import type { ClusterShape } from "./shapes";
import { teamNamespace, type TeamNamespaceInit } from "./team";
import type { ClusterPlan, NamespacePlan } from "./types";
import { AREAS, ENVS, TEAMS } from "./vocabulary";

function teamNames(rng: Rng, count: number, taken: Set<string>): Omit<TeamNamespaceInit, "quota">[] {
  const out: Omit<TeamNamespaceInit, "quota">[] = [];
  while (out.length < count) {
    const team = rng.pick(TEAMS);
    const env = rng.weighted(ENVS);
    const base = `${team}-${rng.pick(AREAS)}${env === "prod" ? "" : `-${env}`}`;
    let name = base;
    for (let k = 2; taken.has(name); k++) name = `${base}-${k}`;
    taken.add(name);
    out.push({ name, team, env });
  }
  return out;
}

/** Service accounts the risky cluster bindings name in the chosen team namespace. */
const RISKY_TEAM_ACCOUNTS = ["operator", "vault-sync", "support-tool"];

/** Plans a whole cluster of the given shape. Deterministic in (shape, seed). */
export function planCluster(shape: ClusterShape, seed: number): ClusterPlan {
  const rng = Rng.for(seed, "cluster");
  const nodes = planNodes(seed, shape);
  const platform = platformNamespaces(shape);
  const taken = new Set(platform.map((n) => n.name));
  const inits = teamNames(rng, Math.max(0, shape.namespaces - platform.length), taken);
  const sum = (f: (n: NamespacePlan) => number) => platform.reduce((a, n) => a + f(n), 0);

  // Quotas: pods spread with a long tail (5% of namespaces empty), the rest roughly follow the pods.
  const podWeights = inits.map(() => (rng.chance(0.05) ? 0 : rng.skew()));
  const systemPods = sum((n) => n.apps.reduce((a, app) => a + podCount(app, nodes), 0));
  const pods = distribute(Math.max(0, shape.pods - systemPods), podWeights);
  const avg = Math.max(1, pods.reduce((a, b) => a + b, 0) / Math.max(1, pods.length));
  const sizeWeights = pods.map((p) => 0.5 + p / avg);
  const serviceAccounts = distribute(Math.max(0, shape.serviceAccounts - sum((n) => n.serviceAccounts.length) - inits.length), sizeWeights);
  const roles = distribute(Math.max(0, shape.roles - sum((n) => n.roles.length)), sizeWeights);
  const roleBindings = distribute(Math.max(0, shape.roleBindings - sum((n) => n.roleBindings.length)), sizeWeights);
  // A quarter of the namespaces have no NetworkPolicy at all.
  const policies = distribute(shape.networkPolicies, pods.map((p, i) => (p > 0 && rng.chance(0.75) ? sizeWeights[i] : 0)));

  const teams = inits.map((init, i) =>
    teamNamespace(seed, {
      ...init,
      quota: { pods: pods[i], serviceAccounts: serviceAccounts[i] + 1, roles: roles[i], roleBindings: roleBindings[i], policies: policies[i] },
    }),
  );
  const namespaces = [...platform, ...teams].sort((a, b) => (a.name < b.name ? -1 : 1));
  placePods(seed, nodes, namespaces);

  // Cluster-wide RBAC: bootstrap, platform components, the deliberate mistakes, then tenants' additions.
  const riskyNs = teams.find((t) => t.env === "prod" && t.apps.length > 0) ?? teams[0];
  if (riskyNs) {
    for (const name of RISKY_TEAM_ACCOUNTS) {
      if (!riskyNs.serviceAccounts.some((s) => s.name === name)) riskyNs.serviceAccounts.push({ name });
    }
  }
  const p = platformClusterRbac();
  const risky = riskyClusterRbac(riskyNs?.name ?? "default");
  const clusterRoles = [...bootstrapClusterRoles(), ...p.roles, ...risky.roles];
  const clusterRoleBindings = [...bootstrapClusterRoleBindings(), ...p.bindings, ...risky.bindings];
  fillClusterRbac(Rng.for(seed, "cluster-rbac"), teams, clusterRoles, clusterRoleBindings, shape);

  return {
    seed,
    shape,
    nodes,
    namespaces,
    clusterRoles: clusterRoles.sort((a, b) => (a.name < b.name ? -1 : 1)),
    clusterRoleBindings: clusterRoleBindings.sort((a, b) => (a.name < b.name ? -1 : 1)),
    webhooks: platformWebhooks(),
  };
}
