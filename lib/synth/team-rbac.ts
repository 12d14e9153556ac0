/**
 * A team namespace's identities and grants: the default service account plus one per app while the
 * quota lasts, Roles for what apps need (leader election, config, jobs) and now and then a risky one
 * (secret reader, exec, wildcard), and RoleBindings for team groups, CI, people and app accounts.
 */
import { rule } from "./bootstrap";
import type { Rng } from "./random";
import type { TeamNamespaceInit } from "./team";
import type { AppPlan, BindingDesc, RoleDesc, ServiceAccountDesc, SubjectDesc } from "./types";
import { EMAIL_DOMAIN, PEOPLE } from "./vocabulary";

const READ = ["get", "list", "watch"];

function roleCandidates(rng: Rng, apps: AppPlan[]): { role: RoleDesc; holder?: string }[] {
  const out: { role: RoleDesc; holder?: string }[] = [];
  if (rng.chance(0.08)) out.push({ role: { name: "secret-reader", rules: [rule([""], ["secrets"], READ)] } });
  if (rng.chance(0.05)) out.push({ role: { name: "debug", rules: [rule([""], ["pods", "pods/log"], READ), rule([""], ["pods/exec", "pods/portforward"], ["create"])] } });
  if (rng.chance(0.02)) out.push({ role: { name: "namespace-admin", rules: [rule(["*"], ["*"], ["*"])] } });
  out.push({ role: { name: "deployer", rules: [rule(["apps"], ["deployments", "replicasets"], ["get", "list", "patch", "update"]), rule([""], ["services", "configmaps"], ["create", "get", "list", "patch", "update"])] } });
  for (const app of apps) {
    const sa = app.serviceAccount;
    out.push({ role: { name: `${app.name}-leader-election`, rules: [rule(["coordination.k8s.io"], ["leases"], ["get", "create", "update"]), rule([""], ["configmaps"], ["get"])] }, holder: sa });
    out.push({ role: { name: `${app.name}-config-reader`, rules: [rule([""], ["configmaps"], READ, rng.chance(0.3) ? [`${app.name}-config`] : undefined)] }, holder: sa });
    if (rng.chance(0.15)) out.push({ role: { name: `${app.name}-secret-writer`, rules: [rule([""], ["secrets"], ["get", "create", "update"], [`${app.name}-credentials`])] }, holder: sa });
    if (app.kind === "CronJob") out.push({ role: { name: `${app.name}-job-runner`, rules: [rule(["batch"], ["jobs"], ["create", "delete", "get", "list"])] }, holder: sa });
  }
  return out;
}

/** Service accounts, Roles and RoleBindings of one team namespace, within its quotas. */
export function teamRbac(rng: Rng, ns: TeamNamespaceInit, apps: AppPlan[]): { serviceAccounts: ServiceAccountDesc[]; roles: RoleDesc[]; roleBindings: BindingDesc[] } {
  // Service accounts: default, then one per app, then the usual extras.
  const serviceAccounts: ServiceAccountDesc[] = [{ name: "default" }];
  const extras = ["ci-deployer", "external-secrets", "backup", "vault-auth", "migrations", "smoke-tests", "operator", "vault-sync", "support-tool"];
  for (const app of apps) {
    if (serviceAccounts.length >= ns.quota.serviceAccounts) break;
    if (rng.chance(0.15)) continue; // runs as default
    app.serviceAccount = app.name;
    serviceAccounts.push({ name: app.name, ...(rng.chance(0.2) ? { automountToken: false } : {}) });
  }
  for (let i = 0; serviceAccounts.length < ns.quota.serviceAccounts; i++) {
    const base = extras[i % extras.length];
    serviceAccounts.push({ name: i < extras.length ? base : `${base}-${Math.floor(i / extras.length) + 1}` });
  }

  const candidates = roleCandidates(rng, apps);
  const roles: RoleDesc[] = [];
  const holders = new Map<string, string | undefined>();
  for (let i = 0; roles.length < ns.quota.roles; i++) {
    const c = candidates[i % candidates.length];
    const round = Math.floor(i / candidates.length);
    const name = round === 0 ? c.role.name : `${c.role.name}-${round + 1}`;
    roles.push({ ...c.role, name });
    holders.set(name, c.holder);
  }

  const sa = (name: string, namespace = ns.name): SubjectDesc => ({ kind: "ServiceAccount", name, namespace });
  const prod = ns.env === "prod";
  const bindings: BindingDesc[] = [];
  const names = new Set<string>();
  const bind = (name: string, kind: "Role" | "ClusterRole", role: string, subjects: SubjectDesc[]) => {
    if (names.has(name) || bindings.length >= ns.quota.roleBindings) return;
    names.add(name);
    bindings.push({ name, roleRef: { kind, name: role }, subjects });
  };
  bind(`${ns.team}-admins`, "ClusterRole", "admin", [{ kind: "Group", name: `team-${ns.team}-admins` }]);
  bind(`${ns.team}-developers`, "ClusterRole", prod ? "view" : "edit", [{ kind: "Group", name: `team-${ns.team}` }]);
  for (const role of roles) {
    const holder = holders.get(role.name);
    const subject = role.name.startsWith("debug") ? { kind: "Group" as const, name: prod ? "oncall" : `team-${ns.team}` } : sa(holder ?? "default");
    bind(role.name, "Role", role.name, [subject]);
  }
  bind("ci-deployer", "ClusterRole", "edit", [sa("deployer", "ci")]);
  bind("engineering-readonly", "ClusterRole", "view", [{ kind: "Group", name: "engineering" }]);
  if (prod) bind("oncall-exec", "ClusterRole", "pod-exec", [{ kind: "Group", name: "oncall" }]);
  bind("prometheus-view", "ClusterRole", "view", [sa("prometheus-k8s", "monitoring")]);
  if (rng.chance(0.01)) bind("legacy-app", "Role", "legacy-app-role", [sa("default")]); // its Role was deleted
  if (rng.chance(0.01)) bind("all-serviceaccounts-view", "ClusterRole", "view", [{ kind: "Group", name: `system:serviceaccounts:${ns.name}` }]);
  // People and app accounts fill the rest, as they do in a real namespace.
  const people = rng.sample(PEOPLE, PEOPLE.length);
  for (let i = 0; bindings.length < ns.quota.roleBindings; i++) {
    if (i % 3 === 2 && apps.length > 0) {
      const app = apps[i % apps.length];
      bind(`${app.name}-view${i < 3 * apps.length ? "" : `-${i}`}`, "ClusterRole", "view", [sa(app.serviceAccount)]);
    } else {
      const person = people[i % people.length];
      const round = Math.floor(i / people.length);
      const role = prod ? "view" : "edit";
      bind(`${person}-${role}${round === 0 ? "" : `-${round + 1}`}`, "ClusterRole", role, [{ kind: "User", name: `${person}@${EMAIL_DOMAIN}` }]);
    }
  }
  return { serviceAccounts, roles, roleBindings: bindings };
}
