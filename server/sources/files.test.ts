import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { completeness } from "../../lib/model";
import { loadFiles } from "./files";

const dir = mkdtempSync(path.join(tmpdir(), "clearance-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(rel: string, content: string | Buffer) {
  const f = path.join(dir, rel);
  mkdirSync(path.dirname(f), { recursive: true });
  writeFileSync(f, content);
}

write("good/app.yaml", `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: "web:1"}]}}
`);
write("good/list.json", JSON.stringify({ apiVersion: "v1", kind: "List", items: [{ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "web", namespace: "shop" } }] }));
write("bad/broken.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p\n");
write("bad/not-k8s.yaml", "just: a mapping\n---\n- a list\n");
write("bad/unknown.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n");
write(
  "bad/selector.yaml",
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np, namespace: shop}\nspec:\n  podSelector:\n    matchExpressions: [{key: app, operator: In}]\n",
);
write("bad/binary.json", Buffer.from([0x7b, 0x00, 0x01, 0x02]));
write("big/huge.yaml", `# ${"x".repeat(3 * 1024 * 1024)}\n`);
write("notes.txt", "not a manifest, not read");

describe("loadFiles", () => {
  it("reads what it can from a directory of mixed manifests and names every problem", async () => {
    const s = await loadFiles([dir], { limits: { maxYamlBytes: 1024 * 1024, maxJsonBytes: 10 * 1024 * 1024 } });
    expect(s.namespaces.map((n) => n.name)).toEqual(["shop"]);
    expect(s.workloads.map((w) => w.name)).toEqual(["web"]);
    expect(s.serviceAccounts.map((a) => a.name)).toEqual(["web"]);
    expect(s.pods.map((p) => p.name)).toEqual(["web"]); // a representative pod from the template
    const problems = s.issues.map((i) => `${path.relative(dir, i.source)} ${i.document ?? "-"}:${i.line ?? "-"} ${i.kind ?? ""} ${i.message}`);
    expect(problems).toEqual([
      expect.stringMatching(/^bad\/binary\.json -:- +binary file, not a manifest$/),
      expect.stringMatching(/^bad\/broken\.yaml 1:\d+ +invalid YAML/),
      expect.stringMatching(/^bad\/not-k8s\.yaml 1:1 +not a Kubernetes object: kind is missing$/),
      expect.stringMatching(/^bad\/not-k8s\.yaml 2:3 +not a Kubernetes object/),
      expect.stringMatching(/^bad\/selector\.yaml 1:6 NetworkPolicy spec\.podSelector: operator In on "app" needs at least one value$/),
      expect.stringMatching(/^bad\/unknown\.yaml 1:1 Widget unknown kind Widget/),
      expect.stringMatching(/^big\/huge\.yaml -:- +file is 3\.0 MB, above the 1\.0 MB limit for YAML/),
    ]);
    expect(completeness(s).partial).toBe(true);
  });

  it("refuses a path that does not exist", async () => {
    await expect(loadFiles([path.join(dir, "nope")])).rejects.toThrow(/no such file or directory/);
  });
});
