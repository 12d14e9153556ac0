/**
 * One finding shape for every area (RBAC, network, workloads, admission, platform). The CLI's
 * `scan --format json` prints these; ids are stable across scans so findings can be tracked,
 * excepted and diffed.
 */
export type Severity = "critical" | "high" | "medium" | "low" | "info";

export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low", "info"];

/** Higher is worse. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export function raiseSeverity(s: Severity, by = 1): Severity {
  const rank = Math.max(0, Math.min(4, SEVERITY_RANK[s] + by));
  return SEVERITIES.find((x) => SEVERITY_RANK[x] === rank)!;
}

export function atLeast(s: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[s] >= SEVERITY_RANK[threshold];
}

/** The area a finding belongs to; also the score's areas. */
export type Category = "rbac" | "network" | "workload" | "admission" | "platform";

export const CATEGORIES: readonly Category[] = ["rbac", "network", "workload", "admission", "platform"];

export interface ResourceRef {
  kind: string;
  namespace?: string;
  name: string;
}

/** Where the UI opens on a finding's evidence: `/c/<source>/<view>?<params>`. */
export interface FindingFocus {
  view: "rbac" | "network" | "findings" | "workloads";
  params: Record<string, string>;
}

export interface Finding {
  /** Stable across scans: derived from rule, resources and discriminator (see findingId). */
  id: string;
  /** Catalogue rule id, e.g. "R06", "NP01", "PSS-privileged". */
  rule: string;
  severity: Severity;
  category: Category;
  title: string;
  resources: ResourceRef[];
  /** Plain-language evidence: the path or fields that make this true. */
  evidence: string;
  remediation: string;
  /** Framework and catalogue references: "CIS 5.1.1", "Kubescape C-0185", "PSS baseline: Privileged containers". */
  references: string[];
  /** Primary namespace, for filtering; absent for cluster-scoped findings. */
  namespace?: string;
  scope?: "cluster" | "privileged-namespace" | "namespace";
  focus?: FindingFocus;
  /** Structured evidence for views (grant paths, flows, fields). */
  details?: Record<string, unknown>;
  /** Concerns default or vendor objects (rbac-defaults, system:*): hidden unless asked for. */
  isDefault?: boolean;
  /** Set when an accepted-risk exception applies (lib/findings/exceptions.ts): still shown, marked. */
  exception?: FindingException;
}

/** The accepted-risk entry that covers a finding: who accepted it, why, until when. */
export interface FindingException {
  by: string;
  reason: string;
  /** Last day (YYYY-MM-DD, UTC) the exception applies. */
  expires: string;
  /** How the entry matched: "id" or "rule+resource". */
  match: "id" | "rule+resource";
}

/** A rule of the catalogue: what it checks and how to fix it. */
export interface RuleInfo {
  rule: string;
  category: Category;
  title: string;
  /** Base severity before scope adjustments. */
  severity: Severity;
  description: string;
  remediation: string;
  references: string[];
}

/** FNV-1a 64-bit, hex: a stable, dependency-free hash for ids (not for security). */
export function stableHash(text: string): string {
  let h1 = 0x811c9dc5 | 0;
  let h2 = 0xcbf29ce4 | 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c ^ (h1 >>> 7), 0x01000193);
  }
  return (h1 >>> 0).toString(16).padStart(8, "0") + (h2 >>> 0).toString(16).padStart(8, "0");
}

/** `<rule>-<hash of resources and discriminator>`: same rule on the same objects → same id. */
export function findingId(rule: string, resources: readonly ResourceRef[], discriminator = ""): string {
  // one resource (most findings): its key alone, without a list to sort and join
  const parts = resources.length === 1 ? refKey(resources[0]) : resources.map(refKey).sort().join("|");
  return `${rule}-${stableHash(`${rule}|${parts}|${discriminator}`).slice(0, 12)}`;
}

const refKey = (r: ResourceRef) => `${r.kind}/${r.namespace ?? ""}/${r.name}`;
