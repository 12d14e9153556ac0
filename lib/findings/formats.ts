/**
 * The export formats of a scan, in one table the CLI (`scan --format`) and the export route read:
 * each writes its text as a sequence of chunks, so a scan of any size is written incrementally
 * (the limit is memory per finding, not the length of one string). A new format is one entry here.
 */
import { jsonChunks } from "../output/json";
import { csvChunks } from "./export-csv";
import type { ScanJson } from "./export-json";
import { sarifChunks, type SarifOptions } from "./export-sarif";
import type { PostureScore } from "./score";
import type { Finding, RuleInfo } from "./types";

/** What an exporter may use: the scan and, for SARIF, where objects were defined. */
export interface ExportInput {
  findings: readonly Finding[];
  score: PostureScore;
  catalogue: readonly RuleInfo[];
  toolVersion: string;
  locate?: SarifOptions["locate"];
}

export interface ExportFormat {
  /** Shown in help texts. */
  description: string;
  contentType: string;
  /** File name extension of a download. */
  extension: string;
  chunks(input: ExportInput): Iterable<string>;
}

export const EXPORT_FORMATS = {
  json: {
    description: 'JSON: {"findings":[...], "score":{...}}',
    contentType: "application/json",
    extension: "json",
    chunks: ({ findings, score }) => jsonChunks({ findings: [...findings], score } satisfies ScanJson, 2),
  },
  csv: {
    description: "CSV (RFC 4180; cells that a spreadsheet would run as a formula are neutralised)",
    contentType: "text/csv; charset=utf-8",
    extension: "csv",
    chunks: ({ findings }) => csvChunks(findings),
  },
  sarif: {
    description: "SARIF 2.1.0 (GitHub code scanning and other SARIF viewers)",
    contentType: "application/sarif+json",
    extension: "sarif",
    chunks: ({ findings, catalogue, toolVersion, locate }) => sarifChunks(findings, catalogue, { toolVersion, ...(locate ? { locate } : {}) }),
  },
} as const satisfies Record<string, ExportFormat>;

export type ExportFormatName = keyof typeof EXPORT_FORMATS;

export const EXPORT_FORMAT_NAMES = Object.keys(EXPORT_FORMATS) as ExportFormatName[];
