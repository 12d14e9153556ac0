import { describe, expect, it } from "vitest";
import type { Pod } from "../model/types";
import { ALL, NONE } from "./connset";
import { allowedConnections } from "./evaluate";
import { adminNetworkPolicy, baselineAdminNetworkPolicy, namespace, networkPolicy, pod, snapshotOf } from "./fixtures";
import { buildNetworkModel, type EngineOptions } from "./model";
import { ipEndpoint, podEndpoint, type Endpoint } from "./peers";

type Raw = Record<string, unknown>;

function world(objects: Raw[], options: Partial<EngineOptions> = {}) {
  const model = buildNetworkModel(snapshotOf(objects), options);
  const find = (ref: string): Endpoint => {
    if (!ref.includes("/")) return ipEndpoint(ref);
    const [ns, name] = ref.split("/");
    const p = model.pods.find((x: Pod) => x.namespace === ns && x.name === name);
    if (!p) throw new Error(`no pod ${ref}`);
    return podEndpoint(p);
  };
  return { model, conn: (src: string, dst: string) => allowedConnections(model, find(src), find(dst)).toString() };
}

const base = [
  namespace("a", { team: "a" }),
  namespace("b", { team: "b" }),
  pod("a", "web", { app: "web" }, { ip: "10.1.0.1", ports: [{ name: "http", containerPort: 8080 }, { name: "dns", containerPort: 53, protocol: "UDP" }] }),
  pod("a", "db", { app: "db" }, { ip: "10.1.0.2", ports: [{ name: "http", containerPort: 9090 }] }),
  pod("b", "client", { app: "client" }, { ip: "10.2.0.1" }),
  pod("b", "web", { app: "web" }, { ip: "10.2.0.2" }),
];

const denyIngress = (ns: string) => networkPolicy(ns, "deny-ingress", { podSelector: {} });

describe("NetworkPolicy v1 semantics (oracle)", () => {
  it("allows everything without policies, including to and from outside", () => {
    const w = world(base);
    expect(w.conn("b/client", "a/web")).toBe("All Connections");
    expect(w.conn("8.8.8.8", "a/web")).toBe("All Connections");
    expect(w.conn("a/web", "8.8.8.8")).toBe("All Connections");
  });

  it("isolates per direction, only pods of the policy's namespace, and never a pod from itself", () => {
    const w = world([...base, denyIngress("a")]);
    expect(w.conn("b/client", "a/web")).toBe("No Connections");
    expect(w.conn("a/db", "a/web")).toBe("No Connections");
    expect(w.conn("a/web", "a/web")).toBe("All Connections");
    expect(w.conn("a/web", "b/client")).toBe("All Connections"); // egress not isolated
    expect(w.conn("a/web", "b/web")).toBe("All Connections");
  });

  it("defaults policyTypes: egress: [] alone does not isolate egress; listed Egress without rules denies", () => {
    const w1 = world([...base, networkPolicy("a", "p", { podSelector: {}, ingress: [{}], egress: [] })]);
    expect(w1.conn("a/web", "b/client")).toBe("All Connections");
    const w2 = world([...base, networkPolicy("a", "p", { podSelector: {}, policyTypes: ["Egress"] })]);
    expect(w2.conn("a/web", "b/client")).toBe("No Connections");
    expect(w2.conn("b/client", "a/web")).toBe("All Connections");
    const w3 = world([...base, networkPolicy("a", "p", { podSelector: {}, policyTypes: ["Ingress"], ingress: [{}], egress: [{ ports: [{ port: 1 }] }] })]);
    expect(w3.conn("a/web", "b/client")).toBe("All Connections"); // egress rules ignored
  });

  it("needs both the source's egress and the destination's ingress, on the destination port", () => {
    const w = world([
      ...base,
      networkPolicy("b", "egress-80", { podSelector: { matchLabels: { app: "client" } }, policyTypes: ["Egress"], egress: [{ ports: [{ port: 80 }, { port: 8080 }] }] }),
      networkPolicy("a", "ingress-8080", { podSelector: { matchLabels: { app: "web" } }, ingress: [{ ports: [{ port: 8080 }, { port: 9000, endPort: 9010 }] }] }),
    ]);
    expect(w.conn("b/client", "a/web")).toBe("TCP 8080");
    expect(w.conn("b/client", "a/db")).toBe("TCP 80,8080");
    expect(w.conn("b/web", "a/web")).toBe("TCP 8080,9000-9010");
  });

  it("reads peers: podSelector alone = own namespace, namespaceSelector alone, both = AND, list = OR", () => {
    const policy = (from: Raw[]) => world([...base, networkPolicy("a", "p", { podSelector: { matchLabels: { app: "db" } }, ingress: [{ from }] })]);
    const podOnly = policy([{ podSelector: { matchLabels: { app: "web" } } }]);
    expect(podOnly.conn("a/web", "a/db")).toBe("All Connections");
    expect(podOnly.conn("b/web", "a/db")).toBe("No Connections");
    const nsOnly = policy([{ namespaceSelector: { matchLabels: { team: "b" } } }]);
    expect(nsOnly.conn("b/web", "a/db")).toBe("All Connections");
    expect(nsOnly.conn("b/client", "a/db")).toBe("All Connections");
    expect(nsOnly.conn("a/web", "a/db")).toBe("No Connections");
    const both = policy([{ namespaceSelector: { matchLabels: { team: "b" } }, podSelector: { matchLabels: { app: "web" } } }]);
    expect(both.conn("b/web", "a/db")).toBe("All Connections");
    expect(both.conn("b/client", "a/db")).toBe("No Connections");
    expect(both.conn("a/web", "a/db")).toBe("No Connections");
    const either = policy([{ namespaceSelector: { matchLabels: { team: "b" } } }, { podSelector: { matchLabels: { app: "web" } } }]);
    expect(either.conn("b/client", "a/db")).toBe("All Connections");
    expect(either.conn("a/web", "a/db")).toBe("All Connections");
    const everyPod = policy([{ namespaceSelector: {}, podSelector: {} }]);
    expect(everyPod.conn("b/client", "a/db")).toBe("All Connections");
    expect(everyPod.conn("1.2.3.4", "a/db")).toBe("No Connections");
    const byName = policy([{ namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["b"] }] } }]);
    expect(byName.conn("b/client", "a/db")).toBe("All Connections");
  });

  it("treats a rule without peers as everyone, external addresses included", () => {
    const w = world([...base, networkPolicy("a", "p", { podSelector: {}, ingress: [{ ports: [{ port: 443 }] }] })]);
    expect(w.conn("203.0.113.5", "a/web")).toBe("TCP 443");
    expect(w.conn("b/client", "a/web")).toBe("TCP 443");
  });

  it("matches ipBlock with except against external addresses only, unless ipBlockMatchesPods", () => {
    const objs = [...base, networkPolicy("a", "p", { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.2.0.2/32"] } }] }] })];
    const cilium = world(objs);
    expect(cilium.conn("10.9.9.9", "a/web")).toBe("All Connections");
    expect(cilium.conn("11.0.0.1", "a/web")).toBe("No Connections");
    expect(cilium.conn("b/client", "a/web")).toBe("No Connections");
    const calico = world(objs, { ipBlockMatchesPods: true });
    expect(calico.conn("b/client", "a/web")).toBe("All Connections");
    expect(calico.conn("b/web", "a/web")).toBe("No Connections"); // excepted
  });

  it("resolves named ports on each destination pod, protocol included", () => {
    const w = world([
      ...base,
      networkPolicy("a", "p", { podSelector: {}, ingress: [{ ports: [{ port: "http" }, { port: "dns", protocol: "UDP" }, { port: "dns" }] }] }),
      networkPolicy("b", "e", { podSelector: { matchLabels: { app: "client" } }, policyTypes: ["Egress"], egress: [{ ports: [{ port: "http" }] }] }),
    ]);
    expect(w.conn("b/web", "a/web")).toBe("TCP 8080,UDP 53");
    expect(w.conn("b/web", "a/db")).toBe("TCP 9090");
    expect(w.conn("b/client", "a/web")).toBe("TCP 8080");
    expect(w.conn("b/client", "8.8.8.8")).toBe("No Connections"); // a named port never matches an address
  });

  it("still isolates for TCP when the only rule allows another protocol", () => {
    const w = world([...base, networkPolicy("a", "p", { podSelector: {}, ingress: [{ ports: [{ protocol: "SCTP", port: 9003 }, { protocol: "UDP" }] }] })]);
    expect(w.conn("b/client", "a/web")).toBe("SCTP 9003,UDP 1-65535");
  });

  it("keeps host-networked pods outside policy control and visible only as node addresses", () => {
    const objs = [
      ...base,
      pod("b", "agent", { app: "agent" }, { hostNetwork: true, ip: "192.168.0.10", hostIP: "192.168.0.10" }),
      denyIngress("b"),
      networkPolicy("a", "p", { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }, { from: [{ ipBlock: { cidr: "192.168.0.0/24" } }], ports: [{ port: 10250 }] }] }),
    ];
    const w = world(objs);
    expect(w.conn("a/web", "b/agent")).toBe("All Connections"); // deny-ingress in b does not apply to it
    expect(w.conn("b/agent", "a/web")).toBe("TCP 10250"); // namespaceSelector does not see it, ipBlock does
  });

  it("ignores a policy of another namespace with the same selector", () => {
    const w = world([...base, denyIngress("b")]);
    expect(w.conn("a/db", "a/web")).toBe("All Connections");
  });
});

const houses = [
  namespace("gryffindor", { house: "gryffindor" }),
  namespace("slytherin", { house: "slytherin" }),
  namespace("ravenclaw", { house: "ravenclaw" }),
  pod("gryffindor", "harry", { app: "harry" }, { ip: "10.0.1.1", ports: [{ name: "web", containerPort: 80 }] }),
  pod("slytherin", "draco", { app: "draco" }, { ip: "10.0.2.1" }),
  pod("ravenclaw", "luna", { app: "luna" }, { ip: "10.0.3.1" }),
];

const toHouse = (house: string) => [{ namespaces: { matchLabels: { house } } }];

describe("AdminNetworkPolicy and BaselineAdminNetworkPolicy (oracle)", () => {
  it("applies the lowest priority number first and the first matching rule per port", () => {
    const w = world([
      ...houses,
      adminNetworkPolicy("deny-slytherin", 10, { subject: { namespaces: { matchLabels: { house: "gryffindor" } } }, ingress: [{ name: "allow-80", action: "Allow", from: toHouse("slytherin"), ports: [{ portNumber: { port: 80 } }] }, { name: "deny", action: "Deny", from: toHouse("slytherin") }] }),
      adminNetworkPolicy("allow-all", 20, { subject: { namespaces: {} }, ingress: [{ name: "allow", action: "Allow", from: [{ namespaces: {} }] }] }),
    ]);
    expect(w.conn("slytherin/draco", "gryffindor/harry")).toBe("TCP 80");
    expect(w.conn("ravenclaw/luna", "gryffindor/harry")).toBe("All Connections");
  });

  it("an ANP Allow overrides a NetworkPolicy deny; Deny overrides an NP allow", () => {
    const w = world([
      ...houses,
      networkPolicy("gryffindor", "deny", { podSelector: {} }),
      networkPolicy("ravenclaw", "allow-all", { podSelector: {}, ingress: [{}] }),
      adminNetworkPolicy("p", 1, { subject: { namespaces: {} }, ingress: [{ name: "a", action: "Allow", from: toHouse("slytherin"), ports: [{ portNumber: { protocol: "UDP", port: 53 } }] }, { name: "d", action: "Deny", from: toHouse("gryffindor") }] }),
    ]);
    expect(w.conn("slytherin/draco", "gryffindor/harry")).toBe("UDP 53");
    expect(w.conn("gryffindor/harry", "ravenclaw/luna")).toBe("No Connections");
    expect(w.conn("slytherin/draco", "ravenclaw/luna")).toBe("All Connections");
  });

  it("Pass goes to NetworkPolicy when one isolates the pod, else to the baseline, else allows", () => {
    const anp = adminNetworkPolicy("pass", 5, { subject: { namespaces: {} }, ingress: [{ name: "pass-slytherin", action: "Pass", from: toHouse("slytherin") }, { name: "deny-slytherin", action: "Deny", from: toHouse("slytherin") }] });
    const banp = baselineAdminNetworkPolicy({ subject: { namespaces: {} }, ingress: [{ name: "deny-slytherin", action: "Deny", from: toHouse("slytherin") }] });
    const npAllow = networkPolicy("gryffindor", "allow-8080", { podSelector: {}, ingress: [{ ports: [{ port: 8080 }] }] });
    expect(world([...houses, anp]).conn("slytherin/draco", "gryffindor/harry")).toBe("All Connections");
    expect(world([...houses, anp, banp]).conn("slytherin/draco", "gryffindor/harry")).toBe("No Connections");
    expect(world([...houses, anp, banp, npAllow]).conn("slytherin/draco", "gryffindor/harry")).toBe("TCP 8080");
    expect(world([...houses, banp, npAllow]).conn("ravenclaw/luna", "gryffindor/harry")).toBe("TCP 8080");
  });

  it("networks peers match pod IPs as well as outside addresses; named ports take the pod's protocol", () => {
    const w = world([
      ...houses,
      adminNetworkPolicy("egress", 1, {
        subject: { namespaces: toHouse("slytherin")[0].namespaces },
        egress: [
          { name: "web", action: "Allow", to: [{ pods: { namespaceSelector: {}, podSelector: {} } }], ports: [{ namedPort: "web" }] },
          { name: "deny-pods", action: "Deny", to: [{ networks: ["10.0.0.0/16"] }] },
          { name: "deny-metadata", action: "Deny", to: [{ networks: ["169.254.169.254/32"] }] },
        ],
      }),
    ]);
    expect(w.conn("slytherin/draco", "gryffindor/harry")).toBe("TCP 80");
    expect(w.conn("slytherin/draco", "ravenclaw/luna")).toBe("No Connections");
    expect(w.conn("slytherin/draco", "169.254.169.254")).toBe("No Connections");
    expect(w.conn("slytherin/draco", "8.8.8.8")).toBe("All Connections");
  });

  it("never applies to host-networked pods as subjects or pod peers", () => {
    const w = world([
      ...houses,
      pod("slytherin", "node-agent", { app: "agent" }, { hostNetwork: true, ip: "192.168.1.5", hostIP: "192.168.1.5" }),
      adminNetworkPolicy("deny-all", 1, { subject: { namespaces: {} }, ingress: [{ name: "d", action: "Deny", from: [{ namespaces: {} }] }], egress: [{ name: "d", action: "Deny", to: [{ namespaces: {} }] }] }),
    ]);
    expect(w.conn("slytherin/node-agent", "gryffindor/harry")).toBe("All Connections");
    expect(w.conn("gryffindor/harry", "slytherin/node-agent")).toBe("All Connections");
    expect(w.conn("gryffindor/harry", "ravenclaw/luna")).toBe("No Connections");
  });

  it("sanity: ALL and NONE are what the oracle returns for extremes", () => {
    const w = world(houses);
    const find = (n: string) => podEndpoint(w.model.pods.find((p) => p.name === n)!);
    expect(allowedConnections(w.model, find("harry"), find("luna"))).toBe(ALL);
    const d = world([...houses, networkPolicy("ravenclaw", "d", { podSelector: {} })]);
    expect(allowedConnections(d.model, podEndpoint(d.model.pods[0]), podEndpoint(d.model.pods.find((p) => p.name === "luna")!))).toBe(NONE);
  });
});
