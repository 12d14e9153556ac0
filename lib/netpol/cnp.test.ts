import { describe, expect, it } from "vitest";
import type { Pod } from "../model/types";
import { networkDiagnostics } from "./diagnostics";
import { allowedConnections } from "./evaluate";
import { blockOf } from "./externals";
import { findingsOf } from "./findings";
import { adminNetworkPolicy, baselineAdminNetworkPolicy, clusterNetworkPolicy, namespace, networkPolicy, pod, snapshotOf } from "./fixtures";
import { buildNetworkModel } from "./model";
import { ipEndpoint, podEndpoint, type Endpoint } from "./peers";
import { buildReachability } from "./reachability";

type Raw = Record<string, unknown>;

/**
 * A small world evaluated by both engines: `conn` asks the oracle and checks that the class-based
 * fast path gives the same answer for the same pair.
 */
function world(objects: Raw[]) {
  const model = buildNetworkModel(snapshotOf(objects));
  const reach = buildReachability(model);
  const find = (ref: string): Endpoint => {
    if (!ref.includes("/")) return ipEndpoint(ref);
    const [ns, name] = ref.split("/");
    const p = model.pods.find((x: Pod) => x.namespace === ns && x.name === name);
    if (!p) throw new Error(`no pod ${ref}`);
    return podEndpoint(p);
  };
  const fast = (a: Endpoint, b: Endpoint): string | undefined => {
    if (a.kind === "pod" && b.kind === "pod") return reach.pods(a.pod, b.pod).toString();
    if (a.kind === "pod" && b.kind === "ip") {
      const i = blockOf(reach.externals.destinations, b.ip);
      return i === undefined ? undefined : reach.between({ kind: "class", id: reach.classOf.get(a.pod)!.id }, { kind: "destination", index: i }).toString();
    }
    if (a.kind === "ip" && b.kind === "pod") {
      const i = blockOf(reach.externals.sources, a.ip);
      return i === undefined ? undefined : reach.between({ kind: "source", index: i }, { kind: "class", id: reach.classOf.get(b.pod)!.id }).toString();
    }
    return undefined;
  };
  return {
    model,
    reach,
    conn(src: string, dst: string): string {
      const a = find(src);
      const b = find(dst);
      const oracle = allowedConnections(model, a, b).toString();
      const f = fast(a, b);
      if (f !== undefined) expect(f, `fast path ${src} -> ${dst}`).toBe(oracle);
      return oracle;
    },
  };
}

const ALL = "All Connections";
const NONE = "No Connections";

const base = [
  namespace("shop", { team: "shop" }),
  namespace("payments", { team: "payments" }),
  namespace("monitoring", { team: "monitoring" }),
  pod("shop", "web", { app: "web" }, { ip: "10.1.0.1", ports: [{ name: "http", containerPort: 8080 }] }),
  pod("shop", "api", { app: "api" }, { ip: "10.1.0.2", ports: [{ name: "http", containerPort: 9000 }, { name: "dns", containerPort: 53, protocol: "UDP" }] }),
  pod("payments", "ledger", { app: "ledger" }, { ip: "10.2.0.1", ports: [{ name: "grpc", containerPort: 7000 }] }),
  pod("monitoring", "prom", { app: "prom" }, { ip: "10.3.0.1" }),
];

const cnp = clusterNetworkPolicy;
const fromShop = { namespaces: { matchLabels: { team: "shop" } } };

describe("ClusterNetworkPolicy tiers (oracle and fast path)", () => {
  it("Admin tier: priority orders CNPs among themselves and with AdminNetworkPolicies (lower first)", () => {
    const denyCnp = cnp("deny-shop", "Admin", 20, { subject: { namespaces: {} }, ingress: [{ action: "Deny", from: [fromShop] }] });
    const allowAnp = adminNetworkPolicy("allow-shop", 10, { subject: { namespaces: {} }, ingress: [{ name: "a", action: "Allow", from: [{ namespaces: { matchLabels: { team: "shop" } } }] }] });
    const denyNp = networkPolicy("payments", "deny", { podSelector: {} });
    expect(world([...base, denyCnp]).conn("shop/web", "payments/ledger")).toBe(NONE);
    expect(world([...base, denyCnp, allowAnp, denyNp]).conn("shop/web", "payments/ledger")).toBe(ALL); // ANP 10 before CNP 20
    const acceptCnp = cnp("accept-shop", "Admin", 5, { subject: { namespaces: {} }, ingress: [{ action: "Accept", from: [fromShop], protocols: [{ tcp: { destinationPort: { number: 7000 } } }] }] });
    const w = world([...base, denyCnp, acceptCnp]);
    expect(w.conn("shop/web", "payments/ledger")).toBe("TCP 7000"); // Accept at 5 wins for its port, Deny at 20 takes the rest
    expect(w.conn("monitoring/prom", "payments/ledger")).toBe(ALL);
  });

  it("Deny beats a NetworkPolicy allow; Accept beats a NetworkPolicy deny", () => {
    const allowNp = networkPolicy("payments", "allow-shop", { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "shop" } } }] }] });
    const deny = cnp("deny", "Admin", 1, { subject: { namespaces: { matchLabels: { team: "payments" } } }, ingress: [{ action: "Deny", from: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: "web" } } } }] }] });
    const w = world([...base, allowNp, deny]);
    expect(w.conn("shop/web", "payments/ledger")).toBe(NONE);
    expect(w.conn("shop/api", "payments/ledger")).toBe(ALL);
    expect(w.conn("monitoring/prom", "payments/ledger")).toBe(NONE); // the NetworkPolicy isolates
    const accept = cnp("monitoring-in", "Admin", 2, { subject: { namespaces: {} }, ingress: [{ action: "Accept", from: [{ namespaces: { matchLabels: { team: "monitoring" } } }] }] });
    expect(world([...base, allowNp, accept]).conn("monitoring/prom", "payments/ledger")).toBe(ALL);
  });

  it("Pass hands the traffic to NetworkPolicy, then to the Baseline tier", () => {
    const pass = cnp("delegate", "Admin", 1, {
      subject: { namespaces: {} },
      ingress: [
        { action: "Pass", from: [fromShop] },
        { action: "Deny", from: [{ namespaces: {} }] },
      ],
    });
    expect(world([...base, pass]).conn("shop/web", "payments/ledger")).toBe(ALL); // passed, nothing else: default allow
    expect(world([...base, pass]).conn("monitoring/prom", "payments/ledger")).toBe(NONE);
    const npAllow = networkPolicy("payments", "grpc-only", { podSelector: {}, ingress: [{ ports: [{ port: 7000 }] }] });
    expect(world([...base, pass, npAllow]).conn("shop/web", "payments/ledger")).toBe("TCP 7000");
    const baselineDeny = cnp("default-deny", "Baseline", 100, { subject: { namespaces: {} }, ingress: [{ action: "Deny", from: [{ namespaces: {} }] }] });
    expect(world([...base, pass, baselineDeny]).conn("shop/web", "payments/ledger")).toBe(NONE);
    expect(world([...base, pass, baselineDeny, npAllow]).conn("shop/web", "payments/ledger")).toBe("TCP 7000");
  });

  it("Baseline applies only to pods no NetworkPolicy isolates, after it", () => {
    const baselineDeny = cnp("default-deny", "Baseline", 0, { subject: { namespaces: {} }, ingress: [{ action: "Deny", from: [{ namespaces: {} }] }] });
    const npAllow = networkPolicy("payments", "allow-all", { podSelector: {}, ingress: [{}] });
    const w = world([...base, baselineDeny, npAllow]);
    expect(w.conn("shop/web", "payments/ledger")).toBe(ALL); // NetworkPolicy decides
    expect(w.conn("payments/ledger", "shop/web")).toBe(NONE); // not isolated: the baseline decides
    const baselineAccept = cnp("accept", "Baseline", 0, { subject: { namespaces: {} }, ingress: [{ action: "Accept", from: [{ namespaces: {} }] }] });
    expect(world([...base, baselineAccept, networkPolicy("payments", "deny", { podSelector: {} })]).conn("shop/web", "payments/ledger")).toBe(NONE);
  });

  it("Baseline tier: priority order, Pass goes to the default (allowed), the BaselineAdminNetworkPolicy comes last", () => {
    const passShop = cnp("b-pass", "Baseline", 1, { subject: { namespaces: {} }, ingress: [{ action: "Pass", from: [fromShop] }] });
    const denyAll = cnp("b-deny", "Baseline", 2, { subject: { namespaces: {} }, ingress: [{ action: "Deny", from: [{ namespaces: {} }] }] });
    const w = world([...base, denyAll, passShop]);
    expect(w.conn("shop/web", "payments/ledger")).toBe(ALL);
    expect(w.conn("monitoring/prom", "payments/ledger")).toBe(NONE);
    const banpAllow = baselineAdminNetworkPolicy({ subject: { namespaces: {} }, ingress: [{ name: "allow", action: "Allow", from: [{ namespaces: {} }] }] });
    expect(world([...base, denyAll, banpAllow]).conn("monitoring/prom", "payments/ledger")).toBe(NONE);
    const banpDeny = baselineAdminNetworkPolicy({ subject: { namespaces: {} }, ingress: [{ name: "deny", action: "Deny", from: [{ namespaces: {} }] }] });
    expect(world([...base, passShop, banpDeny]).conn("shop/web", "payments/ledger")).toBe(ALL); // passed to the default before the BANP
    expect(world([...base, passShop, banpDeny]).conn("monitoring/prom", "payments/ledger")).toBe(NONE);
  });

  it("networks peers match pod IPs as well as outside addresses", () => {
    const deny = cnp("no-10-2", "Admin", 1, { subject: { namespaces: { matchLabels: { team: "shop" } } }, egress: [{ action: "Deny", to: [{ networks: ["10.2.0.0/16", "8.8.8.0/24"] }] }] });
    const w = world([...base, deny]);
    expect(w.conn("shop/web", "payments/ledger")).toBe(NONE);
    expect(w.conn("shop/web", "8.8.8.8")).toBe(NONE);
    expect(w.conn("shop/web", "8.8.4.4")).toBe(ALL);
    expect(w.conn("shop/web", "monitoring/prom")).toBe(ALL);
    expect(w.conn("monitoring/prom", "payments/ledger")).toBe(ALL); // not a subject
  });

  it("destinationNamedPort resolves on each destination pod, with that port's own protocol", () => {
    const acceptHttp = cnp("http-only", "Admin", 1, {
      subject: { namespaces: { matchLabels: { team: "shop" } } },
      ingress: [
        { action: "Accept", from: [{ namespaces: {} }], protocols: [{ destinationNamedPort: "http" }, { destinationNamedPort: "dns" }] },
        { action: "Deny", from: [{ namespaces: {} }] },
      ],
    });
    const w = world([...base, acceptHttp]);
    expect(w.conn("monitoring/prom", "shop/web")).toBe("TCP 8080");
    expect(w.conn("monitoring/prom", "shop/api")).toBe("TCP 9000,UDP 53");
    expect(w.conn("10.9.9.9", "shop/web")).toBe(ALL); // outside sources match no namespaces peer
  });

  it("port ranges are inclusive at both ends and per protocol", () => {
    const deny = cnp("no-high", "Admin", 1, { subject: { namespaces: {} }, egress: [{ action: "Deny", to: [{ namespaces: {} }], protocols: [{ tcp: { destinationPort: { range: { start: 8000, end: 8999 } } } }, { udp: { destinationPort: { number: 53 } } }] }] });
    const w = world([...base, deny]);
    expect(w.conn("shop/api", "shop/web")).toBe("SCTP 1-65535,TCP 1-7999,9000-65535,UDP 1-52,54-65535");
  });

  it("domainNames never admit IP traffic: the lower-precedence Deny decides", () => {
    const allowlist = cnp("egress-allowlist", "Admin", 1, {
      subject: { namespaces: { matchLabels: { team: "shop" } } },
      egress: [
        { action: "Pass", to: [{ namespaces: {} }] },
        { action: "Accept", to: [{ domainNames: ["*.github.com"] }] },
        { action: "Deny", to: [{ networks: ["0.0.0.0/0"] }] },
      ],
    });
    const w = world([...base, allowlist]);
    expect(w.conn("shop/web", "140.82.112.3")).toBe(NONE);
    expect(w.conn("shop/web", "payments/ledger")).toBe(ALL); // passed before the allowlist
  });

  it("host-networked pods are neither subjects nor pod peers", () => {
    const objs = [...base, pod("shop", "agent", { app: "web" }, { hostNetwork: true, ip: "192.168.0.5", hostIP: "192.168.0.5" })];
    const deny = cnp("deny-all", "Admin", 1, { subject: { namespaces: {} }, ingress: [{ action: "Deny", from: [{ namespaces: {} }] }], egress: [{ action: "Deny", to: [{ namespaces: {} }] }] });
    const w = world([...objs, deny]);
    expect(w.conn("shop/agent", "8.8.8.8")).toBe(ALL); // not a subject
    expect(w.conn("shop/web", "shop/agent")).toBe(ALL); // the agent is not a pod peer, and not a subject
    expect(w.conn("shop/agent", "payments/ledger")).toBe(ALL); // its traffic comes from the node: no namespaces peer matches it
    const byNetwork = cnp("deny-nodes", "Admin", 1, { subject: { namespaces: {} }, egress: [{ action: "Deny", to: [{ networks: ["192.168.0.0/16"] }] }] });
    expect(world([...objs, byNetwork]).conn("shop/web", "shop/agent")).toBe(NONE); // but its node address is in the network
  });

  it("a Deny or Pass rule with a peer of an unknown newer kind denies everything; such an Accept rule matches nothing", () => {
    const future = { serviceAccounts: { name: "x" } };
    const pass = cnp("future-pass", "Admin", 1, { subject: { namespaces: { matchLabels: { team: "payments" } } }, ingress: [{ action: "Pass", from: [future], protocols: [{ tcp: { destinationPort: { number: 1 } } }] }] });
    const w = world([...base, pass]);
    expect(w.conn("shop/web", "payments/ledger")).toBe(NONE);
    expect(w.conn("10.9.9.9", "payments/ledger")).toBe(NONE);
    expect(w.conn("payments/ledger", "shop/web")).toBe(ALL);
    const accept = cnp("future-accept", "Admin", 1, { subject: { namespaces: { matchLabels: { team: "payments" } } }, ingress: [{ action: "Accept", from: [future, fromShop] }] });
    expect(world([...base, accept, networkPolicy("payments", "deny", { podSelector: {} })]).conn("shop/web", "payments/ledger")).toBe(NONE);
  });

  it("reports policies of one tier sharing a priority (NP11), ANP and CNP alike, and a BANP beside Baseline CNPs", () => {
    const s = [
      ...base,
      adminNetworkPolicy("a-anp", 10, { subject: { namespaces: {} }, ingress: [] }),
      cnp("b-cnp", "Admin", 10, { subject: { namespaces: {} } }),
      cnp("c-cnp", "Baseline", 10, { subject: { namespaces: {} } }),
      cnp("d-cnp", "Baseline", 10, { subject: { namespaces: {} } }),
      baselineAdminNetworkPolicy({ subject: { namespaces: {} } }),
    ];
    const reach = buildReachability(buildNetworkModel(snapshotOf(s)));
    expect(reach.model.admin.map((p) => p.name)).toEqual(["a-anp", "b-cnp"]);
    expect(reach.model.baseline.map((p) => `${p.kind}/${p.name}`)).toEqual(["ClusterNetworkPolicy/c-cnp", "ClusterNetworkPolicy/d-cnp", "BaselineAdminNetworkPolicy/default"]);
    const d = networkDiagnostics(reach).filter((x) => x.code === "anp-same-priority" || x.code === "baseline-order");
    expect(d.map((x) => x.message)).toEqual([
      "AdminNetworkPolicy a-anp, ClusterNetworkPolicy b-cnp share priority 10 in the Admin tier; their order is undefined (evaluated here by name)",
      "ClusterNetworkPolicy c-cnp, ClusterNetworkPolicy d-cnp share priority 10 in the Baseline tier; their order is undefined (evaluated here by name)",
      "BaselineAdminNetworkPolicy default and Baseline-tier ClusterNetworkPolicies c-cnp, d-cnp both apply after NetworkPolicy; no API orders them against each other (evaluated here with the ClusterNetworkPolicies first)",
    ]);
    const np11 = findingsOf(reach).filter((f) => f.rule === "NP11");
    expect(np11.map((f) => f.resources.map((r) => `${r.kind}/${r.name}`))).toEqual([
      ["AdminNetworkPolicy/a-anp", "ClusterNetworkPolicy/b-cnp"],
      ["ClusterNetworkPolicy/c-cnp", "ClusterNetworkPolicy/d-cnp"],
    ]);
  });
});
