import { describe, expect, it } from "vitest";
import { snapshotFromYaml } from "../model/testing";
import { parseExceptions } from "./exceptions";
import { toJunit, xmlText } from "./export-junit";
import { scanSnapshot } from "./scan";

const YAML = `apiVersion: v1
kind: Pod
metadata: {name: "web<&>\\"'", namespace: shop}
spec: {containers: [{name: c, image: "nginx:latest", securityContext: {privileged: true}}]}
`;

const attr = (xml: string, tag: string, name: string) => [...xml.matchAll(new RegExp(`<${tag} [^>]*${name}="(\\d+)"`, "g"))].map((m) => Number(m[1]));

describe("JUnit XML", () => {
  const report = scanSnapshot(snapshotFromYaml(YAML), { exceptions: parseExceptions(`- {rule: HY-image-tag, by: alice, reason: soon, expires: "2999-01-01"}`) });
  const xml = toJunit(report.findings, report.run.catalogue, report.run.evaluated, "clearance scan pr");

  it("escapes markup and drops characters XML 1.0 cannot carry", () => {
    expect(xmlText(`a<b>&"c'\u0001\u0008d\ud800e`)).toBe("a&lt;b&gt;&amp;&quot;c&apos;de");
  });

  it("one suite per area; totals that add up; open findings fail with their severity, accepted ones are skipped", () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="clearance scan pr"')).toBe(true);
    const [tests, ...suiteTests] = attr(xml, "test(?:suites|suite)", "tests");
    expect(suiteTests.reduce((a, b) => a + b, 0)).toBe(tests);
    expect(xml.match(/<testcase /g)).toHaveLength(tests);
    const [failures, ...suiteFailures] = attr(xml, "test(?:suites|suite)", "failures");
    expect(suiteFailures.reduce((a, b) => a + b, 0)).toBe(failures);
    expect(xml.match(/<failure /g)).toHaveLength(failures);
    expect(failures).toBe(report.findings.filter((f) => !f.exception && f.severity !== "info").length);
    expect(xml).toMatch(/<testsuite name="workload" /);
    expect(xml).toMatch(/<testcase name="PSS-privileged Pod shop\/web&lt;&amp;&gt;&quot;&apos;" classname="clearance\.workload\.PSS-privileged"><failure message="[a-z]+: [^"]+" type="(critical|high)">/);
    expect(xml).toMatch(/<testcase name="HY-image-tag [^"]+" classname="clearance\.workload\.HY-image-tag"><skipped message="accepted risk: soon \(by alice, until 2999-01-01\)"\/><\/testcase>/);
  });

  it("rules checked without findings are passing test cases", () => {
    const passing = [...xml.matchAll(/<testcase name="([^"]+)" classname="[^"]+"\/>/g)].map((m) => m[1]);
    expect(passing.length).toBeGreaterThan(5);
    const failedRules = new Set(report.findings.map((f) => f.rule));
    for (const p of passing) expect(failedRules.has(p.split(" ")[0])).toBe(false);
  });
});
