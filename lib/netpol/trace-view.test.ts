import { describe, expect, it } from "vitest";
import { traceFlow } from "./trace-view";
import { viewCluster } from "./views.fixture";

const { model, index } = viewCluster();
const trace = (from: string, to: string, port: number | string) => traceFlow(model, index, { from, to, port, protocol: "TCP" });

describe("trace a flow", () => {
  it("a blocked flow into payments: the isolating policies decide, the closest rule is named, none admits", () => {
    const t = trace("shop/orders", "payments/payments-db", 5432);
    expect(t.answer.allowed).toBe(false);
    expect(t.ingress.map((p) => [p.name, p.roles, p.deciding])).toEqual([
      ["default-deny-all", ["isolates"], true],
      ["payments-db-ingress", ["isolates", "closest"], true],
    ]);
    expect(t.ingress.find((p) => p.name === "payments-db-ingress")!.rules).toEqual([1]);
    // shop/orders' egress is open: only the admin policy selects it, without a matching rule
    expect(t.egress).toEqual([]);
    expect(t.highlight.sort()).toEqual(["policy:NetworkPolicy/payments/default-deny-all:ingress", "policy:NetworkPolicy/payments/payments-db-ingress:ingress"]);
    const flow = t.graph.edges.find((e) => e.id === "flow:edge")!;
    expect(flow).toMatchObject({ source: "flow:src", target: "flow:dst", label: "TCP 5432 blocked", classes: ["denied"] });
    expect(t.graph.edges.find((e) => e.source === "policy:NetworkPolicy/payments/payments-db-ingress:ingress")!.label).toBe("isolates ingress · closest: rule 1");
    expect(t.graph.nodes.find((n) => n.id === "flow:src")).toMatchObject({ column: 1, type: "Workload" });
    expect(t.graph.nodes.find((n) => n.id === "policy:NetworkPolicy/payments/default-deny-all:ingress")).toMatchObject({ column: 3, type: "Policy", classes: ["highlight"] });
  });

  it("an allowed flow: the admitting rule decides, isolation alone does not", () => {
    const t = trace("payments/payments-api", "payments/payments-db", 5432);
    expect(t.answer.allowed).toBe(true);
    expect(t.egress.filter((p) => p.deciding).map((p) => [p.name, p.roles, p.rules])).toEqual([["payments-api-egress", ["isolates", "admits"], [1]]]);
    expect(t.egress.find((p) => p.name === "default-deny-all")!.deciding).toBe(false);
    expect(t.graph.edges.find((e) => e.id === "flow:edge")!.classes).toEqual(["allowed"]);
  });

  it("an admin deny and a baseline deny each decide alone", () => {
    const meta = trace("data/reports", "169.254.169.254", 80);
    expect(meta.answer.allowed).toBe(false);
    expect(meta.egress).toEqual([expect.objectContaining({ id: "AdminNetworkPolicy/deny-cloud-metadata-egress", roles: ["admin"], deciding: true })]);
    expect(meta.graph.nodes.find((n) => n.id === "flow:dst")!.type).toBe("External");
    const base = trace("shop/orders", "data/reports", 3000);
    expect(base.answer.allowed).toBe(false);
    expect(base.ingress).toEqual([expect.objectContaining({ id: "BaselineAdminNetworkPolicy/default", roles: ["baseline"], deciding: true })]);
  });

  it("a Service destination keeps its name and the backend it was resolved to", () => {
    const t = trace("ingress-nginx/ingress-nginx-controller", "data/service/reports", 80);
    expect(t.answer.allowed).toBe(true);
    expect(t.answer.service?.backends.map((b) => b.port)).toEqual([3000]);
    expect(t.graph.nodes.find((n) => n.id === "flow:dst")!.label).toBe("data/service/reports → data/reports");
  });

  it("names what it could not find", () => {
    expect(() => trace("shop/nope", "payments/payments-db", 5432)).toThrow(/no pod or workload named "shop\/nope"/);
  });
});
