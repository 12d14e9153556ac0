/** Roles and bindings. */
import { z } from "zod";
import { LabelSelectorS, MetadataS, str } from "./common";

export const PolicyRuleS = z.object({
  verbs: z.array(str),
  apiGroups: z.array(str).nullish(),
  resources: z.array(str).nullish(),
  resourceNames: z.array(str).nullish(),
  nonResourceURLs: z.array(str).nullish(),
});

export const RoleS = z.object({
  metadata: MetadataS,
  rules: z.array(PolicyRuleS).nullish(),
  aggregationRule: z.object({ clusterRoleSelectors: z.array(LabelSelectorS).nullish() }).nullish(),
});

export const SubjectS = z.object({ kind: str, name: str, namespace: str.nullish(), apiGroup: str.nullish() });

export const RoleBindingS = z.object({
  metadata: MetadataS,
  roleRef: z.object({ apiGroup: str.nullish(), kind: str, name: str }),
  subjects: z.array(SubjectS).nullish(),
});
