/**
 * SARIF 2.1.0 export (OASIS Static Analysis Results Interchange Format): one run, the catalogue as
 * the driver's rules, one result per finding. Resources are logical locations (`kind: resource`);
 * when the finding's object came from a file, a physical location names the file and line. The
 * finding id is the result's fingerprint, so code-scanning services track it across runs.
 * Excepted findings carry an external suppression with its justification.
 */
import type { Finding, ResourceRef, RuleInfo, Severity } from "./types";
import { jsonChunks, LazyArray } from "../output/json";

export const SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

type Level = "error" | "warning" | "note";

/** critical and high → error, medium → warning, low and info → note. */
export const SARIF_LEVEL: Readonly<Record<Severity, Level>> = { critical: "error", high: "error", medium: "warning", low: "note", info: "note" };

/** GitHub code scanning reads `security-severity` (0–10) to rank security results. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0", info: "0.0" };

export interface FileLocation {
  /** A relative path (forward slashes) or an absolute `file://` URI. */
  uri: string;
  line?: number;
}

export interface SarifOptions {
  toolVersion: string;
  informationUri?: string;
  /** Where a resource was defined, for findings from file sources. */
  locate?: (ref: ResourceRef) => FileLocation | undefined;
}

interface SarifLocation {
  physicalLocation?: { artifactLocation: { uri: string }; region?: { startLine: number } };
  logicalLocations: { name: string; fullyQualifiedName: string; kind: string }[];
}

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: {
    tool: { driver: { name: string; version: string; informationUri?: string; rules: Record<string, unknown>[] } };
    results: Record<string, unknown>[];
  }[];
}

const qualified = (r: ResourceRef) => `${r.namespace ? `${r.namespace}/` : ""}${r.kind}/${r.name}`;

function locations(f: Finding, locate: SarifOptions["locate"]): SarifLocation[] {
  if (!f.resources.length) return [{ logicalLocations: [{ name: "cluster", fullyQualifiedName: "cluster", kind: "resource" }] }];
  return f.resources.map((r) => {
    const loc: SarifLocation = { logicalLocations: [{ name: r.name, fullyQualifiedName: qualified(r), kind: "resource" }] };
    const file = locate?.(r);
    if (file) loc.physicalLocation = { artifactLocation: { uri: file.uri }, ...(file.line ? { region: { startLine: file.line } } : {}) };
    return loc;
  });
}

/** SARIF wants reportingDescriptor.name to read like an identifier: "Privileged container" → "PrivilegedContainer". */
function pascal(title: string): string {
  return title
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");
}

function rule(r: RuleInfo): Record<string, unknown> {
  return {
    id: r.rule,
    name: pascal(r.title),
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: { text: r.remediation },
    defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
    properties: { tags: [...new Set(["security", r.category, ...r.references])], "security-severity": SECURITY_SEVERITY[r.severity] },
  };
}

/** A SARIF 2.1.0 log with one run: the used catalogue rules and one result per finding. */
export function toSarif(findings: readonly Finding[], catalogue: readonly RuleInfo[], opts: SarifOptions): SarifLog {
  const p = sarifParts(findings, catalogue, opts);
  return envelope(p.rules, findings.map(p.result), opts);
}

/** The same SARIF text as `toSarif`, in chunks, each result made only when written (memory per finding, not per log). */
export function sarifChunks(findings: readonly Finding[], catalogue: readonly RuleInfo[], opts: SarifOptions): Iterable<string> {
  const p = sarifParts(findings, catalogue, opts);
  return jsonChunks(envelope(p.rules, new LazyArray(findings.length, (i) => p.result(findings[i])), opts), 2);
}

function sarifParts(findings: readonly Finding[], catalogue: readonly RuleInfo[], opts: SarifOptions) {
  const used = new Set(findings.map((f) => f.rule));
  const rules = catalogue.filter((r) => used.has(r.rule));
  const index = new Map(rules.map((r, i) => [r.rule, i]));
  const result = (f: Finding): Record<string, unknown> => {
    const result: Record<string, unknown> = {
      ruleId: f.rule,
      level: SARIF_LEVEL[f.severity],
      message: { text: `${f.title}: ${f.evidence}` },
      locations: locations(f, opts.locate),
      fingerprints: { "clearance/v1": f.id },
      properties: {
        severity: f.severity,
        category: f.category,
        remediation: f.remediation,
        "security-severity": SECURITY_SEVERITY[f.severity],
        ...(f.references.length ? { tags: [...new Set(f.references)] } : {}),
      },
    };
    if (index.has(f.rule)) result.ruleIndex = index.get(f.rule);
    if (f.exception) {
      result.suppressions = [{ kind: "external", justification: f.exception.reason, properties: { by: f.exception.by, expires: f.exception.expires } }];
    }
    return result;
  };
  return { rules, result };
}

function envelope<R>(rules: readonly RuleInfo[], results: R, opts: SarifOptions) {
  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0" as const,
    runs: [
      {
        tool: { driver: { name: "clearance", version: opts.toolVersion, ...(opts.informationUri ? { informationUri: opts.informationUri } : {}), rules: rules.map(rule) } },
        results,
      },
    ],
  };
}
