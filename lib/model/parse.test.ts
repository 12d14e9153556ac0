import { describe, expect, it } from "vitest";
import { parseManifests } from "./parse";

describe("parseManifests", () => {
  it("reports a duplicate key as an error with its line, and reads the other documents", () => {
    const text = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: x\nkind: RoleBinding\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n";
    const r = parseManifests(text);
    expect(r.errors).toEqual([{ document: 1, line: 5, message: expect.stringMatching(/^duplicate key "kind": a key may appear once in a mapping/) }]);
    expect(r.documents.map((d) => (d.value as { kind: string }).kind)).toEqual(["Namespace"]);
  });

  it("reports a duplicate key nested in a document", () => {
    const r = parseManifests("kind: Pod\nmetadata:\n  labels:\n    app: a\n    app: b\n");
    expect(r.errors).toEqual([{ document: 1, line: 5, message: expect.stringMatching(/^duplicate key "app"/) }]);
  });

  it("expands a List of 130,000 items (YAML and JSON) without overflowing the stack", () => {
    const items = Array.from({ length: 130_000 }, (_, i) => ({ metadata: { name: `p-${i}`, namespace: "n" } }));
    const json = parseManifests(JSON.stringify({ apiVersion: "v1", kind: "PodList", items }));
    expect(json.documents).toHaveLength(130_000);
    expect(json.documents[129_999]).toMatchObject({ item: 130_000, value: { kind: "Pod", apiVersion: "v1" } });
    const yaml = parseManifests(`apiVersion: v1\nkind: PodList\nitems:\n${items.map((o) => `- metadata: {name: ${o.metadata.name}, namespace: n}`).join("\n")}\n`);
    expect(yaml.errors).toEqual([]);
    expect(yaml.documents).toHaveLength(130_000);
    expect(yaml.documents[1]).toMatchObject({ item: 2, line: 5 });
  }, 60_000);
});
