/**
 * Random small clusters for property tests: a few namespaces and pods drawn from a tiny label
 * vocabulary (so selectors collide often), NetworkPolicies, AdminNetworkPolicies, a baseline and
 * ClusterNetworkPolicies of both tiers (cnp-random.ts) with every peer and port form, and a handful
 * of outside addresses around the CIDRs used.
 */
import fc from "fast-check";
import { randomCnp } from "./cnp-random";
import { adminNetworkPolicy, baselineAdminNetworkPolicy, clusterNetworkPolicy, namespace, networkPolicy, pod, type PodOpts } from "./fixtures";

type Raw = Record<string, unknown>;

const NAMESPACES = ["a", "b", "c"];
const ipOf = (i: number) => `10.0.0.${i + 1}`;
export const PROBE_IPS = ["10.0.0.7", "10.0.0.5", "8.8.8.8", "192.168.1.1", "169.254.169.254", "2001:db8::1"];

const labelSel = fc.oneof(
  fc.constant({}),
  fc.record({ matchLabels: fc.constantFrom({ app: "x" }, { app: "y" }, { tier: "fe" }, { app: "x", tier: "be" }) }),
  fc.record({ matchExpressions: fc.constantFrom([{ key: "app", operator: "In", values: ["x", "z"] }], [{ key: "tier", operator: "DoesNotExist" }], [{ key: "app", operator: "NotIn", values: ["y"] }]) }),
);
const nsSel = fc.oneof(
  fc.constant({}),
  fc.record({ matchLabels: fc.constantFrom({ team: "t1" }, { env: "prod" }, { "kubernetes.io/metadata.name": "b" }) }),
  fc.record({ matchExpressions: fc.constant([{ key: "env", operator: "Exists" }]) }),
);
const ipBlock = fc.constantFrom(
  { cidr: "10.0.0.0/24", except: ["10.0.0.5/32"] },
  { cidr: "0.0.0.0/0", except: ["10.0.0.0/8", "169.254.169.254/32"] },
  { cidr: "192.168.0.0/16" },
  { cidr: "10.0.0.0/29" },
  { cidr: "2001:db8::/32" },
);
const npPeer = fc.oneof(
  fc.record({ podSelector: labelSel }),
  fc.record({ namespaceSelector: nsSel }),
  fc.record({ namespaceSelector: nsSel, podSelector: labelSel }),
  fc.record({ ipBlock }),
);
const npPort = fc.oneof(
  fc.constant({ port: 80 }),
  fc.constant({ protocol: "UDP", port: 53 }),
  fc.constant({ port: 8080, endPort: 8090 }),
  fc.constant({ port: "http" }),
  fc.constant({ port: "dns", protocol: "UDP" }),
  fc.constant({ port: "dns" }),
  fc.constant({ protocol: "SCTP" }),
);
const npRule = (peerKey: "from" | "to") =>
  fc.record({ peers: fc.array(npPeer, { maxLength: 2 }), ports: fc.array(npPort, { maxLength: 2 }) }).map((r) => ({ ...(r.peers.length ? { [peerKey]: r.peers } : {}), ...(r.ports.length ? { ports: r.ports } : {}) }));

const np = fc
  .record({
    ns: fc.constantFrom(...NAMESPACES),
    podSelector: labelSel,
    policyTypes: fc.constantFrom(undefined, ["Ingress"], ["Egress"], ["Ingress", "Egress"]),
    ingress: fc.option(fc.array(npRule("from"), { maxLength: 2 }), { nil: undefined }),
    egress: fc.option(fc.array(npRule("to"), { maxLength: 2 }), { nil: undefined }),
  })
  .map((p) => ({ ...p, spec: { podSelector: p.podSelector, ...(p.policyTypes ? { policyTypes: p.policyTypes } : {}), ...(p.ingress ? { ingress: p.ingress } : {}), ...(p.egress ? { egress: p.egress } : {}) } }));

const adminPeer = (egress: boolean) =>
  fc.oneof(
    fc.record({ namespaces: nsSel }),
    fc.record({ pods: fc.record({ namespaceSelector: nsSel, podSelector: labelSel }) }),
    ...(egress ? [fc.record({ networks: fc.constantFrom(["10.0.0.0/30"], ["169.254.169.254/32"], ["0.0.0.0/0"], ["8.0.0.0/8", "10.0.0.4/31"]) })] : []),
  );
const adminPort = fc.oneof(
  fc.constant({ portNumber: { protocol: "TCP", port: 80 } }),
  fc.constant({ portNumber: { protocol: "UDP", port: 53 } }),
  fc.constant({ portRange: { protocol: "TCP", start: 8000, end: 8085 } }),
  fc.constant({ namedPort: "http" }),
  fc.constant({ namedPort: "dns" }),
);
const adminRule = (dir: "ingress" | "egress", actions: string[]) =>
  fc.record({ action: fc.constantFrom(...actions), peers: fc.array(adminPeer(dir === "egress"), { minLength: 1, maxLength: 2 }), ports: fc.option(fc.array(adminPort, { minLength: 1, maxLength: 2 }), { nil: undefined }) }).map((r) => ({
    name: `r`,
    action: r.action,
    [dir === "ingress" ? "from" : "to"]: r.peers,
    ...(r.ports ? { ports: r.ports } : {}),
  }));
const adminSubject = fc.oneof(fc.record({ namespaces: nsSel }), fc.record({ pods: fc.record({ namespaceSelector: nsSel, podSelector: labelSel }) }));
const anpSpec = (actions: string[]) =>
  fc.record({ subject: adminSubject, ingress: fc.array(adminRule("ingress", actions), { maxLength: 2 }), egress: fc.array(adminRule("egress", actions), { maxLength: 2 }) });

const podArb = fc.record({
  ns: fc.constantFrom(...NAMESPACES),
  labels: fc.constantFrom<Record<string, string>>({ app: "x" }, { app: "y" }, { app: "x", tier: "fe" }, { app: "z", tier: "be" }, { app: "x", tier: "be" }, {}),
  ports: fc.constantFrom<PodOpts["ports"]>([], [{ name: "http", containerPort: 80 }], [{ name: "http", containerPort: 8080 }, { name: "dns", containerPort: 53, protocol: "UDP" }], [{ name: "dns", containerPort: 5353, protocol: "TCP" }]),
  hostNetwork: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
  hasIP: fc.boolean(),
});

export interface RandomCluster {
  objects: Raw[];
  ipBlockMatchesPods: boolean;
}

export const randomCluster: fc.Arbitrary<RandomCluster> = fc
  .record({
    nsLabels: fc.array(fc.constantFrom<Record<string, string>>({ team: "t1" }, { env: "prod" }, { team: "t1", env: "dev" }, {}), { minLength: 3, maxLength: 3 }),
    pods: fc.array(podArb, { minLength: 1, maxLength: 6 }),
    nps: fc.array(np, { maxLength: 4 }),
    anps: fc.array(fc.record({ priority: fc.integer({ min: 0, max: 99 }), spec: anpSpec(["Allow", "Deny", "Pass"]) }), { maxLength: 2 }),
    banp: fc.option(anpSpec(["Allow", "Deny"]), { nil: undefined }),
    cnps: fc.array(randomCnp, { maxLength: 2 }),
    ipBlockMatchesPods: fc.boolean(),
  })
  .map((r) => {
    const objects: Raw[] = NAMESPACES.map((n, i) => namespace(n, r.nsLabels[i]));
    r.pods.forEach((p, i) => {
      const host = p.hostNetwork;
      objects.push(pod(p.ns, `p${i}`, p.labels, { ports: p.ports, hostNetwork: host, ...(p.hasIP || host ? { ip: host ? `192.168.0.${i + 1}` : ipOf(i), hostIP: `192.168.0.${i + 1}` } : {}) }));
    });
    r.nps.forEach((p, i) => objects.push(networkPolicy(p.ns, `np${i}`, p.spec)));
    r.anps.forEach((a, i) => objects.push(adminNetworkPolicy(`anp${i}`, a.priority * 10 + i, a.spec)));
    if (r.banp) objects.push(baselineAdminNetworkPolicy(r.banp));
    r.cnps.forEach((c, i) => objects.push(clusterNetworkPolicy(`cnp${i}`, c.tier, c.priority, c.spec)));
    return { objects, ipBlockMatchesPods: r.ipBlockMatchesPods };
  });
