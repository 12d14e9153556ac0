import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bufferIO } from "../io";
import { main } from "../main";

const dir = mkdtempSync(path.join(tmpdir(), "clearance-reach-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  path.join(dir, "cluster.yaml"),
  `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: checkout, namespace: shop}
spec:
  selector: {matchLabels: {app: checkout}}
  template:
    metadata: {labels: {app: checkout}}
    spec: {containers: [{name: c, image: checkout:1}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: orders, namespace: shop}
spec:
  selector: {matchLabels: {app: orders}}
  template:
    metadata: {labels: {app: orders}}
    spec: {containers: [{name: c, image: orders:1, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: orders-svc, namespace: shop}
spec: {selector: {app: orders}, ports: [{port: 80, targetPort: http}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: orders-ingress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: orders}}
  ingress:
    - from: [{podSelector: {matchLabels: {app: frontend}}}]
      ports: [{port: 8080}]
    - from: [{podSelector: {matchLabels: {app: checkout}}}]
      ports: [{port: 9090}]
    - from: [{ipBlock: {cidr: 10.0.0.0/8}}]
`,
);

async function run(args: string[]) {
  const io = bufferIO();
  const code = await main(args, io);
  return { code, out: io.stdout.join("\n"), err: io.stderr.join("\n") };
}

describe("clearance reach", () => {
  it("explains one flow as {allowed, egress, ingress} with the deciding policies and rules", async () => {
    const r = await run(["reach", "--snapshot", dir, "--from", "shop/checkout", "--to", "shop/orders", "--port", "8080", "--protocol", "TCP", "--output", "json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(["allowed", "cni", "complete", "egress", "ingress"]);
    expect(json.allowed).toBe(false);
    expect(json.egress).toMatchObject({ allowed: true, decidedBy: "default" });
    expect(json.ingress).toMatchObject({ allowed: false, decidedBy: "network-policy", policies: ["NetworkPolicy shop/orders-ingress"], isolatedBy: [{ namespace: "shop", name: "orders-ingress" }] });
    expect(json.ingress.closest.map((m: { reason: string }) => m.reason)).toContain("rule 2 of shop/orders-ingress matches the peer but not TCP 8080 (it allows TCP 9090)");
    const ok = JSON.parse((await run(["reach", "--snapshot", dir, "--from", "shop/checkout", "--to", "shop/orders", "--port", "9090", "--output", "json"])).out);
    expect(ok.allowed).toBe(true);
    expect(ok.ingress.rules).toMatchObject([{ policy: "orders-ingress", index: 1, path: "spec.ingress[1]" }]);
  });

  it("prints a readable explanation by default and accepts a Service and an IP", async () => {
    const t = await run(["reach", "--snapshot", dir, "--from", "shop/checkout", "--to", "shop/orders-svc", "--port", "80"]);
    expect(t.code).toBe(0);
    expect(t.out).toContain("TCP 8080: BLOCKED");
    expect(t.out).toContain("isolated by: shop/orders-ingress");
    expect(t.out).toContain("shop/orders:8080  blocked");
    const ip = JSON.parse((await run(["reach", "--snapshot", dir, "--from", "10.1.2.3", "--to", "shop/orders", "--port", "8080", "-o", "json"])).out);
    expect(ip.allowed).toBe(true);
    expect(ip.egress.decidedBy).toBe("outside-cluster");
  });

  it("--ipblock-matches-pods lets ipBlock rules match pod IPs", async () => {
    writeFileSync(path.join(dir, "pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: probe, namespace: shop}\nspec: {containers: [{name: c, image: x}]}\nstatus: {podIP: 10.9.9.9, podIPs: [{ip: 10.9.9.9}]}\n");
    const args = ["reach", "--snapshot", dir, "--from", "shop/probe", "--to", "shop/orders", "--port", "8080", "-o", "json"];
    expect(JSON.parse((await run(args)).out).allowed).toBe(false);
    expect(JSON.parse((await run([...args, "--ipblock-matches-pods"])).out).allowed).toBe(true);
    rmSync(path.join(dir, "pod.yaml"));
  });

  it("lists all allowed connections in netpol-analyzer's txt and json formats", async () => {
    const txt = await run(["reach", "--snapshot", dir, "--output", "txt"]);
    expect(txt.code).toBe(0);
    const lines = txt.out.trimEnd().split("\n");
    expect(lines).toContain("shop/checkout[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections");
    expect(lines).toContain("shop/checkout[Deployment] => shop/orders[Deployment] : TCP 9090");
    expect(lines).toContain("10.0.0.0-10.255.255.255[External] => shop/orders[Deployment] : All Connections");
    expect(lines).not.toContain("shop/orders[Deployment] => shop/orders[Deployment] : All Connections");
    expect([...lines].sort()).toEqual(lines);
    const json = JSON.parse((await run(["reach", "--snapshot", dir, "--output", "json"])).out);
    expect(json[0]).toEqual({ src: expect.any(String), dst: expect.any(String), conn: expect.any(String) });
    expect(json).toHaveLength(lines.length);
  });

  it("rejects incomplete or unknown queries with exit code 2", async () => {
    expect((await run(["reach", "--snapshot", dir, "--from", "shop/checkout"])).code).toBe(2);
    expect((await run(["reach", "--snapshot", dir, "--from", "shop/checkout", "--to", "shop/orders"])).err).toContain("--port is required");
    const unknown = await run(["reach", "--snapshot", dir, "--from", "shop/nope", "--to", "shop/orders", "--port", "80"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no pod or workload named "shop/nope"');
    expect((await run(["reach", "--snapshot", dir, "--from", "shop/checkout", "--to", "shop/orders", "--port", "80", "--protocol", "ICMP"])).code).toBe(2);
  });

  it("--netpol-analyzer applies its conventions: owner references as written, host-networked pods as ordinary pods", async () => {
    const na = mkdtempSync(path.join(tmpdir(), "clearance-reach-na-"));
    writeFileSync(
      path.join(na, "pods.yaml"),
      `apiVersion: v1
kind: Pod
metadata: {name: web-7d9f-abcde, namespace: shop, labels: {app: web}, ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-7d9f, uid: u1, controller: true}]}
spec: {containers: [{name: c, image: web:1}]}
status: {podIP: 10.1.0.5}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web-7d9f, namespace: shop, uid: u1, ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: u0, controller: true}]}
spec: {replicas: 1, selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: web:1}]}}}
---
apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: shop, labels: {app: agent}}
spec: {hostNetwork: true, containers: [{name: c, image: agent:1}]}
status: {podIP: 192.168.0.10}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress]}
`,
    );
    const ours = (await run(["reach", "--snapshot", na])).out.split("\n");
    const theirs = (await run(["reach", "--snapshot", na, "--netpol-analyzer"])).out.split("\n");
    rmSync(na, { recursive: true, force: true });
    // Ours: the host-networked pod is outside policy control (reachable despite deny-all ingress); pods fold into their top owner.
    expect(ours).toContain("0.0.0.0-255.255.255.255[External] => shop/agent[Pod] : All Connections");
    expect(ours).toContain("shop/web[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections");
    // netpol-analyzer's: deny-all selects the host-networked pod too, and the ReplicaSet names the workload.
    expect(theirs.join("\n")).not.toContain("=> shop/agent[Pod]");
    expect(theirs).toContain("shop/web-7d9f[ReplicaSet] => 0.0.0.0-255.255.255.255[External] : All Connections");
    expect((await run(["reach", "--snapshot", "/nonexistent", "--netpol-analyzer"])).code).toBe(2);
  });
});
