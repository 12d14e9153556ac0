/**
 * JUnit XML for CI systems that show test reports (GitLab's `artifacts:reports:junit`, Jenkins,
 * Azure Pipelines, GitHub test-report actions), in the shape those read
 * (https://github.com/testmoapp/junitxml): one <testsuite> per area; per rule checked, one passing
 * <testcase> when it found nothing, else one <testcase> per finding — failed (type = severity) when
 * open, skipped when an accepted risk covers it. Info findings pass and say so in <system-out>.
 */
import { resourceText } from "./export-markdown";
import { CATEGORIES, SEVERITY_RANK, type Finding, type RuleInfo } from "./types";

/** XML 1.0 text: markup characters escaped, characters XML cannot carry dropped. */
export function xmlText(s: string): string {
  return s
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

interface Case {
  name: string;
  classname: string;
  body: string;
  failed: boolean;
  skipped: boolean;
}

function findingCase(f: Finding): Case {
  const name = `${f.rule} ${resourceText(f)}`;
  const classname = `clearance.${f.category}.${f.rule}`;
  const text = `${f.evidence}\n\nRemediation: ${f.remediation}${f.references.length ? `\nReferences: ${f.references.join(", ")}` : ""}\nFinding id: ${f.id}`;
  if (f.exception) {
    return { name, classname, failed: false, skipped: true, body: `<skipped message="${xmlText(`accepted risk: ${f.exception.reason} (by ${f.exception.by}, until ${f.exception.expires})`)}"/>` };
  }
  if (f.severity === "info") return { name, classname, failed: false, skipped: false, body: `<system-out>${xmlText(`${f.title}\n${text}`)}</system-out>` };
  return { name, classname, failed: true, skipped: false, body: `<failure message="${xmlText(`${f.severity}: ${f.title}`)}" type="${f.severity}">${xmlText(text)}</failure>` };
}

export function toJunit(findings: readonly Finding[], catalogue: readonly RuleInfo[], evaluated: Readonly<Record<string, number>>, name = "clearance"): string {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const area of CATEGORIES) {
    const cases: Case[] = [];
    const rules = catalogue.filter((r) => r.category === area && (evaluated[r.rule] || byRule.has(r.rule)));
    for (const r of [...rules].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.rule.localeCompare(b.rule))) {
      const found = byRule.get(r.rule) ?? [];
      if (!found.length) cases.push({ name: `${r.rule} ${r.title}`, classname: `clearance.${area}.${r.rule}`, failed: false, skipped: false, body: "" });
      else cases.push(...found.map(findingCase));
    }
    if (!cases.length) continue;
    const f = cases.filter((c) => c.failed).length;
    const s = cases.filter((c) => c.skipped).length;
    tests += cases.length;
    failures += f;
    skipped += s;
    suites.push(
      `  <testsuite name="${area}" tests="${cases.length}" failures="${f}" errors="0" skipped="${s}">\n${cases
        .map((c) => `    <testcase name="${xmlText(c.name)}" classname="${xmlText(c.classname)}"${c.body ? `>${c.body}</testcase>` : "/>"}`)
        .join("\n")}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xmlText(name)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">\n${suites.join("\n")}\n</testsuites>`;
}
