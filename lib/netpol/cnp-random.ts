/**
 * Random ClusterNetworkPolicies for the property tests (random-cluster.ts): both tiers, every
 * action, every peer form the engine evaluates (namespaces, pods, networks, domainNames, and a peer
 * of an unknown newer kind, which fails closed), and every `protocols` form (port, range, named
 * port). Always valid for the loader: domainNames only in Accept rules, no named port towards
 * networks or domainNames.
 */
import fc from "fast-check";

type Raw = Record<string, unknown>;

const labelSel = fc.constantFrom({}, { matchLabels: { app: "x" } }, { matchLabels: { tier: "fe" } }, { matchExpressions: [{ key: "app", operator: "NotIn", values: ["y"] }] });
const nsSel = fc.constantFrom({}, { matchLabels: { team: "t1" } }, { matchLabels: { env: "prod" } }, { matchLabels: { "kubernetes.io/metadata.name": "b" } });

const peer = (egress: boolean) =>
  fc.oneof(
    fc.record({ namespaces: nsSel }),
    fc.record({ pods: fc.record({ namespaceSelector: nsSel, podSelector: labelSel }) }),
    ...(egress
      ? [
          fc.record({ networks: fc.constantFrom(["10.0.0.0/30"], ["0.0.0.0/0"], ["8.8.8.0/24", "10.0.0.4/31"], ["192.168.0.0/16"]) }),
          fc.constant({ domainNames: ["*.example.com", "8.8.8.8.example.org"] }),
        ]
      : []),
    fc.constant({ futurePeer: { selector: {} } }),
  );

const protocol = fc.constantFrom<Raw>(
  { tcp: { destinationPort: { number: 80 } } },
  { udp: { destinationPort: { number: 53 } } },
  { tcp: { destinationPort: { range: { start: 8000, end: 8085 } } } },
  { sctp: { destinationPort: { range: { start: 9000, end: 9005 } } } },
  { destinationNamedPort: "http" },
  { destinationNamedPort: "dns" },
);

const addressed = (p: Raw) => "networks" in p || "domainNames" in p;

const rule = (dir: "ingress" | "egress") =>
  fc
    .record({
      action: fc.constantFrom("Accept", "Deny", "Pass"),
      peers: fc.array(peer(dir === "egress"), { minLength: 1, maxLength: 2 }),
      protocols: fc.option(fc.array(protocol, { minLength: 1, maxLength: 2 }), { nil: undefined }),
      named: fc.boolean(),
    })
    .map((r) => {
      let peers = r.action === "Accept" ? r.peers : r.peers.filter((p) => !("domainNames" in p));
      if (peers.length === 0) peers = [{ namespaces: {} }];
      let protocols = r.protocols;
      if (protocols && peers.some(addressed)) {
        protocols = protocols.filter((p) => !("destinationNamedPort" in p));
        if (protocols.length === 0) protocols = undefined;
      }
      return { ...(r.named ? { name: `${r.action.toLowerCase()}-rule` } : {}), action: r.action, [dir === "ingress" ? "from" : "to"]: peers, ...(protocols ? { protocols } : {}) };
    });

const subject = fc.oneof(fc.record({ namespaces: nsSel }), fc.record({ pods: fc.record({ namespaceSelector: nsSel, podSelector: labelSel }) }));

export interface RandomCnp {
  tier: "Admin" | "Baseline";
  priority: number;
  spec: Raw;
}

/** Priorities in 0–40 so they sometimes tie with each other and with the AdminNetworkPolicies. */
export const randomCnp: fc.Arbitrary<RandomCnp> = fc.record({
  tier: fc.constantFrom("Admin" as const, "Baseline" as const),
  priority: fc.integer({ min: 0, max: 40 }),
  spec: fc.record({ subject, ingress: fc.array(rule("ingress"), { maxLength: 2 }), egress: fc.array(rule("egress"), { maxLength: 2 }) }),
});
