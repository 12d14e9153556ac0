/**
 * Brings ClusterRoles and ClusterRoleBindings up to the cluster's size. In a large cluster most of
 * them are not the defaults but what operators and tenants added: CRD roles aggregated into
 * view/edit/admin, cluster-wide readers held by app service accounts, team groups and people with
 * cluster-wide view.
 */
import { AGGREGATE_LABEL, rule } from "./bootstrap";
import type { Rng } from "./random";
import type { BindingDesc, JsonObject, NamespacePlan, RoleDesc } from "./types";
import { EMAIL_DOMAIN, PEOPLE } from "./vocabulary";

const READ = ["get", "list", "watch"];
const CRD_KINDS = ["widgets", "pipelines", "tenants", "databases", "buckets", "queues", "featureflags", "dashboards", "alerts", "topics", "clusters", "backups", "gateways", "routes", "schedules", "policies"];

function readerRules(rng: Rng, team: string): JsonObject[] {
  const r = rng.next();
  if (r < 0.03) return [rule([""], ["secrets"], ["list", "watch"])]; // a cluster-wide secret reader held by an app
  if (r < 0.25) return [rule([""], ["nodes"], READ)];
  if (r < 0.5) return [rule([""], ["namespaces"], ["get", "list"])];
  if (r < 0.75) return [rule([`${team}.example.com`], ["*"], READ)];
  return [rule([""], ["pods", "services", "endpoints"], READ), rule(["discovery.k8s.io"], ["endpointslices"], READ)];
}

/** Adds ClusterRoles and bindings until the targets are met (never removes any). Names stay unique. */
export function fillClusterRbac(rng: Rng, teams: readonly NamespacePlan[], roles: RoleDesc[], bindings: BindingDesc[], target: { clusterRoles: number; clusterRoleBindings: number }): void {
  const roleNames = new Set(roles.map((r) => r.name));
  const bindingNames = new Set(bindings.map((b) => b.name));
  const needRoles = Math.max(0, target.clusterRoles - roles.length);
  const needBindings = Math.max(0, target.clusterRoleBindings - bindings.length);
  const addRole = (r: RoleDesc) => !roleNames.has(r.name) && roleNames.add(r.name) && roles.push(r);
  const addBinding = (b: BindingDesc) => !bindingNames.has(b.name) && bindingNames.add(b.name) && bindings.push(b);

  // Cluster-wide readers held by app service accounts: one role and one binding each.
  const apps = teams.flatMap((ns) => ns.apps.filter((a) => a.kind === "Deployment").map((a) => ({ ns, a })));
  const pairs = apps.length === 0 ? 0 : Math.min(needRoles, Math.floor(needBindings * 0.7));
  for (let i = 0, made = 0; made < pairs && i < pairs * 4; i++) {
    const { ns, a } = apps[Math.floor(rng.next() * apps.length)];
    const name = `${ns.name}:${a.name}:cluster-reader`;
    if (roleNames.has(name)) continue;
    addRole({ name, rules: readerRules(rng, ns.team ?? "platform"), labels: { team: ns.team ?? "platform" } });
    addBinding({ name, roleRef: { kind: "ClusterRole", name }, subjects: [{ kind: "ServiceAccount", name: a.serviceAccount, namespace: ns.name }], labels: { team: ns.team ?? "platform" } });
    made++;
  }

  // CRDs installed by teams, aggregated into the default view/edit/admin roles.
  const teamNames = teams.length > 0 ? [...new Set(teams.map((t) => t.team ?? "platform"))] : ["platform"];
  for (let i = 0; roles.length < target.clusterRoles; i++) {
    const team = teamNames[i % teamNames.length];
    const round = Math.floor(i / teamNames.length);
    const kind = CRD_KINDS[round % CRD_KINDS.length];
    const group = `${team}.example.com`;
    const suffix = round < CRD_KINDS.length ? "" : `-v${Math.floor(round / CRD_KINDS.length) + 1}`;
    addRole({ name: `${group}:${kind}${suffix}:view`, rules: [rule([group], [kind, `${kind}/status`], READ)], labels: { [AGGREGATE_LABEL.view]: "true" } });
    if (roles.length < target.clusterRoles) {
      addRole({ name: `${group}:${kind}${suffix}:edit`, rules: [rule([group], [kind], ["create", "delete", "deletecollection", "patch", "update"])], labels: { [AGGREGATE_LABEL.edit]: "true", [AGGREGATE_LABEL.admin]: "true" } });
    }
  }

  // Cluster-wide view for team groups and for individual people.
  for (let i = 0; bindings.length < target.clusterRoleBindings; i++) {
    if (i % 2 === 0) {
      const team = teamNames[(i / 2) % teamNames.length];
      const round = Math.floor(i / 2 / teamNames.length);
      addBinding({ name: `team-${team}:cluster-viewers${round ? `-${round + 1}` : ""}`, roleRef: { kind: "ClusterRole", name: "view" }, subjects: [{ kind: "Group", name: `team-${team}` }] });
    } else {
      const person = PEOPLE[((i - 1) / 2) % PEOPLE.length];
      const round = Math.floor((i - 1) / 2 / PEOPLE.length);
      addBinding({ name: `oidc:${person}:cluster-view${round ? `-${round + 1}` : ""}`, roleRef: { kind: "ClusterRole", name: "view" }, subjects: [{ kind: "User", name: `${person}@${EMAIL_DOMAIN}` }] });
    }
  }
}
