/**
 * Turns what a person types (`deployments`, `deploy`, `deployments.apps`, `pods/exec`,
 * `certificates.cert-manager.io`) into API group, resource and subresource, the way kubectl's
 * RESTMapper would: `RESOURCE.GROUP` splits at the first dot; otherwise the group comes from
 * --api-group, then the well-known resources table (short names and singulars too), then the
 * groups the snapshot's rules name for that resource when there is exactly one, else core.
 */
import { ClearanceError } from "../errors";
import type { RbacIndex } from "./rbac-index";
import { lookupResource } from "./resources";

export interface ResolvedResource {
  apiGroup: string;
  resource: string;
  subresource: string;
  /** How the group was decided, when it was not spelled out. */
  notes: string[];
}

/** Concrete groups the snapshot's rules name for a resource. */
function groupsInRules(index: RbacIndex, resource: string): Set<string> {
  const groups = new Set<string>();
  for (const r of index.roles.values()) {
    for (const rule of r.rules) {
      if (!rule.resources.some((x) => x === resource || x.startsWith(`${resource}/`))) continue;
      for (const g of rule.apiGroups) if (g !== "*") groups.add(g);
    }
  }
  return groups;
}

/** Resolves `RESOURCE[.GROUP][/SUBRESOURCE]` (see file comment). Contradictory input is a bad_request. */
export function resolveResource(arg: string, apiGroup: string | undefined, index?: RbacIndex): ResolvedResource {
  const notes: string[] = [];
  const slash = arg.indexOf("/");
  const head = slash >= 0 ? arg.slice(0, slash) : arg;
  const subresource = slash >= 0 ? arg.slice(slash + 1) : "";
  if (!head) throw new ClearanceError("bad_request", `"${arg}" names no resource`);
  const dot = head.indexOf(".");
  if (dot >= 0) {
    const resource = head.slice(0, dot);
    const group = head.slice(dot + 1);
    if (apiGroup !== undefined && apiGroup !== group) throw new ClearanceError("bad_request", `"${head}" names API group "${group}", but the API group given is "${apiGroup}"`);
    const known = lookupResource(resource);
    const plural = known && known.group === group && known.resource !== resource ? known.resource : resource;
    if (plural !== resource) notes.push(`"${resource}" read as "${plural}"`);
    return { apiGroup: group, resource: plural, subresource, notes };
  }
  const known = lookupResource(head);
  if (apiGroup !== undefined) {
    const plural = known && known.group === apiGroup && known.resource !== head ? known.resource : head;
    if (plural !== head) notes.push(`"${head}" read as "${plural}"`);
    return { apiGroup, resource: plural, subresource, notes };
  }
  if (known) {
    if (known.resource !== head) notes.push(`"${head}" read as "${known.resource}"`);
    return { apiGroup: known.group, resource: known.resource, subresource, notes };
  }
  const inRules = index ? groupsInRules(index, head) : new Set<string>();
  if (inRules.size === 1) {
    const [group] = inRules;
    notes.push(`"${head}" is not a built-in resource; using API group "${group}", the only one the roles name for it (set --api-group to choose)`);
    return { apiGroup: group, resource: head, subresource, notes };
  }
  notes.push(
    inRules.size > 1
      ? `"${head}" exists in several API groups (${[...inRules].sort().map((g) => g || "core").join(", ")}); assuming the core group — set --api-group or write ${head}.GROUP`
      : `"${head}" is not a known resource; assuming the core API group — set --api-group or write ${head}.GROUP`,
  );
  return { apiGroup: "", resource: head, subresource, notes };
}
