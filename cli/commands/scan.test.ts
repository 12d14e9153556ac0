import Ajv from "ajv";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import schema from "../../lib/findings/sarif-schema.json";
import type { Finding } from "../../lib/findings/types";
import { bufferIO } from "../io";
import { main } from "../main";

const FIXTURES = path.join(__dirname, "../../lib/posture/fixtures");
const BAD = path.join(FIXTURES, "bad");
const HARDENED = path.join(FIXTURES, "hardened");
const tmp = mkdtempSync(path.join(tmpdir(), "clearance-scan-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[], env: Record<string, string> = {}) {
  const io = bufferIO(env);
  const code = await main(args, io);
  return { code, out: io.stdout.join("\n"), err: io.stderr.join("\n") };
}

function file(name: string, text: string): string {
  const p = path.join(tmp, name);
  writeFileSync(p, text);
  return p;
}

describe("clearance scan", () => {
  it("--framework cis prints each control with its score and failing resources; json the whole report", async () => {
    const t = await run(["scan", "--snapshot", BAD, "--framework", "cis"]);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/^CIS Kubernetes Benchmark v1\.12.*: \d+%/);
    expect(t.out).toMatch(/\n5\.2\.2 +\d+% +\d+\/\d+/);
    expect(t.out).toContain("DaemonSet default/agent (PSS-privileged");
    const j = await run(["scan", "--snapshot", BAD, "--framework", "PSS", "--format", "json"]);
    const report = JSON.parse(j.out) as { framework: string; controls: { id: string; failing: { resource: { name: string } }[] }[] };
    expect(report.framework).toBe("PSS");
    expect(report.controls.find((c) => c.id === "baseline: Privileged containers")!.failing.map((f) => f.resource.name)).toContain("agent");
    expect((await run(["scan", "--snapshot", BAD, "--framework", "iso"])).code).toBe(2);
    expect((await run(["scan", "--snapshot", BAD, "--framework", "cis", "--format", "sarif"])).code).toBe(2);
  });

  it("--format json prints exactly {findings, score}", async () => {
    const r = await run(["scan", "--snapshot", BAD, "--format", "json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { findings: Finding[]; score: { overall: number; areas: Record<string, { score: number | null }> } };
    expect(Object.keys(json)).toEqual(["findings", "score"]);
    expect(json.findings.map((f) => f.rule)).toContain("PSS-privileged");
    expect(json.findings[0]).toMatchObject({ severity: "critical", category: "workload", resources: [{ kind: "DaemonSet", namespace: "default", name: "agent" }] });
    for (const key of ["id", "rule", "severity", "category", "title", "resources", "evidence", "remediation", "references"]) expect(json.findings[0]).toHaveProperty(key);
    expect(json.score.overall).toBeLessThan(100);
    expect(json.score.areas.workload.score).toEqual(expect.any(Number));
  });

  it("exit code 1 when a finding is at or above --fail-on, 0 otherwise", async () => {
    expect((await run(["scan", "--snapshot", BAD, "--fail-on", "high"])).code).toBe(1);
    expect((await run(["scan", "--snapshot", BAD, "--fail-on", "critical", "--format", "json"])).code).toBe(1);
    expect((await run(["scan", "--snapshot", HARDENED, "--fail-on", "low"])).code).toBe(0);
    const hardened = JSON.parse((await run(["scan", "--snapshot", HARDENED, "--format", "json"])).out);
    expect(hardened.findings).toEqual([]);
    expect(hardened.score.overall).toBe(100);
  });

  it("excepted findings stay visible and no longer fail the build; expired exceptions are reported", async () => {
    const ex = file(
      "exceptions.yaml",
      `exceptions:
  - rule: PSS-*
    resource: {kind: DaemonSet, namespace: default, name: agent}
    by: platform-team
    reason: the agent needs the node
    expires: 2999-12-31
  - rule: HY-image-tag
    by: someone
    reason: old
    expires: 2001-01-01
`,
    );
    const r = await run(["scan", "--snapshot", BAD, "--exceptions", ex, "--fail-on", "critical", "--format", "json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    const priv = json.findings.find((f: Finding) => f.rule === "PSS-privileged");
    expect(priv.exception).toMatchObject({ by: "platform-team", match: "rule+resource" });
    expect(json.findings.find((f: Finding) => f.rule === "HY-image-tag").exception).toBeUndefined();
    expect(json.score.excepted).toBeGreaterThan(0);
    expect(json.score.exceptions.expired).toHaveLength(1);
    expect(r.err).toMatch(/exception #2 \(by someone\) expired on 2001-01-01/);
    // medium findings are not excepted: --fail-on medium still fails
    expect((await run(["scan", "--snapshot", BAD, "--exceptions", ex, "--fail-on", "medium"])).code).toBe(1);
  });

  it("--format csv prints RFC 4180 rows", async () => {
    const r = await run(["scan", "--snapshot", BAD, "--format", "csv"]);
    expect(r.out.split("\r\n")[0]).toBe("id,severity,category,rule,title,namespace,resources,evidence,remediation,references,status,excepted_by,exception_reason,exception_expires");
    expect(r.out).toMatch(/\r\nPSS-host-path-[0-9a-f]+,critical,workload,PSS-host-path,/);
  });

  it("--format sarif validates against SARIF 2.1.0 and points at the manifest file and line", async () => {
    const r = await run(["scan", "--snapshot", BAD, "--format", "sarif"]);
    const log = JSON.parse(r.out);
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat("uri", /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
    ajv.addFormat("uri-reference", /^[^\s\\]*$/);
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const result = log.runs[0].results[0];
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "lib/posture/fixtures/bad/agent.yaml" }, region: { startLine: 2 } });
    expect(result.fingerprints["clearance/v1"]).toMatch(/^PSS-/);
  });

  it("the table names the source, the score and the findings", async () => {
    const r = await run(["scan", "--snapshot", BAD]);
    expect(r.out).toMatch(/^lib\/posture\/fixtures\/bad|bad \(files\)/m);
    expect(r.out).toMatch(/Score \d+\/100 \([A-F]\)/);
    expect(r.out).toMatch(/critical\s+PSS-privileged\s+DaemonSet default\/agent\s+Privileged container/);
  });

  it("bad input exits 2 with a reason on stderr", async () => {
    const badFormat = await run(["scan", "--snapshot", BAD, "--format", "xml"]);
    expect(badFormat).toMatchObject({ code: 2, err: expect.stringMatching(/--format must be one of table, json, csv, sarif/) });
    expect((await run(["scan", "--snapshot", BAD, "--fail-on", "severe"])).code).toBe(2);
    const missing = await run(["scan", "--snapshot", BAD, "--exceptions", path.join(tmp, "nope.yaml")]);
    expect(missing).toMatchObject({ code: 2, err: expect.stringMatching(/nope\.yaml: no such file/) });
    const invalid = await run(["scan", "--snapshot", BAD, "--exceptions", file("bad-ex.yaml", "exceptions: [{id: x}]")]);
    expect(invalid).toMatchObject({ code: 2, err: expect.stringMatching(/bad-ex\.yaml: exceptions\[0\]\.by/) });
    expect((await run(["scan", "--snapshot", path.join(tmp, "does-not-exist")])).code).toBe(2);
  });

  it("a manifest that cannot be read: findings still printed, the problem on stderr, exit 2", async () => {
    const dir = path.join(tmp, "broken");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    writeFileSync(path.join(dir, "a.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: nginx}]}\n---\nkind: [oops\n");
    const r = await run(["scan", "--snapshot", dir, "--format", "json"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).findings.length).toBeGreaterThan(0);
    expect(r.err).toMatch(/a\.yaml/);
  });

  it("records the scan in the history when CLEARANCE_DATA_DIR is set", async () => {
    const dataDir = path.join(tmp, "data");
    await run(["scan", "--snapshot", BAD, "--format", "json"], { CLEARANCE_DATA_DIR: dataDir });
    await run(["scan", "--snapshot", HARDENED, "--format", "json"], { CLEARANCE_DATA_DIR: dataDir });
    const { openStore } = await import("../../server/store");
    const h = await openStore({ CLEARANCE_DATA_DIR: dataDir });
    expect(await h.history.trend("files:bad", 5)).toHaveLength(1);
    expect((await h.history.trend("files:hardened", 5))[0]).toMatchObject({ findings: 0, score: 100 });
    await h.close();
  });
});
