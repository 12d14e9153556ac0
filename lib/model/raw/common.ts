/** Shared schema pieces (metadata, label maps, selectors) and the error messages for people reading manifests. */
import { z } from "zod";

/** Messages for people reading manifests: "expected a number, got the string "eighty"". */
function describeInput(v: unknown): string {
  if (v === null || v === undefined) return "nothing";
  if (typeof v === "string") return `the string "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return `${typeof v} ${String(v)}`;
}
const ARTICLE: Record<string, string> = { number: "a number", string: "a string", boolean: "true or false", array: "a list", object: "a mapping" };
z.config({
  customError: (iss) => {
    if (iss.code === "invalid_type") {
      if (iss.input === undefined) return `required ${iss.expected === "array" ? "list" : (iss.expected as string)} is missing`;
      return `expected ${ARTICLE[iss.expected as string] ?? iss.expected}, got ${describeInput(iss.input)}`;
    }
    if (iss.code === "invalid_value" && "values" in iss) return `must be one of ${(iss.values as unknown[]).map(String).join(", ")} (got ${describeInput(iss.input)})`;
    return undefined;
  },
});

export const str = z.string();
export const scalar = z.union([z.string(), z.number(), z.boolean()]);
/** Labels/annotations; unquoted YAML numbers and booleans are accepted and turned into strings later. */
export const StringMap = z.record(z.string(), scalar.nullable());
export const intOrString = z.union([z.number().int(), z.string()]);
export const ProtocolS = z.enum(["TCP", "UDP", "SCTP"]);

/** kind and name are required by the API; a reference without them is dropped with a warning (normalize/common.ts). */
export const OwnerReferenceS = z.object({
  apiVersion: str.nullish(),
  kind: str.nullish(),
  name: str.nullish(),
  uid: str.nullish(),
  controller: z.boolean().nullish(),
});

export const MetadataS = z.object({
  name: str.min(1, "metadata.name is required"),
  namespace: str.nullish(),
  uid: str.nullish(),
  labels: StringMap.nullish(),
  annotations: StringMap.nullish(),
  ownerReferences: z.array(OwnerReferenceS).nullish(),
  creationTimestamp: z.union([str, z.date()]).nullish(),
});

export const SelectorRequirementS = z.object({
  key: str,
  operator: str,
  values: z.array(scalar).nullish(),
});

export const LabelSelectorS = z.object({
  matchLabels: StringMap.nullish(),
  matchExpressions: z.array(SelectorRequirementS).nullish(),
});
