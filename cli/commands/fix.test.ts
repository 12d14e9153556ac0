import { describe, expect, it } from "vitest";
import type { FlowFix } from "../../lib/fix/flow";
import type { RbacFix } from "../../lib/fix/rbac";
import { bufferIO } from "../io";
import { main } from "../main";

async function run(args: string[]) {
  const io = bufferIO({});
  const code = await main(args, io);
  return { code, out: io.stdout.join("\n"), err: io.stderr.join("\n") };
}

describe("clearance fix", () => {
  it("fix grant: alternatives narrowest first, each with who loses what and its draft", async () => {
    const r = await run(["fix", "grant", "--subject", "Group/acme:oncall", "--verb", "create", "--resource", "pods/exec", "-n", "payments", "--demo", "-o", "json"]);
    expect(r.code).toBe(0);
    const fix = JSON.parse(r.out) as RbacFix;
    expect(fix.alternatives.map((a) => [a.kind, a.collateral])).toEqual([["own-role", 0], ["narrow-rules", 1], ["unbind", expect.any(Number)]]);
    const yaml = await run(["fix", "grant", "--subject", "Group/acme:oncall", "--verb", "create", "--resource", "pods/exec", "-n", "payments", "demo", "-o", "yaml"]);
    expect(yaml.out).toBe(fix.alternatives[0].yaml);
  });

  it("fix finding: a workload's Pod Security finding gets the patch to its Deployment", async () => {
    const scan = JSON.parse((await run(["scan", "--demo", "--format", "json"])).out) as { findings: { id: string; rule: string }[] };
    const privileged = scan.findings.find((f) => f.rule === "PSS-privileged")!;
    const r = await run(["fix", "finding", privileged.id, "--demo"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Pod Security privileged → baseline \(target baseline\)/);
    expect(r.out).toMatch(/Apply: kubectl patch \w+ \S+ -n \S+ --type strategic --patch-file/);
    expect(r.out).toContain("# clearance: patch");
  });

  it("fix flow: the blocked orders → payments-db flow, the rule that opens nothing else first", async () => {
    const args = ["fix", "flow", "--from", "shop-backend/orders", "--to", "payments/payments-db", "--port", "5432", "--demo"];
    const text = await run(args);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^shop-backend\/orders\[Deployment\] → payments\/payments-db\[StatefulSet\] TCP 5432: blocked/);
    expect(text.out).toContain("1. add an ingress rule to NetworkPolicy payments/payments-db-ingress — opens nothing else");
    expect(text.out).toContain("Also opens:");
    const fix = JSON.parse((await run([...args, "-o", "json"])).out) as FlowFix;
    expect(fix.alternatives[0]).toMatchObject({ admits: true, opened: [], closed: [], draft: true });
    expect((await run([...args, "-o", "yaml"])).out).toBe(fix.alternatives[0].yaml);
    expect((await run(["fix", "flow", "--from", "shop-backend/orders", "--to", "payments/nope", "--port", "5432", "--demo"])).err).toMatch(/no pod, workload or service named "payments\/nope"/);
  });

  it("fix flow under the CNI's own policies: the demo's Calico security tier, and a Cilium deny rule of the Cilium variant", async () => {
    const calico = JSON.parse((await run(["fix", "flow", "--from", "shop-backend/orders", "--to", "198.51.100.7", "--port", "443", "--demo", "-o", "json"])).out) as FlowFix;
    expect(calico.alternatives.map((a) => [a.title, a.opened.length])).toEqual([
      ["an Allow rule in GlobalNetworkPolicy security.block-threat-feed (tier security) before rule 1, which denies it", 0],
      ["a Pass rule in GlobalNetworkPolicy security.block-threat-feed (tier security) before rule 1, which denies it", 0],
    ]);
    expect(calico.alternatives[0].owners).toEqual(["the owners of Calico tier security (GlobalNetworkPolicy security.block-threat-feed)"]);
    const cilium = await run(["fix", "flow", "--from", "shop-frontend/web", "--to", "payments/payments-db", "--port", "5432", "--demo-variant", "cilium"]);
    expect(cilium.out).toContain("1. leave shop-frontend/web[Deployment] on TCP 5432 out of the deny rule spec.ingressDeny[0] of CiliumClusterwideNetworkPolicy deny-storefront-to-data-stores; and add an ingress rule to NetworkPolicy payments/payments-db-ingress — opens nothing else");
    expect(cilium.out).toContain("Note: In Cilium a deny rule wins over every allow rule");
  });

  it("says what is wrong with its input", async () => {
    expect((await run(["fix", "finding", "NOPE-1", "--demo"])).err).toMatch(/no finding NOPE-1 in Demo cluster/);
    expect((await run(["fix", "grant", "--subject", "alice", "--verb", "get", "--resource", "pods", "--demo"])).err).toMatch(/write User\/NAME, Group\/NAME or ServiceAccount/);
    expect((await run(["fix", "grant", "--subject", "User/nobody", "--verb", "get", "--resource", "pods", "--demo"])).err).toMatch(/User "nobody" is not granted get pods cluster-wide/);
    expect((await run(["fix", "nothing"])).code).toBe(2);
  });
});
