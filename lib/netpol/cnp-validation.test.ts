import { describe, expect, it } from "vitest";
import { KIND_BY_NAME } from "../model/kinds";
import { normalizeObject } from "../model/normalize";
import type { ClusterNetworkPolicy } from "../model/types";
import { clusterNetworkPolicy } from "./fixtures";

type Raw = Record<string, unknown>;

const cnp = (spec: Raw, tier: string = "Admin", priority: unknown = 10) => {
  const o = clusterNetworkPolicy("guard", "Admin", 0, {}) as { spec: Raw };
  return { ...o, spec: { ...spec, tier, priority } };
};
const egress = (rule: Raw) => cnp({ subject: { namespaces: {} }, egress: [rule] });
const ingress = (rule: Raw) => cnp({ subject: { namespaces: {} }, ingress: [rule] });
const deny = { action: "Deny", to: [{ namespaces: {} }] };

function ok(raw: unknown): ClusterNetworkPolicy {
  const r = normalizeObject(raw);
  if (r.status !== "ok") throw new Error(JSON.stringify(r));
  return r.record as ClusterNetworkPolicy;
}

function error(raw: unknown): string {
  const r = normalizeObject(raw);
  if (r.status !== "invalid") throw new Error(`expected an error, got ${JSON.stringify(r)}`);
  expect(r.severity).toBe("error");
  return r.message;
}

describe("ClusterNetworkPolicy loading (v1alpha2 CRD validation)", () => {
  it("reads a full policy: tier, priority, subject, every peer and protocol form", () => {
    const p = ok(
      cnp({
        subject: { pods: { namespaceSelector: { matchLabels: { team: "shop" } }, podSelector: { matchLabels: { app: "web" } } } },
        ingress: [{ name: "from-monitoring", action: "Accept", from: [{ namespaces: { matchLabels: { team: "monitoring" } } }], protocols: [{ destinationNamedPort: "metrics" }] }],
        egress: [
          { action: "Pass", to: [{ pods: { podSelector: {} } }], protocols: [{ tcp: { destinationPort: { number: 5432 } } }, { udp: { destinationPort: { range: { start: 5000, end: 5010 } } } }] },
          { action: "Accept", to: [{ domainNames: ["*.github.com", "api.example.com"] }, { networks: ["203.0.113.0/24", "2001:db8::/32"] }, { nodes: { matchLabels: { role: "control-plane" } } }] },
          { action: "Deny", to: [{ networks: ["0.0.0.0/0"] }], protocols: [{ sctp: { destinationPort: { number: 9000 } } }] },
        ],
      }),
    );
    expect(p).toMatchObject({ name: "guard", tier: "Admin", priority: 10, subject: { pods: { namespaceSelector: { matchLabels: { team: "shop" } }, podSelector: { matchLabels: { app: "web" } } } } });
    expect(p.namespace).toBeUndefined();
    expect(p.ingress).toEqual([{ name: "from-monitoring", action: "Accept", peers: [{ namespaces: { matchLabels: { team: "monitoring" } } }], protocols: [{ destinationNamedPort: "metrics" }] }]);
    expect(p.egress[0]).toEqual({
      action: "Pass",
      peers: [{ pods: { namespaceSelector: {}, podSelector: {} } }],
      protocols: [
        { protocol: "TCP", destinationPort: { number: 5432 } },
        { protocol: "UDP", destinationPort: { range: { start: 5000, end: 5010 } } },
      ],
    });
    expect(p.egress[1].peers).toEqual([{ domainNames: ["*.github.com", "api.example.com"] }, { networks: ["203.0.113.0/24", "2001:db8::/32"] }, { nodes: { matchLabels: { role: "control-plane" } } }]);
    expect(p.egress[1].protocols).toBeUndefined();
    expect(p.egress[2].protocols).toEqual([{ protocol: "SCTP", destinationPort: { number: 9000 } }]);
  });

  it("is a cluster-scoped, optional kind of policy.networking.k8s.io/v1alpha2", () => {
    expect(KIND_BY_NAME.get("ClusterNetworkPolicy")).toEqual({ key: "clusterNetworkPolicies", kind: "ClusterNetworkPolicy", group: "policy.networking.k8s.io", version: "v1alpha2", resource: "clusternetworkpolicies", namespaced: false, optional: true });
    const r = normalizeObject({ ...egress(deny), metadata: { name: "guard", namespace: "ignored" } });
    expect(r).toMatchObject({ status: "ok", key: "clusterNetworkPolicies" });
  });

  it("names the field for tier, priority and subject problems", () => {
    expect(error(cnp({ subject: { namespaces: {} } }, "admin"))).toBe('spec.tier: must be Admin or Baseline (got "admin")');
    expect(error({ ...cnp({ subject: { namespaces: {} } }), spec: { priority: 1, subject: { namespaces: {} } } })).toBe("spec.tier: required (Admin or Baseline)");
    expect(error(cnp({ subject: { namespaces: {} } }, "Baseline", 1001))).toBe("spec.priority: 1001 is out of range (0-1000)");
    expect(error(cnp({ subject: { namespaces: {} } }, "Admin", -1))).toBe("spec.priority: -1 is out of range (0-1000)");
    expect(error(cnp({ subject: { namespaces: {} } }, "Admin", null))).toBe("spec.priority: required (0-1000, lower first)");
    expect(error(cnp({}))).toBe("spec.subject: required (namespaces or pods)");
    expect(error(cnp({ subject: { namespaces: {}, pods: { podSelector: {} } } }))).toBe("spec.subject: exactly one of namespaces or pods must be set");
  });

  it("rejects bad actions, with a hint for the v1alpha1 word", () => {
    expect(error(egress({ ...deny, action: "Allow" }))).toBe('spec.egress[0].action: must be Accept, Deny or Pass (got "Allow") ("Allow" is the v1alpha1 word; v1alpha2 says Accept)');
    expect(error(egress({ to: [{ namespaces: {} }] }))).toBe("spec.egress[0].action: required (Accept, Deny or Pass)");
  });

  it("allows at most 25 rules per direction and 1-25 peers per rule", () => {
    const many = Array.from({ length: 26 }, () => deny);
    expect(error(cnp({ subject: { namespaces: {} }, egress: many }))).toBe("spec.egress: 26 rules; at most 25 are allowed per direction");
    expect(ok(cnp({ subject: { namespaces: {} }, egress: many.slice(1) })).egress).toHaveLength(25);
    expect(error(ingress({ action: "Deny", from: [] }))).toBe("spec.ingress[0].from: must list at least one peer");
    expect(error(ingress({ action: "Deny" }))).toBe("spec.ingress[0].from: required; list at least one peer");
    expect(error(egress({ action: "Deny", to: Array.from({ length: 26 }, () => ({ namespaces: {} })) }))).toBe("spec.egress[0].to: 26 peers; at most 25 are allowed");
    expect(error(egress({ ...deny, name: "x".repeat(101) }))).toBe("spec.egress[0].name: 101 characters; at most 100 are allowed");
  });

  it("wants exactly one field per peer, and egress-only kinds only in egress", () => {
    expect(error(egress({ action: "Deny", to: [{}] }))).toBe("spec.egress[0].to[0]: exactly one of namespaces, pods, networks, nodes or domainNames must be set");
    expect(error(egress({ action: "Deny", to: [{ namespaces: {}, networks: ["10.0.0.0/8"] }] }))).toBe("spec.egress[0].to[0]: exactly one of namespaces, pods, networks, nodes or domainNames must be set (found namespaces, networks)");
    expect(error(ingress({ action: "Deny", from: [{ networks: ["10.0.0.0/8"] }] }))).toBe("spec.ingress[0].from[0].networks: only allowed in egress rules (ingress peers are namespaces or pods)");
    expect(error(egress({ action: "Deny", to: [{ networks: ["10.0.0.0/33"] }] }))).toBe('spec.egress[0].to[0].networks[0]: "10.0.0.0/33" has a prefix longer than 32');
    expect(error(egress({ action: "Deny", to: [{ networks: [] }] }))).toBe("spec.egress[0].to[0].networks: must list at least one CIDR");
  });

  it("takes domainNames only in Accept rules, and only well-formed names", () => {
    expect(error(egress({ action: "Deny", to: [{ domainNames: ["example.com"] }] }))).toBe("spec.egress[0].to[0].domainNames: only allowed in Accept rules (this rule is Deny)");
    expect(error(egress({ action: "Pass", to: [{ domainNames: ["example.com"] }] }))).toContain("only allowed in Accept rules");
    expect(error(egress({ action: "Accept", to: [{ domainNames: ["www.*.example.com"] }] }))).toBe('spec.egress[0].to[0].domainNames[0]: "www.*.example.com" is not a domain name (exact, or "*." followed by a name)');
    expect(error(egress({ action: "Accept", to: [{ domainNames: ["localhost"] }] }))).toContain("is not a domain name");
  });

  it("validates protocols as the Go types do: a destination port is required, ranges need start < end", () => {
    const withProtocols = (protocols: unknown) => egress({ ...deny, protocols });
    expect(error(withProtocols([{ tcp: {} }]))).toBe("spec.egress[0].protocols[0].tcp.destinationPort: required (the API rejects an empty tcp; for every TCP port use range 1-65535)");
    expect(error(withProtocols([{ udp: { destinationPort: { range: { start: 53, end: 53 } } } }]))).toBe("spec.egress[0].protocols[0].udp.destinationPort.range: start (53) must be less than end (53)");
    expect(error(withProtocols([{ tcp: { destinationPort: { number: 0 } } }]))).toBe("spec.egress[0].protocols[0].tcp.destinationPort.number: 0 is not a valid port (1-65535)");
    expect(error(withProtocols([{ tcp: { destinationPort: { number: 80, range: { start: 1, end: 2 } } } }]))).toBe("spec.egress[0].protocols[0].tcp.destinationPort: exactly one of number or range must be set");
    expect(error(withProtocols([{ tcp: { destinationPort: { number: 80 } }, udp: { destinationPort: { number: 53 } } }]))).toBe("spec.egress[0].protocols[0]: exactly one of tcp, udp, sctp or destinationNamedPort must be set (found tcp, udp)");
    expect(error(withProtocols([{ icmp: { type: 8 } }]))).toBe("spec.egress[0].protocols[0]: exactly one of tcp, udp, sctp or destinationNamedPort must be set (found icmp)");
    expect(error(withProtocols([]))).toBe("spec.egress[0].protocols: must list at least one protocol");
    expect(error(withProtocols([{ destinationNamedPort: "HTTP" }]))).toContain('destinationNamedPort: "HTTP" is not a valid port name');
  });

  it("rejects a named port towards networks, nodes or domainNames (they have no named ports)", () => {
    expect(error(egress({ action: "Accept", to: [{ namespaces: {} }, { networks: ["10.0.0.0/8"] }], protocols: [{ destinationNamedPort: "http" }] }))).toBe(
      "spec.egress[0].protocols: destinationNamedPort cannot be used with networks, nodes or domainNames peers (they have no named ports)",
    );
    expect(ok(ingress({ action: "Accept", from: [{ namespaces: {} }], protocols: [{ destinationNamedPort: "http" }] })).ingress[0].protocols).toEqual([{ destinationNamedPort: "http" }]);
  });

  it("fails closed on a peer of a newer API version, with a warning naming it", () => {
    const r = normalizeObject(egress({ action: "Pass", to: [{ namespaces: {} }, { serviceAccounts: { name: "x" } }] }));
    expect(r.status).toBe("ok");
    if (r.status !== "ok") return;
    expect((r.record as ClusterNetworkPolicy).egress[0].peers[1]).toEqual({ unknownFields: ["serviceAccounts"] });
    expect(r.warnings).toEqual(["spec.egress[0].to[1]: no field this version knows (serviceAccounts), probably from a newer CRD; as the API requires, it fails closed: this Pass rule is treated as denying all traffic"]);
    const a = normalizeObject(ingress({ action: "Accept", from: [{ serviceAccounts: {} }] }));
    expect(a.status === "ok" && a.warnings?.[0]).toContain("this Accept rule matches no traffic");
  });
});
