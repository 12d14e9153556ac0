/** Building app plans: defaults, the two label vocabularies seen in real clusters, hardening presets. */
import { Rng } from "./random";
import type { AppPlan, Hardening, Labels, PortPlan, Tier } from "./types";

export type AppInit = Pick<AppPlan, "kind" | "namespace" | "name" | "image" | "tag"> & Partial<AppPlan>;

/**
 * An app plan with the usual defaults: 1 replica, the default service account, no service, and for a
 * Deployment a single ReplicaSet whose pod-template-hash (like the real one, a hash of the template)
 * depends only on the app.
 */
export function makeApp(init: AppInit): AppPlan {
  const labels = init.labels ?? { "app.kubernetes.io/name": init.name };
  const revisions = init.kind === "Deployment" ? [{ hash: Rng.for(0, "template", init.namespace, init.name, init.tag).token(10), revision: 1, tag: init.tag, pods: [] }] : [];
  return {
    labels,
    selector: init.selector ?? labels,
    tier: "backend",
    serviceAccount: "default",
    ports: [],
    replicas: 1,
    revisions,
    pods: [],
    jobs: [],
    hardening: {},
    env: [],
    ageDays: 200,
    ...init,
  };
}

/**
 * Labels in the recommended vocabulary (app.kubernetes.io/*, Helm-managed) or the older `app:` style.
 * The selector uses the stable subset, as charts and `kubectl create deployment` do.
 */
export function appLabels(style: "recommended" | "legacy", o: { name: string; instance: string; component: string; partOf: string; version: string; team: string; tier: Tier; env: string }): { labels: Labels; selector: Labels } {
  if (style === "legacy") {
    const selector = { app: o.name };
    return { selector, labels: { ...selector, team: o.team, tier: o.tier, env: o.env, version: o.version } };
  }
  const selector = { "app.kubernetes.io/name": o.name, "app.kubernetes.io/instance": o.instance };
  return {
    selector,
    labels: {
      ...selector,
      "app.kubernetes.io/component": o.component,
      "app.kubernetes.io/part-of": o.partOf,
      "app.kubernetes.io/version": o.version,
      "app.kubernetes.io/managed-by": "Helm",
      "helm.sh/chart": `${o.name}-${o.version}`,
      team: o.team,
      tier: o.tier,
      env: o.env,
    },
  };
}

export const HTTP: PortPlan = { name: "http", containerPort: 8080 };
export const METRICS: PortPlan = { name: "metrics", containerPort: 9090 };
export const GRPC: PortPlan = { name: "grpc", containerPort: 9000 };

/** Restricted-profile hardening (PSS restricted). */
export const HARDENED: Hardening = {
  runAsNonRoot: true,
  runAsUser: 10001,
  readOnlyRootFilesystem: true,
  dropAll: true,
  seccompRuntimeDefault: true,
  allowPrivilegeEscalation: false,
};

/** Node agents: what CNI, kube-proxy and log shippers really run with. */
export const NODE_AGENT: Hardening = { privileged: true, hostNetwork: true, runAsUser: 0 };
