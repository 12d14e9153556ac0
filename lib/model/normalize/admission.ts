/** Nodes, admission control (webhooks, ValidatingAdmissionPolicy, Gatekeeper) and Istio PeerAuthentication. */
import * as R from "../raw";
import type * as T from "../types";
import { clean, meta, parse, selector, stringMap } from "./common";

export function node(raw: unknown): T.Node {
  const n = parse(R.NodeS, raw);
  const info = n.status?.nodeInfo ?? {};
  return {
    ...meta(n.metadata, false),
    ...(clean(info) as Partial<T.Node>),
    addresses: n.status?.addresses ?? [],
    podCIDRs: n.spec?.podCIDRs ?? (n.spec?.podCIDR ? [n.spec.podCIDR] : []),
    ...(n.spec?.unschedulable ? { unschedulable: true } : {}),
  };
}

function webhookRule(r: R.RawWebhookRule): T.WebhookRule {
  return {
    operations: r.operations ?? [],
    apiGroups: r.apiGroups ?? [],
    apiVersions: r.apiVersions ?? [],
    resources: r.resources ?? [],
    ...(r.scope ? { scope: r.scope } : {}),
  };
}

export function webhookConfiguration(kind: T.WebhookConfiguration["kind"], raw: unknown): T.WebhookConfiguration {
  const w = parse(R.WebhookConfigurationS, raw);
  return {
    ...meta(w.metadata, false),
    kind,
    webhooks: (w.webhooks ?? []).map((h, i) => ({
      name: h.name,
      failurePolicy: h.failurePolicy ?? "Fail",
      ...(h.sideEffects ? { sideEffects: h.sideEffects } : {}),
      ...(h.timeoutSeconds ? { timeoutSeconds: h.timeoutSeconds } : {}),
      ...(h.matchPolicy ? { matchPolicy: h.matchPolicy } : {}),
      rules: (h.rules ?? []).map(webhookRule),
      ...(h.namespaceSelector ? { namespaceSelector: selector(h.namespaceSelector, `webhooks[${i}].namespaceSelector`) } : {}),
      ...(h.objectSelector ? { objectSelector: selector(h.objectSelector, `webhooks[${i}].objectSelector`) } : {}),
      clientConfig: clean({
        service: h.clientConfig?.service ? clean(h.clientConfig.service) : undefined,
        url: h.clientConfig?.url ?? undefined,
      }) as T.Webhook["clientConfig"],
    })),
  };
}

export function validatingAdmissionPolicy(raw: unknown): T.ValidatingAdmissionPolicy {
  const v = parse(R.ValidatingAdmissionPolicyS, raw);
  return {
    ...meta(v.metadata, false),
    failurePolicy: v.spec?.failurePolicy ?? "Fail",
    resourceRules: (v.spec?.matchConstraints?.resourceRules ?? []).map(webhookRule),
    validationCount: v.spec?.validations?.length ?? 0,
  };
}

export function validatingAdmissionPolicyBinding(raw: unknown): T.ValidatingAdmissionPolicyBinding {
  const v = parse(R.ValidatingAdmissionPolicyBindingS, raw);
  return { ...meta(v.metadata, false), policyName: v.spec?.policyName ?? "", validationActions: v.spec?.validationActions ?? [] };
}

export function constraintTemplate(raw: unknown): T.ConstraintTemplate {
  const c = parse(R.ConstraintTemplateS, raw);
  return { ...meta(c.metadata, false), constraintKind: c.spec?.crd?.spec.names.kind ?? c.metadata.name };
}

export function constraint(kind: string, raw: unknown): T.Constraint {
  const c = parse(R.ConstraintS, raw);
  return {
    ...meta(c.metadata, false),
    kind,
    enforcementAction: c.spec?.enforcementAction ?? "deny",
    ...(c.status?.totalViolations !== null && c.status?.totalViolations !== undefined ? { totalViolations: c.status.totalViolations } : {}),
    violations: (c.status?.violations ?? []).map((v) => clean(v) ?? {}),
    matchKinds: (c.spec?.match?.kinds ?? []).flatMap((k) => k.kinds ?? []),
  };
}

export function peerAuthentication(raw: unknown): T.PeerAuthentication {
  const p = parse(R.PeerAuthenticationS, raw);
  const m = meta(p.metadata, true);
  const sel = p.spec?.selector?.matchLabels;
  return {
    ...m,
    namespace: m.namespace!,
    ...(sel ? { selector: stringMap(sel) } : {}),
    ...(p.spec?.mtls?.mode ? { mtlsMode: p.spec.mtls.mode } : {}),
  };
}
