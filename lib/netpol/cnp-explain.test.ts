import { describe, expect, it } from "vitest";
import type { Protocol } from "../model/types";
import { baselineAdminNetworkPolicy, clusterNetworkPolicy, deployment, namespace, networkPolicy, snapshotOf } from "./fixtures";
import { reachJson, reachText } from "./format";
import { buildNetworkModel } from "./model";
import { buildFlowIndex, explainQuery } from "./resolve";

type Raw = Record<string, unknown>;

const cluster = [
  namespace("shop", { team: "shop" }),
  namespace("payments", { team: "payments" }),
  deployment("shop", "checkout", { app: "checkout" }),
  deployment("payments", "ledger", { app: "ledger" }, { ports: [{ name: "grpc", containerPort: 9000 }] }),
  networkPolicy("payments", "ledger-in", { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "shop" } } }], ports: [{ port: 9000 }] }] }),
];

const guard = clusterNetworkPolicy("guard", "Admin", 10, {
  subject: { namespaces: { matchLabels: { team: "payments" } } },
  ingress: [
    { name: "pass-shop", action: "Pass", from: [{ namespaces: { matchLabels: { team: "shop" } } }], protocols: [{ destinationNamedPort: "grpc" }] },
    { name: "deny-rest", action: "Deny", from: [{ namespaces: {} }] },
  ],
});

function ask(objects: Raw[], from: string, to: string, port: number, protocol: Protocol = "TCP") {
  const model = buildNetworkModel(snapshotOf(objects));
  return explainQuery(model, buildFlowIndex(model), { from, to, port, protocol });
}

describe("explain with ClusterNetworkPolicy", () => {
  it("names the deciding Admin rule: kind, name, tier, priority, rule number, action", () => {
    const a = ask([...cluster, guard], "shop/checkout", "payments/ledger", 9100);
    expect(a.allowed).toBe(false);
    expect(a.ingress).toMatchObject({ decidedBy: "admin", adminPolicies: ["guard (Admin, priority 10)"], adminRule: { kind: "ClusterNetworkPolicy", policy: "guard", tier: "Admin", priority: 10, index: 1, name: "deny-rest", action: "Deny", path: "spec.ingress[1]" } });
    expect(a.ingress.reason).toBe('ClusterNetworkPolicy guard (Admin, priority 10) rule 2 "deny-rest" (spec.ingress[1]) Deny → denies TCP 9100 from shop/checkout; it overrides NetworkPolicy');
    expect(reachJson(a).ingress.policies).toEqual(["ClusterNetworkPolicy guard"]);
  });

  it("shows a Pass handing the flow to NetworkPolicy, in the reason and in the text", () => {
    const a = ask([...cluster, guard], "shop/checkout", "payments/ledger", 9000);
    expect(a.allowed).toBe(true);
    expect(a.ingress).toMatchObject({ decidedBy: "network-policy", adminRule: { action: "Pass", name: "pass-shop" }, allowedBy: [{ policy: "ledger-in" }] });
    expect(a.ingress.reason).toMatch(/^ClusterNetworkPolicy guard \(Admin, priority 10\) rule 1 "pass-shop" \(spec\.ingress\[0\]\) Pass → passes it to NetworkPolicy; isolated for Ingress by payments\/ledger-in; rule 1 of payments\/ledger-in allows TCP 9000/);
    expect(reachText(a)).toContain('ClusterNetworkPolicy guard (Admin, priority 10) rule 1 "pass-shop" passes it to NetworkPolicy');
  });

  it("walks to the Baseline tier for pods no NetworkPolicy isolates; a Baseline Pass ends in the default", () => {
    const baseline = clusterNetworkPolicy("zero-trust", "Baseline", 50, {
      subject: { namespaces: {} },
      egress: [
        { action: "Pass", to: [{ pods: { namespaceSelector: { matchLabels: { team: "payments" } }, podSelector: {} } }], protocols: [{ tcp: { destinationPort: { range: { start: 9000, end: 9010 } } } }] },
        { action: "Deny", to: [{ namespaces: {} }] },
      ],
    });
    const denied = ask([...cluster, baseline], "shop/checkout", "payments/ledger", 8080);
    expect(denied.egress).toMatchObject({ allowed: false, decidedBy: "baseline", baselineRule: { kind: "ClusterNetworkPolicy", tier: "Baseline", priority: 50, index: 1, action: "Deny" } });
    expect(denied.egress.reason).toBe("no NetworkPolicy selects shop/checkout for Egress; ClusterNetworkPolicy zero-trust (Baseline, priority 50) rule 2 (spec.egress[1]) Deny → denies TCP 8080 to payments/ledger");
    const passed = ask([...cluster, baseline, baselineAdminNetworkPolicy({ subject: { namespaces: {} }, egress: [{ name: "deny", action: "Deny", to: [{ namespaces: {} }] }] })], "shop/checkout", "payments/ledger", 9000);
    expect(passed.egress).toMatchObject({ allowed: true, decidedBy: "default", baselineRule: { action: "Pass" } });
    expect(passed.egress.reason).toContain("ClusterNetworkPolicy zero-trust (Baseline, priority 50) rule 1 (spec.egress[0]) Pass → passes TCP 9000 to payments/ledger on to the default: allowed");
  });

  it("calls a flow undecidable when only a domainNames rule could accept it, and never allows it", () => {
    const allowlist = clusterNetworkPolicy("egress-allowlist", "Admin", 1, {
      subject: { namespaces: { matchLabels: { team: "shop" } } },
      egress: [
        { name: "github", action: "Accept", to: [{ domainNames: ["*.github.com"] }], protocols: [{ tcp: { destinationPort: { number: 443 } } }] },
        { name: "dns", action: "Accept", to: [{ networks: ["10.96.0.10/32"] }] },
        { name: "rest", action: "Deny", to: [{ networks: ["0.0.0.0/0"] }] },
      ],
    });
    const a = ask([...cluster, allowlist], "shop/checkout", "140.82.112.3", 443);
    expect(a.allowed).toBe(false);
    expect(a.undecidable).toBe(true);
    expect(a.egress.decidedBy).toBe("admin");
    expect(a.egress.undecidable?.map((u) => u.rule.name)).toEqual(["github"]);
    expect(a.egress.undecidable?.[0].reason).toBe(
      'ClusterNetworkPolicy egress-allowlist (Admin, priority 1) rule 1 "github" (spec.egress[0]) Accept → accepts domain names *.github.com: whether 140.82.112.3 is one of them is up to DNS when the traffic flows, which a snapshot does not record; the verdict assumes it is not',
    );
    const text = reachText(a);
    expect(text.split("\n")[0]).toBe("shop/checkout -> 140.82.112.3 TCP 443: BLOCKED (undecidable: depends on DNS)");
    expect(text).toContain("  undecidable: ClusterNetworkPolicy egress-allowlist");
    expect(reachJson(a).egress.undecidable?.map((u) => u.rule.policy)).toEqual(["egress-allowlist"]);
    // another port: the domain rule does not apply, so the verdict is certain
    expect(ask([...cluster, allowlist], "shop/checkout", "140.82.112.3", 80).undecidable).toBeUndefined();
    // allowed anyway: nothing to decide
    expect(ask([...cluster, allowlist], "shop/checkout", "10.96.0.10", 443)).toMatchObject({ allowed: true, egress: { adminRule: { name: "dns" } } });
    expect(ask([...cluster, allowlist], "shop/checkout", "10.96.0.10", 443).egress.undecidable).toBeUndefined();
    // towards a pod the names are not consulted
    expect(ask([...cluster, allowlist], "shop/checkout", "payments/ledger", 443).undecidable).toBeUndefined();
  });

  it("says when a rule failed closed", () => {
    const future = clusterNetworkPolicy("future", "Admin", 3, { subject: { namespaces: { matchLabels: { team: "payments" } } }, ingress: [{ action: "Pass", from: [{ serviceAccounts: { name: "x" } }] }] });
    const a = ask([...cluster, future], "shop/checkout", "payments/ledger", 9000);
    expect(a.allowed).toBe(false);
    expect(a.ingress.reason).toContain('Deny → denies TCP 9000 from shop/checkout; it overrides NetworkPolicy (the rule names peer fields this version does not know: serviceAccounts; as the API requires it fails closed, as "Deny all")');
  });
});
