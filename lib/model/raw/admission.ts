/** Nodes, admission control and mesh. */
import { z } from "zod";
import { LabelSelectorS, MetadataS, StringMap, str } from "./common";
import { ContainerS, PodSpecS } from "./workloads";

export const NodeS = z.object({
  metadata: MetadataS,
  spec: z.object({ podCIDR: str.nullish(), podCIDRs: z.array(str).nullish(), unschedulable: z.boolean().nullish() }).nullish(),
  status: z
    .object({
      nodeInfo: z
        .object({
          kubeletVersion: str.nullish(),
          kubeProxyVersion: str.nullish(),
          osImage: str.nullish(),
          kernelVersion: str.nullish(),
          containerRuntimeVersion: str.nullish(),
          operatingSystem: str.nullish(),
          architecture: str.nullish(),
        })
        .nullish(),
      addresses: z.array(z.object({ type: str, address: str })).nullish(),
    })
    .nullish(),
});

const WebhookRuleS = z.object({
  operations: z.array(str).nullish(),
  apiGroups: z.array(str).nullish(),
  apiVersions: z.array(str).nullish(),
  resources: z.array(str).nullish(),
  scope: str.nullish(),
});
export type RawWebhookRule = z.infer<typeof WebhookRuleS>;

export const WebhookConfigurationS = z.object({
  metadata: MetadataS,
  webhooks: z
    .array(
      z.object({
        name: str,
        failurePolicy: z.enum(["Fail", "Ignore"]).nullish(),
        sideEffects: str.nullish(),
        timeoutSeconds: z.number().nullish(),
        matchPolicy: str.nullish(),
        rules: z.array(WebhookRuleS).nullish(),
        namespaceSelector: LabelSelectorS.nullish(),
        objectSelector: LabelSelectorS.nullish(),
        clientConfig: z
          .object({
            service: z.object({ namespace: str, name: str, port: z.number().int().nullish(), path: str.nullish() }).nullish(),
            url: str.nullish(),
          })
          .nullish(),
      }),
    )
    .nullish(),
});

export const ValidatingAdmissionPolicyS = z.object({
  metadata: MetadataS,
  spec: z
    .object({
      failurePolicy: z.enum(["Fail", "Ignore"]).nullish(),
      matchConstraints: z.object({ resourceRules: z.array(WebhookRuleS).nullish() }).nullish(),
      validations: z.array(z.unknown()).nullish(),
    })
    .nullish(),
});

export const ValidatingAdmissionPolicyBindingS = z.object({
  metadata: MetadataS,
  spec: z.object({ policyName: str.nullish(), validationActions: z.array(str).nullish() }).nullish(),
});

export const ConstraintTemplateS = z.object({
  metadata: MetadataS,
  spec: z.object({ crd: z.object({ spec: z.object({ names: z.object({ kind: str }) }) }).nullish() }).nullish(),
});

export const ConstraintS = z.object({
  metadata: MetadataS,
  spec: z
    .object({
      enforcementAction: str.nullish(),
      match: z.object({ kinds: z.array(z.object({ kinds: z.array(str).nullish() })).nullish() }).nullish(),
    })
    .nullish(),
  status: z
    .object({
      totalViolations: z.number().int().nullish(),
      violations: z
        .array(z.object({ kind: str.nullish(), namespace: str.nullish(), name: str.nullish(), message: str.nullish() }))
        .nullish(),
    })
    .nullish(),
});

export const PeerAuthenticationS = z.object({
  metadata: MetadataS,
  spec: z
    .object({
      selector: z.object({ matchLabels: StringMap.nullish() }).nullish(),
      mtls: z.object({ mode: z.enum(["STRICT", "PERMISSIVE", "DISABLE", "UNSET"]).nullish() }).nullish(),
    })
    .nullish(),
});

export type RawMetadata = z.infer<typeof MetadataS>;
export type RawLabelSelector = z.infer<typeof LabelSelectorS>;
export type RawPodSpec = z.infer<typeof PodSpecS>;
export type RawContainer = z.infer<typeof ContainerS>;
