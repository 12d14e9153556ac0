/** A granted permission in words, with no dependencies so the browser can use it. */
import type { PermissionChange } from "./diff";

/** `pods`, `deployments.apps`, `*.*`, `secrets named db-creds`, `URL /metrics`, `rules of ClusterRole cluster-admin (not in the input)`. */
export function permissionText(p: PermissionChange): string {
  if (p.missingRole !== undefined) return `rules of ${p.missingRole.replace("/", " ")} (not in the input)`;
  if (p.nonResourceURL !== undefined) return `URL ${p.nonResourceURL}`;
  return `${p.resource}${p.apiGroup ? `.${p.apiGroup}` : ""}${p.resourceName !== undefined ? ` named ${p.resourceName}` : ""}`;
}
