import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WhatifSummary } from "../../lib/whatif/summary";
import { fakeCluster, FIXTURES_DIR, loadFixtureDir, type FakeCluster } from "../../testing/fake-apiserver";
import { bufferIO } from "../io";
import { main } from "../main";

const tmp = mkdtempSync(path.join(tmpdir(), "clearance-whatif-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function draft(name: string, text: string): string {
  const f = path.join(tmp, name);
  writeFileSync(f, text);
  return f;
}

async function run(args: string[], env: Record<string, string> = {}) {
  const io = bufferIO(env);
  const code = await main(args, io);
  return { code, out: io.stdout.join("\n"), err: io.stderr.join("\n") };
}

/** The demo's blocked flow shop-backend/orders → payments/payments-db:5432, opened by one narrow policy. */
const OPEN_DB = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: payments-db-from-orders, namespace: payments}
spec:
  podSelector: {matchLabels: {app.kubernetes.io/name: payments-db}}
  policyTypes: [Ingress]
  ingress:
    - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop-backend}}, podSelector: {matchLabels: {app.kubernetes.io/name: orders}}}]
      ports: [{protocol: TCP, port: 5432}]
# clearance: delete RoleBinding payments/oncall-pod-debugger
`;

describe("clearance whatif on files (the demo)", () => {
  it("prints connections opened, grants lost and findings fixed; exits 1 on --fail-on-new-reachability", async () => {
    const f = draft("open-db.yaml", OPEN_DB);
    const r = await run(["whatif", "--demo", "--draft", f, "--output", "json"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out) as WhatifSummary;
    expect(s.draft.changes.map((c) => c.op)).toEqual(["create", "delete"]);
    expect(s.connections).toEqual({ opened: [{ src: "shop-backend/orders[Deployment]", dst: "payments/payments-db[StatefulSet]", conn: "TCP 5432" }], closed: [] });
    expect(s.grants.gained).toEqual([]);
    expect(s.grants.lost.map((g) => `${g.kind} ${g.name}`)).toEqual(["Group acme:oncall"]);
    expect(s.findings.fixed.map((x) => x.rule)).toEqual(["R10"]);
    expect(s.score.areas.map((a) => a.area)).toEqual(["rbac", "network", "workload", "admission", "platform"]);
    expect((await run(["whatif", "demo", "--draft", f, "--fail-on-new-reachability"])).code).toBe(1);
  });

  it("markdown reads as a pull-request comment", async () => {
    const r = await run(["whatif", "demo", "--draft", draft("md.yaml", OPEN_DB), "-o", "markdown"]);
    expect(r.out).toMatch(/^### Clearance what-if on Demo cluster \(Acme Shop\)\n/);
    expect(r.out).toContain("| Score | before | after |");
    expect(r.out).toContain("#### Connections opened (1)");
    expect(r.out).toContain("| shop-backend/orders\\[Deployment\\] | payments/payments-db\\[StatefulSet\\] | `TCP 5432` |  |");
    expect(r.out).toContain("#### Grants lost (1)");
    expect(r.out).toContain("#### Fixed findings (1)");
  });

  it("text names each change and the sections of clearance diff", async () => {
    const r = await run(["whatif", "--demo", "--draft", draft("t.yaml", OPEN_DB)]);
    expect(r.out).toMatch(/^Draft: 2 changes to Demo cluster \(Acme Shop\)\n {2}create {2}NetworkPolicy payments\/payments-db-from-orders\n {2}delete {2}RoleBinding payments\/oncall-pod-debugger/);
    expect(r.out).toContain("+ shop-backend/orders[Deployment] => payments/payments-db[StatefulSet] : TCP 5432");
  });

  it("a draft with a bad document exits 2, naming the file and line, and shows what did apply", async () => {
    const f = draft("bad.yaml", `${OPEN_DB}---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {namespace: x}\n`);
    const r = await run(["whatif", "--demo", "--draft", f]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`error: ${f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}, document 2, line 12: not a Kubernetes object: metadata.name is missing`));
    expect(r.out).toContain("create  NetworkPolicy payments/payments-db-from-orders");
    expect((await run(["whatif", "--demo", "--draft", path.join(tmp, "missing.yaml")])).err).toMatch(/--draft .*missing.yaml: no such file/);
  });
});

describe("clearance whatif against a live context (the stand-in API server)", () => {
  let c: FakeCluster;
  beforeAll(async () => {
    c = await fakeCluster({ objects: loadFixtureDir(FIXTURES_DIR), token: "tok" }, "kind-dev");
  });
  afterAll(() => c.close());

  it("rolls a patched Deployment's live pods out and reports the fixed findings; nothing but GETs are sent", async () => {
    const f = draft("live.yaml", `# clearance: patch
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      automountServiceAccountToken: false
# clearance: delete ClusterRoleBinding web-reads-secrets
`);
    const r = await run(["whatif", "--context", "kind-dev", "--draft", f, "-o", "json"], c.env);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out) as WhatifSummary;
    expect(s.source).toBe("kind-dev");
    expect(s.draft.changes.map((x) => `${x.op} ${x.kind} ${x.name}`)).toEqual(["patch Deployment web", "delete ClusterRoleBinding web-reads-secrets"]);
    expect(s.grants.lost.map((g) => `${g.kind} ${g.namespace}/${g.name}`)).toEqual(["ServiceAccount shop/web"]);
    expect(s.findings.fixed.map((x) => x.rule)).toEqual(expect.arrayContaining(["R06"]));
    expect(c.server.requests.every((q) => q.method === "GET")).toBe(true);
  });
});
