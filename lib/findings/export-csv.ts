/**
 * CSV export, RFC 4180: CRLF line breaks, a header row, fields containing a comma, a double quote
 * or a line break enclosed in double quotes with inner quotes doubled.
 */
import type { Finding } from "./types";

export const CSV_COLUMNS = [
  "id",
  "severity",
  "category",
  "rule",
  "title",
  "namespace",
  "resources",
  "evidence",
  "remediation",
  "references",
  "status",
  "excepted_by",
  "exception_reason",
  "exception_expires",
] as const;

/** One field, quoted only when RFC 4180 requires it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function row(f: Finding): string[] {
  return [
    f.id,
    f.severity,
    f.category,
    f.rule,
    f.title,
    f.namespace ?? "",
    f.resources.map((r) => `${r.kind}/${r.namespace ? `${r.namespace}/` : ""}${r.name}`).join("; "),
    f.evidence,
    f.remediation,
    f.references.join("; "),
    f.exception ? "excepted" : "open",
    f.exception?.by ?? "",
    f.exception?.reason ?? "",
    f.exception?.expires ?? "",
  ];
}

/** Header plus one record per finding, CRLF-terminated. */
export function toCsv(findings: readonly Finding[]): string {
  const lines = [CSV_COLUMNS.join(","), ...findings.map((f) => row(f).map(csvField).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
