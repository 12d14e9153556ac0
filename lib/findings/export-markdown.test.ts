import { describe, expect, it } from "vitest";
import { snapshotFromYaml } from "../model/testing";
import { scanMarkdown } from "./export-markdown";
import { parseExceptions } from "./exceptions";
import { details, fenced, mdTable, mdText } from "./markdown";
import { scanSnapshot } from "./scan";

const YAML = `apiVersion: v1
kind: Pod
metadata: {name: "web|<img src=x onerror=alert(1)>", namespace: shop}
spec: {containers: [{name: c, image: "nginx:latest", securityContext: {privileged: true}}]}
`;

describe("Markdown for pull-request comments", () => {
  it("escapes text from the cluster: no HTML, links, emphasis or table breaks", () => {
    expect(mdText("a|b <script> [x](http://e) *y* `z`\nw")).toBe("a\\|b &lt;script&gt; \\[x\\](http://e) \\*y\\* \\`z\\` w");
  });

  it("fences text with more backticks than it contains", () => {
    expect(fenced("``` not a fence end")).toBe("````text\n``` not a fence end\n````");
    expect(fenced("plain", "diff")).toBe("```diff\nplain\n```");
  });

  it("stops long tables at the row budget and says how many rows it left out", () => {
    const t = mdTable(["a"], [["1"], ["2"], ["3"]], 2);
    expect(t).toBe("| a |\n| --- |\n| 1 |\n| 2 |\n\n…and 1 more (see the JSON or SARIF report).");
    expect(details("s", "b")).toBe("<details><summary>s</summary>\n\nb\n\n</details>");
  });

  it("scan: the verdict, the scores and the counts first; findings folded per severity; accepted risks apart", () => {
    const s = snapshotFromYaml(YAML);
    const report = scanSnapshot(s, { exceptions: parseExceptions(`- {rule: HY-image-tag, by: alice, reason: pinned by digest soon, expires: "2999-01-01"}`) });
    const md = scanMarkdown(report, { label: "pr-123", failOn: "high" });
    const lines = md.split("\n");
    expect(lines[0]).toBe("### Clearance scan: pr-123");
    expect(lines[2]).toMatch(/^❌ \*\*\d+ findings? at or above high\*\* — score \*\*\d+\/100 \([A-F]\)\*\*$/);
    expect(lines[4]).toBe("| RBAC | Network | Workloads | Admission | Platform |");
    expect(lines[8]).toMatch(/^\*\*Findings:\*\* .*1 accepted risk$/);
    expect(md).toMatch(/<details><summary>🔴 critical \(\d+\)<\/summary>/);
    expect(md).toMatch(/<details><summary>Accepted risks \(1\)<\/summary>[\s\S]*alice \| 2999-01-01 \| pinned by digest soon/);
    expect(md).not.toMatch(/<img/);
    expect(md).toContain("web\\|&lt;img src=x onerror=alert(1)&gt;");
  });

  it("scan: a passing threshold is one green line, none given leaves the verdict out", () => {
    const report = scanSnapshot(snapshotFromYaml(YAML));
    expect(scanMarkdown(report, { label: "x", failOn: "none" }).split("\n")[2]).toMatch(/^score \*\*/);
    const clean = scanSnapshot(snapshotFromYaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: empty}\n"));
    expect(scanMarkdown(clean, { label: "x", failOn: "critical" }).split("\n")[2]).toMatch(/^✅ \*\*nothing at or above critical\*\* — /);
  });
});
