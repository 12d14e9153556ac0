/**
 * Admission webhooks: what each Validating/MutatingWebhookConfiguration covers, which of them are
 * policy (security) webhooks, which fail open, and which point at a Service with no endpoints.
 */
import type { Finding } from "../../findings/types";
import { formatSelector, matchesMapSelector, type ClusterSnapshot, type Webhook, type WebhookConfiguration } from "../../model";
import { postureFinding } from "../finding";
import { describesCluster } from "../units";

/** Policy engines and security admission controllers, recognised by configuration, webhook or service names. */
const SECURITY_WEBHOOK = /gatekeeper|kyverno|polic(y|ies)|\bopa\b|kubewarden|falco|neuvector|twistlock|prisma|sysdig|aqua|datree|jspolicy|kubearmor|pod-?security|admission-controller|trivy|validat.*secur/i;

export type EndpointState = "ready" | "none" | "unknown";

export interface WebhookRow {
  configuration: string;
  kind: WebhookConfiguration["kind"];
  webhook: string;
  failurePolicy: Webhook["failurePolicy"];
  timeoutSeconds?: number;
  security: boolean;
  /** `OPERATIONS group/resource` per rule, e.g. `CREATE,UPDATE apps/deployments`. */
  covers: string[];
  namespaceSelector?: string;
  objectSelector?: string;
  target: string;
  endpoints: EndpointState;
  endpointsEvidence: string;
}

/** Policy engines (Gatekeeper, Kyverno, ...) recognised by the configuration's, webhook's or service's name. */
export function isSecurityWebhook(config: WebhookConfiguration, hook: Webhook): boolean {
  const svc = hook.clientConfig.service;
  return [config.name, hook.name, svc ? `${svc.namespace}/${svc.name}` : hook.clientConfig.url ?? ""].some((n) => SECURITY_WEBHOOK.test(n));
}

function covers(hook: Webhook): string[] {
  return hook.rules.map((r) => {
    const ops = r.operations.join(",") || "*";
    const res = r.resources.flatMap((x) => r.apiGroups.map((g) => (g === "" ? x : `${g}/${x}`)));
    return `${ops} ${res.join(" ") || "*"}`;
  });
}

/**
 * Whether a Service has ready endpoints. From EndpointSlices when the source read them for that
 * namespace. Without endpoint data (manifest files, the demo) it is inferred from the Service's
 * selector and the pods in the input (synthesized from workload templates included) — but only
 * when the input describes a whole cluster or holds pods of that namespace, so a directory of
 * application manifests that lacks the backing Deployment is not reported.
 */
export function serviceEndpoints(snapshot: ClusterSnapshot, namespace: string, name: string): { state: EndpointState; evidence: string } {
  const sliced = snapshot.endpoints.filter((e) => e.namespace === namespace);
  if (sliced.length || snapshot.kinds.endpointslices?.state === "ok") {
    const ready = sliced.filter((e) => e.serviceName === name).reduce((n, e) => n + e.ready, 0);
    return ready > 0 ? { state: "ready", evidence: `${ready} ready endpoints` } : { state: "none", evidence: `Service ${namespace}/${name} has no ready endpoints` };
  }
  const cluster = describesCluster(snapshot);
  const svc = snapshot.services.find((s) => s.namespace === namespace && s.name === name);
  if (!svc) {
    const nsKnown = snapshot.namespaces.some((n) => n.name === namespace && !n.implicit);
    return cluster && nsKnown ? { state: "none", evidence: `Service ${namespace}/${name} does not exist` } : { state: "unknown", evidence: `Service ${namespace}/${name} is not in the input` };
  }
  if (!svc.selector) return { state: "unknown", evidence: `Service ${namespace}/${name} has no selector (endpoints are managed by hand)` };
  const pods = snapshot.pods.filter((p) => p.namespace === namespace);
  if (!cluster && !pods.length) return { state: "unknown", evidence: `no endpoint data and no pods of namespace ${namespace} in the input` };
  const selected = pods.some((p) => matchesMapSelector(svc.selector!, p.labels));
  return selected
    ? { state: "ready", evidence: `Service ${namespace}/${name} selects pods` }
    : { state: "none", evidence: `Service ${namespace}/${name} selects no pod in the input (selector ${Object.entries(svc.selector).map(([k, v]) => `${k}=${v}`).join(",")})` };
}

export function webhookInventory(snapshot: ClusterSnapshot): WebhookRow[] {
  const rows: WebhookRow[] = [];
  for (const config of snapshot.webhookConfigurations) {
    for (const hook of config.webhooks) {
      const svc = hook.clientConfig.service;
      const ep = svc ? serviceEndpoints(snapshot, svc.namespace, svc.name) : { state: "unknown" as const, evidence: "URL webhook (outside the cluster's Services)" };
      rows.push({
        configuration: config.name,
        kind: config.kind,
        webhook: hook.name,
        failurePolicy: hook.failurePolicy,
        ...(hook.timeoutSeconds ? { timeoutSeconds: hook.timeoutSeconds } : {}),
        security: isSecurityWebhook(config, hook),
        covers: covers(hook),
        ...(hook.namespaceSelector ? { namespaceSelector: formatSelector(hook.namespaceSelector) } : {}),
        ...(hook.objectSelector ? { objectSelector: formatSelector(hook.objectSelector) } : {}),
        target: svc ? `service ${svc.namespace}/${svc.name}${svc.port ? `:${svc.port}` : ""}` : `url ${hook.clientConfig.url ?? "?"}`,
        endpoints: ep.state,
        endpointsEvidence: ep.evidence,
      });
    }
  }
  return rows;
}

/** Security webhooks with failurePolicy Ignore (fail open); webhooks whose service has no endpoints. */
export function webhookChecks(snapshot: ClusterSnapshot, rows: readonly WebhookRow[] = webhookInventory(snapshot)): { findings: Finding[]; evaluated: Record<string, number> } {
  const findings: Finding[] = [];
  for (const row of rows) {
    const ref = [{ kind: row.kind, name: row.configuration }];
    const common = { discriminator: row.webhook, scope: "cluster" as const, details: { webhook: row } };
    if (row.security && row.failurePolicy === "Ignore") {
      findings.push(
        postureFinding("ADM-webhook-fail-open", ref, {
          ...common,
          focus: { view: "findings", params: { category: "admission", rule: "ADM-webhook-fail-open" } },
          evidence: `webhook ${row.webhook} (${row.covers.join("; ") || "no rules"}) has failurePolicy: Ignore${row.timeoutSeconds ? ` and a ${row.timeoutSeconds}s timeout` : ""}: requests are admitted unchecked whenever it does not answer`,
        }),
      );
    }
    if (row.endpoints === "none") {
      const fail = row.failurePolicy === "Fail";
      findings.push(
        postureFinding("ADM-webhook-no-endpoints", ref, {
          ...common,
          focus: { view: "findings", params: { category: "admission", rule: "ADM-webhook-no-endpoints" } },
          severity: fail ? "high" : "medium",
          evidence: `${row.endpointsEvidence}; webhook ${row.webhook} covers ${row.covers.join("; ") || "nothing"} with failurePolicy ${row.failurePolicy}: ${fail ? "matching requests are rejected" : `matching requests wait ${row.timeoutSeconds ?? 10}s and are admitted unchecked`}`,
        }),
      );
    }
  }
  return {
    findings,
    evaluated: {
      "ADM-webhook-fail-open": rows.filter((r) => r.security).length,
      "ADM-webhook-no-endpoints": rows.filter((r) => r.target.startsWith("service ")).length,
    },
  };
}
