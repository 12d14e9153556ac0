/**
 * Suggested RBAC objects as plain Kubernetes manifests (what `kubectl apply` takes and what a draft
 * can be opened from), and as one YAML stream with a header a reviewer can read in a pull request.
 */
import YAML from "yaml";
import type { PolicyRule, Role, RoleBinding } from "../model";
import type { SuggestedObjects } from "./suggest";

const API_VERSION = "rbac.authorization.k8s.io/v1";

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** A rule as written in a manifest: empty lists left out, as `kubectl get -o yaml` shows them. */
export function ruleManifest(r: PolicyRule): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (r.apiGroups.length || r.resources.length) out.apiGroups = r.apiGroups;
  if (r.resources.length) out.resources = r.resources;
  if (r.resourceNames.length) out.resourceNames = r.resourceNames;
  if (r.nonResourceURLs.length) out.nonResourceURLs = r.nonResourceURLs;
  out.verbs = r.verbs;
  return out;
}

function metadata(o: Role | RoleBinding): Manifest["metadata"] {
  return { name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}), ...(Object.keys(o.annotations).length ? { annotations: { ...o.annotations } } : {}) };
}

function roleManifest(r: Role): Manifest {
  return { apiVersion: API_VERSION, kind: r.kind, metadata: metadata(r), rules: r.rules.map(ruleManifest) };
}

function bindingManifest(b: RoleBinding): Manifest {
  return {
    apiVersion: API_VERSION,
    kind: b.kind,
    metadata: metadata(b),
    roleRef: { apiGroup: b.roleRef.apiGroup, kind: b.roleRef.kind, name: b.roleRef.name },
    subjects: b.subjects.map((s) => ({ kind: s.kind, ...(s.apiGroup ? { apiGroup: s.apiGroup } : {}), name: s.name, ...(s.namespace ? { namespace: s.namespace } : {}) })),
  };
}

/** Roles before the bindings that reference them: cluster-wide first, then by namespace. */
export function manifestsOf(o: SuggestedObjects): Manifest[] {
  return [...o.clusterRoles.map(roleManifest), ...o.clusterRoleBindings.map(bindingManifest), ...o.roles.map(roleManifest), ...o.roleBindings.map(bindingManifest)];
}

/** One YAML stream, each line of `header` as a leading comment. */
export function toYamlStream(manifests: readonly Manifest[], header: readonly string[] = []): string {
  const docs = manifests.map((m) => YAML.stringify(m, { lineWidth: 0 }).trimEnd());
  const head = header.map((l) => `# ${l}`.trimEnd()).join("\n");
  return `${head ? `${head}\n` : ""}${docs.map((d) => `---\n${d}`).join("\n")}\n`;
}
