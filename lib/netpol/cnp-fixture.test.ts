import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { connlist } from "./connlist";
import { networkDiagnostics } from "./diagnostics";
import { snapshotOf } from "./fixtures";
import { buildNetworkModel } from "./model";
import { buildReachability } from "./reachability";
import { buildFlowIndex, explainQuery } from "./resolve";

// The fixture bin/clearance reads with `reach --snapshot lib/netpol/fixtures/cnp` (see its README).
const DIR = path.join(import.meta.dirname, "fixtures/cnp");
const objects = readdirSync(DIR)
  .filter((f) => f.endsWith(".yaml"))
  .flatMap((f) => parseAllDocuments(readFileSync(path.join(DIR, f), "utf8")).map((d) => d.toJS() as Record<string, unknown>));
const model = buildNetworkModel(snapshotOf(objects));
const index = buildFlowIndex(model);
const ask = (from: string, to: string, port: number | string) => explainQuery(model, index, { from, to, port, protocol: "TCP" });

const CHECKOUT = "shop/checkout-5f6c8-q4wzl";
const WEB = "shop/web-7d4b9-x2kqp";
const LEDGER = "payments/ledger-66b9d-7hj2c";

describe("the ClusterNetworkPolicy fixture", () => {
  it("loads every CNP of both tiers in evaluation order", () => {
    expect(model.admin.map((p) => `${p.name}@${p.priority}`)).toEqual(["platform-essentials@10", "pci-isolation@20"]);
    expect(model.baseline.map((p) => `${p.name}@${p.priority}`)).toEqual(["default-deny-ingress@100"]);
    expect(networkDiagnostics(buildReachability(model)).filter((d) => d.code === "anp-same-priority")).toEqual([]);
  });

  it("answers the README's questions", () => {
    expect(ask(CHECKOUT, "payments/service/ledger", "grpc")).toMatchObject({ allowed: true, ingress: { decidedBy: "network-policy", adminRule: { name: "checkout-decides", action: "Pass" } } });
    expect(ask(WEB, LEDGER, 9000)).toMatchObject({ allowed: false, ingress: { decidedBy: "admin", adminRule: { policy: "pci-isolation", name: "nobody-else", action: "Deny" } } });
    expect(ask("monitoring/prometheus-0", LEDGER, 9464)).toMatchObject({ allowed: true, ingress: { decidedBy: "admin", adminRule: { policy: "platform-essentials", action: "Accept" } } });
    expect(ask(CHECKOUT, "monitoring/prometheus-0", 9090)).toMatchObject({ allowed: false, ingress: { decidedBy: "baseline", baselineRule: { policy: "default-deny-ingress", tier: "Baseline" } } });
    expect(ask(LEDGER, "54.187.174.169", 443)).toMatchObject({ allowed: false, undecidable: true });
    expect(ask(LEDGER, "203.0.113.10", 443)).toMatchObject({ allowed: true, egress: { adminRule: { name: "card-processor" } } });
  });

  it("lists the ledger's egress as the admins wrote it: DNS and the card processor, nothing else", () => {
    const fromLedger = connlist(buildReachability(model)).filter((e) => e.src.startsWith("payments/"));
    expect(fromLedger.map((e) => `${e.dst} : ${e.conn}`)).toEqual(["203.0.113.0-203.0.113.255[External] : TCP 443", "kube-system/coredns-7db6d-4vx9n[Pod] : TCP 53,UDP 53"]);
  });
});
