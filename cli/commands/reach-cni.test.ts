/** `clearance reach` under a CNI: the Cilium shop, --cni, and the exit status of an incomplete answer. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bufferIO } from "../io";
import { main } from "../main";

const root = mkdtempSync(path.join(tmpdir(), "clearance-reach-cni-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const shop = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: web, image: nginx:1.27}]}
status: {podIP: 10.0.0.10}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: shop, labels: {app: db}}
spec: {containers: [{name: db, image: postgres:16, ports: [{containerPort: 5432}]}]}
status: {podIP: 10.0.0.11}
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: db-from-web, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: db}}
  ingress:
    - fromEndpoints: [{matchLabels: {app: web}}]
      toPorts: [{ports: [{port: "5432", protocol: TCP}]}]
`;

function dir(name: string, yaml: string): string {
  const d = path.join(root, name);
  mkdirSync(d);
  writeFileSync(path.join(d, "cluster.yaml"), yaml);
  return d;
}
const ciliumShop = dir("cilium-shop", shop);
const l7Shop = dir(
  "l7-shop",
  shop.replace('toPorts: [{ports: [{port: "5432", protocol: TCP}]}]', 'toPorts: [{ports: [{port: "5432", protocol: TCP}], rules: {http: [{method: GET}]}}]'),
);

async function run(args: string[]) {
  const io = bufferIO();
  const code = await main(args, io);
  return { code, out: io.stdout.join("\n"), err: io.stderr.join("\n") };
}

describe("clearance reach under a CNI", () => {
  it("blocks web → db:80 under Cilium, detected from the policy kinds (the issue's example)", async () => {
    const r = await run(["reach", "--snapshot", ciliumShop, "--from", "shop/web", "--to", "shop/db", "--port", "80"]);
    expect(r.code).toBe(0);
    expect(r.out.split("\n")[0]).toBe("shop/web -> shop/db TCP 80: BLOCKED");
    expect(r.out).toContain("Semantics: Cilium (detected: from the policy kinds present: 1 Cilium policy and no other CNI's agent)");
    expect(r.out).toContain("CiliumNetworkPolicy shop/db-from-web isolates shop/db for Ingress and no rule allows TCP 80 from shop/web");
    const ok = JSON.parse((await run(["reach", "--snapshot", ciliumShop, "--from", "shop/web", "--to", "shop/db", "--port", "5432", "--output", "json"])).out);
    expect(ok).toMatchObject({ allowed: true, complete: true, cni: { id: "cilium", how: "detected" } });
    expect(ok.ingress.rules).toMatchObject([{ kind: "CiliumNetworkPolicy", namespace: "shop", policy: "db-from-web", path: "spec.ingress[0]", action: "Allow" }]);
  });

  it("--cni none gives Kubernetes semantics alone: the CiliumNetworkPolicy is not applied", async () => {
    const j = JSON.parse((await run(["reach", "--snapshot", ciliumShop, "--from", "shop/web", "--to", "shop/db", "--port", "80", "--cni", "none", "--output", "json"])).out);
    expect(j).toMatchObject({ allowed: true, cni: { id: "none", how: "chosen" } });
  });

  it("exits 3 when a rule it does not evaluate (an L7 rule) could change the answer, and says which", async () => {
    const r = await run(["reach", "--snapshot", l7Shop, "--from", "shop/web", "--to", "shop/db", "--port", "5432", "--output", "json"]);
    expect(r.code).toBe(3);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ allowed: true, complete: false, incomplete: ["CiliumNetworkPolicy shop/db-from-web spec.ingress[0]: http rules are enforced by Cilium's L7 proxy after this L4 verdict"] });
    const all = await run(["reach", "--snapshot", l7Shop]);
    expect(all.code).toBe(0);
    expect(all.err).toContain("note: some connections may be incomplete (Cilium)");
  });

  it("rejects an unknown --cni with exit code 2", async () => {
    const r = await run(["reach", "--snapshot", ciliumShop, "--cni", "bogus"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--cni/);
  });
});
