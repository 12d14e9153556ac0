/**
 * One application team's namespace: Deployments (with their ReplicaSet history), now and then a
 * StatefulSet store or a CronJob, services, service accounts, RBAC and NetworkPolicies, within the
 * quotas the cluster plan hands out. Most apps are reasonably hardened; a few carry the classic mistakes.
 */
import { GRPC, HARDENED, HTTP, METRICS, appLabels, makeApp } from "./apps";
import { Rng } from "./random";
import { teamPolicies } from "./team-network";
import { teamRbac } from "./team-rbac";
import type { AppPlan, Hardening, IngressDesc, NamespacePlan, RevisionPlan, ServiceType, Tier } from "./types";
import { APP_NAMES, DATA_STORES, ENV_NAMES, FRONTEND_APPS, REGISTRIES } from "./vocabulary";

export interface TeamQuota {
  pods: number;
  serviceAccounts: number;
  roles: number;
  roleBindings: number;
  policies: number;
}

export interface TeamNamespaceInit {
  name: string;
  team: string;
  env: string;
  quota: TeamQuota;
}

const REPLICAS: readonly (readonly [number, number])[] = [[1, 30], [2, 30], [3, 25], [4, 5], [5, 4], [6, 3], [8, 2], [10, 1]];
const OLD_REVISIONS: readonly (readonly [number, number])[] = [[0, 30], [1, 30], [2, 20], [3, 10], [5, 7], [9, 3]];

function hardening(rng: Rng): Hardening {
  const h: Hardening = rng.chance(0.45) ? { ...HARDENED } : rng.chance(0.5) ? { runAsNonRoot: true, runAsUser: 1000 } : {};
  if (rng.chance(0.2)) h.noLimits = true;
  if (rng.chance(0.3)) h.automountToken = false;
  // The classic mistakes, rare on purpose.
  if (rng.chance(0.004)) Object.assign(h, { privileged: true, runAsNonRoot: undefined, runAsUser: 0 });
  if (rng.chance(0.005)) h.hostPaths = [rng.pick(["/var/run/docker.sock", "/", "/var/log", "/etc"])];
  if (rng.chance(0.002)) h.hostNetwork = true;
  if (rng.chance(0.005)) h.addCapabilities = [rng.pick(["NET_ADMIN", "SYS_ADMIN", "SYS_PTRACE"])];
  if (rng.chance(0.03)) Object.assign(h, { runAsUser: 0, runAsNonRoot: undefined });
  return h;
}

function version(rng: Rng, shaTags: boolean, major: number, minor: number): string {
  return shaTags ? `sha-${rng.hex(7)}` : `${major}.${minor}.${rng.int(0, 12)}`;
}

function deployment(rng: Rng, ns: TeamNamespaceInit, name: string, replicas: number, style: "recommended" | "legacy", registry: string, shaTags: boolean): AppPlan {
  const tier: Tier = FRONTEND_APPS.has(name) ? "frontend" : "backend";
  const major = rng.int(1, 4);
  const olds = rng.weighted(OLD_REVISIONS);
  const firstMinor = rng.int(0, 30);
  const revisions: RevisionPlan[] = [];
  for (let i = 0; i <= olds; i++) {
    revisions.push({ hash: rng.token(rng.chance(0.8) ? 10 : 9), revision: i + 1, tag: version(rng, shaTags, major, firstMinor + i), pods: [] });
  }
  const current = revisions[revisions.length - 1];
  const r = rng.next();
  let tag = current.tag;
  if (r < 0.03) tag = "latest";
  else if (r < 0.04) tag = "";
  current.tag = tag;
  const { labels, selector } = appLabels(style, { name, instance: `${ns.name}-${name}`, component: tier === "frontend" ? "web" : rng.pick(["server", "worker", "api"]), partOf: ns.team, version: tag || "latest", team: ns.team, tier, env: ns.env });
  const service: ServiceType | undefined = rng.weighted<ServiceType | undefined>([["ClusterIP", 85], [undefined, 12.5], ["LoadBalancer", 1.5], ["NodePort", 1]]);
  return makeApp({
    kind: "Deployment",
    namespace: ns.name,
    name,
    labels,
    selector,
    tier,
    image: `${registry}/${ns.team}/${name}`,
    tag,
    replicas,
    revisions,
    ports: rng.chance(0.2) ? [HTTP, GRPC, METRICS] : [HTTP, METRICS],
    hardening: hardening(rng),
    env: rng.sample(ENV_NAMES, rng.int(2, 6)),
    ...(service ? { service } : {}),
    ...(style === "recommended" ? { helm: `${ns.name}-${name}` } : {}),
    ageDays: rng.int(1, 700),
  });
}

function store(rng: Rng, ns: TeamNamespaceInit, replicas: number): AppPlan {
  const [name, image, tag, port, portName] = rng.pick(DATA_STORES);
  const labels = { "app.kubernetes.io/name": name, "app.kubernetes.io/instance": `${ns.name}-${name}`, team: ns.team, tier: "data" };
  return makeApp({ kind: "StatefulSet", namespace: ns.name, name, image, tag, labels, selector: { "app.kubernetes.io/name": name, "app.kubernetes.io/instance": `${ns.name}-${name}` }, tier: "data", replicas, ports: [{ name: portName, containerPort: port }], service: "Headless", hardening: rng.chance(0.5) ? { runAsUser: 999, runAsNonRoot: true } : {}, env: ["PGDATA", "POD_NAME"].slice(0, rng.int(1, 2)), ageDays: rng.int(30, 900) });
}

function cronJob(rng: Rng, ns: TeamNamespaceInit, registry: string, jobs: number): AppPlan {
  const name = rng.pick(["nightly-report", "cleanup", "sync-catalog", "rotate-keys", "backup", "reindex"]);
  const labels = { app: name, team: ns.team };
  return makeApp({
    kind: "CronJob",
    namespace: ns.name,
    name,
    image: `${registry}/${ns.team}/${name}`,
    tag: `1.${rng.int(0, 9)}.${rng.int(0, 9)}`,
    labels,
    selector: labels,
    schedule: rng.pick(["0 2 * * *", "*/15 * * * *", "0 * * * *", "30 4 * * 0"]),
    replicas: jobs,
    hardening: hardening(rng),
    env: ["LOG_LEVEL"],
    ageDays: rng.int(10, 500),
  });
}

/** Plans one team namespace within its quota. Deterministic in (seed, namespace name). */
export function teamNamespace(seed: number, init: TeamNamespaceInit): NamespacePlan {
  const rng = Rng.for(seed, "namespace", init.name);
  const style = rng.chance(0.7) ? "recommended" : "legacy";
  const registry = rng.pick(REGISTRIES);
  const shaTags = rng.chance(0.25);
  const apps: AppPlan[] = [];
  let budget = init.quota.pods;
  if (budget >= 4 && rng.chance(0.12)) {
    const n = Math.min(budget - 1, rng.pick([1, 3]));
    apps.push(store(rng, init, n));
    budget -= n;
  }
  if (budget >= 3 && rng.chance(0.12)) {
    const n = rng.int(1, 2);
    apps.push(cronJob(rng, init, registry, n));
    budget -= n;
  }
  const names = rng.sample(APP_NAMES, APP_NAMES.length);
  for (let i = 0; budget > 0; i++) {
    const base = names[i % names.length];
    const name = i < names.length ? base : `${base}-${Math.floor(i / names.length) + 1}`;
    const scaledDown = rng.chance(0.03);
    const replicas = scaledDown ? 0 : Math.min(budget, rng.weighted(REPLICAS));
    apps.push(deployment(rng, init, name, replicas, style, registry, shaTags));
    budget -= replicas;
  }
  const psa = rng.weighted<string | undefined>([["restricted", 30], ["baseline", 30], [undefined, 40]]);
  const labels: Record<string, string> = { team: init.team, env: init.env };
  if (psa) labels["pod-security.kubernetes.io/enforce"] = psa;
  if (rng.chance(0.3)) labels["pod-security.kubernetes.io/warn"] = "restricted";
  const ingresses: IngressDesc[] = apps
    .filter((a) => a.tier === "frontend" && a.service === "ClusterIP" && rng.chance(0.6))
    .map((a) => ({ name: a.name, host: `${a.name}.${init.name}.example.com`, service: a.name, port: 80, tls: rng.chance(0.7), className: "nginx" }));
  const rbac = teamRbac(rng, init, apps);
  return {
    name: init.name,
    labels,
    annotations: { "example.com/owner": `${init.team}@example.com`, ...(rng.chance(0.2) ? { "scheduler.alpha.kubernetes.io/defaultTolerations": "[]" } : {}) },
    system: false,
    team: init.team,
    env: init.env,
    apps,
    serviceAccounts: rbac.serviceAccounts,
    roles: rbac.roles,
    roleBindings: rbac.roleBindings,
    policies: teamPolicies(rng, init, apps, init.quota.policies),
    ingresses,
    ageDays: rng.int(20, 1200),
  };
}
