/** The findings model: one Finding shape, the catalogue, the score, exceptions, exporters and a whole scan. */
export * from "./types";
export { buildCatalogue, completeCatalogue } from "./catalogue";
export { EXCEPTED_WEIGHT, SCORE_FORMULA, SEVERITY_WEIGHT, grade, scoreFindings, type AreaScore, type Grade, type PostureScore } from "./score";
export { appendException, applyExceptions, isExpired, parseExceptions, type ExceptionEntry, type ExceptionsApplied } from "./exceptions";
export { toJson, type ScanJson } from "./export-json";
export { CSV_COLUMNS, toCsv } from "./export-csv";
export { SARIF_LEVEL, toSarif, type FileLocation, type SarifLog, type SarifOptions } from "./export-sarif";
export { diffFindings, diffIds, type FindingsDiff } from "./diff";
export { dedupeAndSort, runAllFindings, visibleFindings, type FindingProducer, type FindingsRun, type ProducerOutput, type RunOptions } from "./run";
export { failing, scanSnapshot, type ScanOptions, type ScanReport } from "./scan";
export { AREA_PRODUCERS, AREA_RULES } from "./areas";
