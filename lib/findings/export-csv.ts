/**
 * CSV export, RFC 4180: CRLF line breaks, a header row, fields containing a comma, a double quote
 * or a line break enclosed in double quotes with inner quotes doubled. Cells a spreadsheet would run
 * as a formula (starting with =, +, -, @, a tab or a carriage return, or their full-width forms) get
 * a leading apostrophe, as OWASP's "CSV Injection" advises: a namespace or an accept-risk reason
 * comes from someone else. The export is written in chunks (one record each).
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

/** Starts a formula in Excel, LibreOffice or Google Sheets. */
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/** One field, formula-neutralised, then quoted only when RFC 4180 requires it. */
export function csvField(value: string): string {
  const v = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
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

/** Header plus one record per finding, each CRLF-terminated, as chunks. */
export function* csvChunks(findings: readonly Finding[]): Generator<string> {
  yield `${CSV_COLUMNS.join(",")}\r\n`;
  for (const f of findings) yield `${row(f).map(csvField).join(",")}\r\n`;
}

/** The whole CSV as one string (small exports and tests; large ones use csvChunks). */
export function toCsv(findings: readonly Finding[]): string {
  return [...csvChunks(findings)].join("");
}
