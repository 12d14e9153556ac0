import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import schema from "./sarif-schema.json";
import { buildCatalogue } from "./catalogue";
import { csvField, toCsv, CSV_COLUMNS } from "./export-csv";
import { toJson } from "./export-json";
import { SARIF_LEVEL, sarifChunks, toSarif } from "./export-sarif";
import { scoreFindings } from "./score";
import { finding, rule } from "./testing";

/**
 * The schema uses the "uri", "uri-reference" and "date-time" formats; ajv-formats is not installed,
 * so the two the exporter can produce are checked here with RFC 3986 shaped patterns.
 */
function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat("uri", /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
  ajv.addFormat("uri-reference", /^[^\s\\]*$/);
  ajv.addFormat("date-time", true);
  return ajv.compile(schema);
}

const catalogue = buildCatalogue([rule("PSS-privileged", { severity: "critical", references: ["CIS 5.2.2"] }), rule("HY-image-tag"), rule("UNUSED")]);
const excepted = finding("HY-image-tag", "web", { exception: { by: "alice", reason: "pinned upstream", expires: "2027-01-01", match: "id" } });
const findings = [
  finding("PSS-privileged", "agent", { severity: "critical", references: ["CIS 5.2.2"], evidence: 'container "agent" must not set privileged, ever\nreally' }),
  excepted,
  finding("PL-no-mtls", "cluster", { resources: [], category: "platform", severity: "medium" }),
];

describe("SARIF", () => {
  const log = toSarif(findings, catalogue, {
    toolVersion: "0.1.0",
    informationUri: "https://example.com/clearance",
    locate: (r) => (r.name === "agent" ? { uri: "manifests/agent.yaml", line: 12 } : undefined),
  });

  it("written in chunks (results made as written), is the same text as the log", () => {
    const opts = { toolVersion: "0.1.0", informationUri: "https://example.com/clearance", locate: (r: { name: string }) => (r.name === "agent" ? { uri: "manifests/agent.yaml", line: 12 } : undefined) };
    expect([...sarifChunks(findings, catalogue, opts)].join("")).toBe(JSON.stringify(toSarif(findings, catalogue, opts), null, 2));
  });

  it("validates against the SARIF 2.1.0 schema", () => {
    const validate = validator();
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("the validator rejects what the schema forbids (the test can fail)", () => {
    const validate = validator();
    const broken = structuredClone(log) as unknown as { runs: { results: Record<string, unknown>[] }[] };
    broken.runs[0].results[0].level = "critical";
    expect(validate(broken)).toBe(false);
    const extra = structuredClone(log) as unknown as { runs: { results: Record<string, unknown>[] }[] };
    extra.runs[0].results[0].severity = "high";
    expect(validate(extra)).toBe(false);
  });

  it("rules come from the catalogue (only those used); results carry level, fingerprint and locations", () => {
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(["HY-image-tag", "PSS-privileged"]);
    const [priv, tag, mesh] = run.results as Record<string, never>[];
    expect(priv).toMatchObject({ ruleId: "PSS-privileged", ruleIndex: 1, level: "error", fingerprints: { "clearance/v1": findings[0].id } });
    expect(priv.locations).toEqual([
      {
        logicalLocations: [{ name: "agent", fullyQualifiedName: "shop/Deployment/agent", kind: "resource" }],
        physicalLocation: { artifactLocation: { uri: "manifests/agent.yaml" }, region: { startLine: 12 } },
      },
    ]);
    expect(tag).toMatchObject({ level: "warning", suppressions: [{ kind: "external", justification: "pinned upstream" }] });
    expect((tag.locations as { physicalLocation?: unknown }[])[0].physicalLocation).toBeUndefined();
    expect(mesh).toMatchObject({ ruleId: "PL-no-mtls", locations: [{ logicalLocations: [{ name: "cluster" }] }] });
    expect("ruleIndex" in mesh).toBe(false);
    expect(SARIF_LEVEL.low).toBe("note");
  });
});

describe("CSV", () => {
  it("quotes per RFC 4180", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
  });

  it("neutralises cells a spreadsheet would run as a formula (OWASP CSV Injection)", () => {
    expect(csvField("=HYPERLINK(\"http://evil\",\"x\")")).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvField("+1+cmd|' /C calc'!A0")).toBe("'+1+cmd|' /C calc'!A0");
    expect(csvField("-2+3")).toBe("'-2+3");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\t=1")).toBe("'\t=1");
    expect(csvField("\uff1d1+1")).toBe("'\uff1d1+1");
    expect(csvField("payments=prod")).toBe("payments=prod");
  });

  it("one header row and one CRLF-terminated record per finding, parseable back", () => {
    const csv = toCsv(findings);
    expect(csv.endsWith("\r\n")).toBe(true);
    const records = parseCsv(csv);
    expect(records[0]).toEqual([...CSV_COLUMNS]);
    expect(records).toHaveLength(findings.length + 1);
    expect(records[1][CSV_COLUMNS.indexOf("evidence")]).toBe(findings[0].evidence);
    expect(records[2][CSV_COLUMNS.indexOf("status")]).toBe("excepted");
    expect(records[2][CSV_COLUMNS.indexOf("excepted_by")]).toBe("alice");
  });
});

describe("JSON", () => {
  it("is exactly {findings, score}", () => {
    const score = scoreFindings(findings, {}, catalogue);
    const parsed = JSON.parse(toJson(findings, score));
    expect(Object.keys(parsed)).toEqual(["findings", "score"]);
    expect(parsed.findings).toHaveLength(3);
    expect(parsed.findings[1].exception.by).toBe("alice");
  });
});

/** A minimal RFC 4180 reader, to prove the writer round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  return rows;
}
