/**
 * Random Cilium and Calico policies for the property tests, added to random-cluster.ts's clusters
 * (with two nodes, so host / remote-node entities and node addresses take part): every rule form
 * the engines evaluate — Cilium endpoint selectors with and without namespace keys, entities,
 * CIDRs with excepts, ports with ANY, ranges, port 0 and names, deny rules, enableDefaultDeny,
 * empty rules, node selectors; Calico tiers with both default actions, ordered and unordered
 * policies, every action, selectors, notSelectors, namespaceSelectors, nets, service accounts,
 * ports, notPorts, protocols and network sets. Always valid for the loaders.
 */
import fc from "fast-check";
import type { CniChoice } from "./cni/profiles";

type Raw = Record<string, unknown>;

export const NODES = [
  { name: "n1", ip: "192.168.0.100" },
  { name: "n2", ip: "192.168.0.101" },
];
export const CNI_PROBE_IPS = ["192.168.0.100", "192.168.0.101", "8.8.8.8", "10.0.0.5", "172.16.3.4", "203.0.113.9"];

export function nodeObjects(): Raw[] {
  return NODES.map((n) => ({ apiVersion: "v1", kind: "Node", metadata: { name: n.name, labels: { zone: n.name === "n1" ? "z1" : "z2" } }, status: { addresses: [{ type: "InternalIP", address: n.ip }] } }));
}

/** Spreads the random cluster's pods over two nodes and two service accounts. */
export function placed(objects: Raw[]): Raw[] {
  let i = 0;
  const out = objects.map((o) => {
    if (o.kind !== "Pod") return o;
    const n = NODES[i % 2];
    const spec = { ...(o.spec as Raw), nodeName: n.name, ...(i % 3 === 0 ? { serviceAccountName: "sa1" } : {}) };
    const status = { ...(o.status as Raw), hostIP: n.ip, ...((o.spec as Raw).hostNetwork ? { podIP: n.ip, podIPs: [{ ip: n.ip }] } : {}) };
    i++;
    return { ...o, spec, status };
  });
  return [...out, ...nodeObjects(), { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "sa1", namespace: "a", labels: { role: "x" } } }];
}

// --- Cilium ---

const ciliumSel = fc.constantFrom<Raw>(
  {},
  { matchLabels: { app: "x" } },
  { matchLabels: { "k8s:tier": "fe" } },
  { matchLabels: { "io.kubernetes.pod.namespace": "b" } },
  { matchLabels: { "io.cilium.k8s.namespace.labels.team": "t1" } },
  { matchExpressions: [{ key: "app", operator: "NotIn", values: ["y"] }] },
  { matchLabels: { "io.cilium.k8s.policy.serviceaccount": "sa1" } },
  { matchLabels: { "reserved:host": "" } },
);
const entity = fc.constantFrom("world", "cluster", "host", "remote-node", "all", "kube-apiserver");
const cidr = fc.constantFrom<Raw>({ cidr: "10.0.0.0/24", except: ["10.0.0.5/32"] }, { cidr: "0.0.0.0/0" }, { cidr: "192.168.0.0/16", except: ["192.168.0.101/32"] }, { cidr: "172.16.0.0/12" });
const ciliumPort = fc.constantFrom<Raw>(
  { port: "80", protocol: "TCP" },
  { port: "53" },
  { port: "53", protocol: "ANY" },
  { port: "8000", endPort: 8090, protocol: "TCP" },
  { port: "0", protocol: "UDP" },
  { port: "http" },
  { port: "dns", protocol: "UDP" },
);

const ciliumRule = (dir: "ingress" | "egress") => {
  const f = (k: string) => (dir === "ingress" ? `from${k}` : `to${k}`);
  const l3 = fc.oneof(
    fc.constant<Raw>({}),
    fc.array(ciliumSel, { maxLength: 2 }).map((s) => ({ [f("Endpoints")]: s })),
    fc.array(entity, { minLength: 1, maxLength: 2 }).map((e) => ({ [f("Entities")]: e })),
    fc.array(cidr, { minLength: 1, maxLength: 2 }).map((c) => ({ [f("CIDRSet")]: c })),
    fc.constant<Raw>({ [f("CIDR")]: ["8.8.8.8", "10.0.0.0/30"] }),
    fc.constant<Raw>({ [f("Nodes")]: [{ matchLabels: { zone: "z1" } }] }),
  );
  const ports = fc.option(fc.array(ciliumPort, { minLength: 1, maxLength: 2 }), { nil: undefined });
  return fc.record({ l3, ports }).map((r) => ({ ...r.l3, ...(r.ports ? { toPorts: [{ ports: r.ports }] } : {}) }));
};

const ciliumSpec = fc
  .record({
    endpointSelector: ciliumSel.filter((s) => !JSON.stringify(s).includes("reserved")),
    ingress: fc.option(fc.array(ciliumRule("ingress"), { maxLength: 2 }), { nil: undefined }),
    ingressDeny: fc.option(fc.array(ciliumRule("ingress"), { maxLength: 1 }), { nil: undefined }),
    egress: fc.option(fc.array(ciliumRule("egress"), { maxLength: 2 }), { nil: undefined }),
    egressDeny: fc.option(fc.array(ciliumRule("egress"), { maxLength: 1 }), { nil: undefined }),
    enableDefaultDeny: fc.option(fc.record({ ingress: fc.boolean(), egress: fc.boolean() }), { nil: undefined }),
  })
  .map((s) => {
    const out: Raw = { endpointSelector: s.endpointSelector };
    for (const k of ["ingress", "ingressDeny", "egress", "egressDeny", "enableDefaultDeny"] as const) if (s[k] !== undefined) out[k] = s[k];
    if (![s.ingress, s.ingressDeny, s.egress, s.egressDeny].some((x) => x && x.length)) out.ingress = [{}];
    return out;
  });

export const randomCiliumPolicies: fc.Arbitrary<Raw[]> = fc
  .array(fc.record({ ns: fc.constantFrom("a", "b", "c", undefined), spec: ciliumSpec }), { maxLength: 3 })
  .map((list) =>
    list.map((p, i) =>
      p.ns
        ? { apiVersion: "cilium.io/v2", kind: "CiliumNetworkPolicy", metadata: { name: `cnp${i}`, namespace: p.ns }, spec: p.spec }
        : { apiVersion: "cilium.io/v2", kind: "CiliumClusterwideNetworkPolicy", metadata: { name: `ccnp${i}` }, spec: p.spec },
    ),
  );

// --- Calico ---

const calicoSel = fc.constantFrom("all()", "app == 'x'", "has(tier)", "app != 'y'", "app in {'x', 'z'} && !has(tier)", "role == 'set'", "tier == 'fe' || app == 'z'");
const nsSelector = fc.constantFrom("all()", "team == 't1'", "global()", "projectcalico.org/name == 'b'");
const nets = fc.constantFrom(["10.0.0.0/30"], ["0.0.0.0/0"], ["8.8.8.0/24", "192.168.0.100/32"], ["172.16.0.0/12"]);
const entityRule = (withPorts: boolean) =>
  fc
    .record({
      selector: fc.option(calicoSel, { nil: undefined }),
      notSelector: fc.option(calicoSel, { nil: undefined }),
      namespaceSelector: fc.option(nsSelector, { nil: undefined }),
      nets: fc.option(nets, { nil: undefined }),
      notNets: fc.option(fc.constantFrom(["10.0.0.4/31"], ["8.8.8.8/32"]), { nil: undefined }),
      serviceAccounts: fc.option(fc.constantFrom({ names: ["sa1"] }, { names: ["default"] }, { selector: "role == 'x'" }), { nil: undefined }),
      ports: withPorts ? fc.option(fc.constantFrom<(number | string)[]>([80], [53, "8000:8090"], ["http"], ["dns", 443]), { nil: undefined }) : fc.constant(undefined),
      notPorts: withPorts ? fc.option(fc.constantFrom<(number | string)[]>([8080], ["dns"]), { nil: undefined }) : fc.constant(undefined),
    })
    .map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)));
const calicoRule = fc
  .record({
    action: fc.constantFrom("Allow", "Deny", "Pass", "Log", "Allow", "Deny"),
    protocol: fc.constantFrom(undefined, "TCP", "UDP", "ICMP", 6),
    notProtocol: fc.constantFrom(undefined, undefined, "UDP"),
    peer: entityRule(false),
    self: entityRule(true),
  })
  .map((r) => ({ r, proto: r.protocol }));

const calicoPolicy = fc
  .record({
    ns: fc.constantFrom("a", "b", undefined),
    tier: fc.constantFrom("default", "security", "platform"),
    order: fc.option(fc.constantFrom(10, 100, 1000, 1500), { nil: undefined }),
    selector: calicoSel,
    types: fc.constantFrom(undefined, ["Ingress"], ["Egress"], ["Ingress", "Egress"]),
    ingress: fc.array(calicoRule, { maxLength: 2 }),
    egress: fc.array(calicoRule, { maxLength: 2 }),
  })
  .map((p) => {
    const rule = (dir: "ingress" | "egress", x: { r: { action: string; notProtocol?: string; peer: Raw; self: Raw }; proto: string | number | undefined }) => {
      const self = { ...x.r.self };
      const proto = self.ports || self.notPorts ? (x.proto === undefined || x.proto === "ICMP" ? "TCP" : x.proto) : x.proto;
      return {
        action: x.r.action,
        ...(proto !== undefined ? { protocol: proto } : {}),
        ...(x.r.notProtocol ? { notProtocol: x.r.notProtocol } : {}),
        // ports sit on the destination: the subject for ingress, the peer for egress
        ...(dir === "ingress" ? { source: x.r.peer, destination: self } : { source: { ...self, ports: undefined, notPorts: undefined }, destination: { ...x.r.peer, ...(self.ports ? { ports: self.ports } : {}), ...(self.notPorts ? { notPorts: self.notPorts } : {}) } }),
      };
    };
    return {
      ns: p.ns,
      spec: {
        tier: p.tier,
        ...(p.order !== undefined ? { order: p.order } : {}),
        selector: p.selector,
        ...(p.types ? { types: p.types } : {}),
        ingress: p.ingress.map((r) => rule("ingress", r)),
        egress: p.egress.map((r) => rule("egress", r)),
      },
    };
  });

export const randomCalicoObjects: fc.Arbitrary<Raw[]> = fc
  .record({
    tiers: fc.array(fc.record({ name: fc.constantFrom("security", "platform"), order: fc.option(fc.constantFrom(50, 100), { nil: undefined }), pass: fc.boolean() }), { maxLength: 2 }),
    policies: fc.array(calicoPolicy, { maxLength: 4 }),
    sets: fc.boolean(),
  })
  .map((r) => {
    const out: Raw[] = [];
    const seen = new Set<string>();
    for (const t of r.tiers) {
      if (seen.has(t.name)) continue;
      seen.add(t.name);
      out.push({ apiVersion: "projectcalico.org/v3", kind: "Tier", metadata: { name: t.name }, spec: { ...(t.order !== undefined ? { order: t.order } : {}), defaultAction: t.pass ? "Pass" : "Deny" } });
    }
    r.policies.forEach((p, i) => {
      const name = p.spec.tier === "default" ? `pol${i}` : `${p.spec.tier}.pol${i}`;
      out.push({ apiVersion: "projectcalico.org/v3", kind: p.ns ? "NetworkPolicy" : "GlobalNetworkPolicy", metadata: { name, ...(p.ns ? { namespace: p.ns } : {}) }, spec: p.spec });
    });
    if (r.sets) {
      out.push({ apiVersion: "projectcalico.org/v3", kind: "NetworkSet", metadata: { name: "set-a", namespace: "a", labels: { role: "set" } }, spec: { nets: ["8.8.8.0/24", "10.0.0.2/32"] } });
      out.push({ apiVersion: "projectcalico.org/v3", kind: "GlobalNetworkSet", metadata: { name: "gset", labels: { role: "set", app: "x" } }, spec: { nets: ["172.16.0.0/16"] } });
    }
    return out;
  });

/** The CNIs with policies of their own, for property tests that run once per CNI: title, CNI, its random objects. */
export const RANDOM_CNI_POLICIES: [string, CniChoice, fc.Arbitrary<Raw[]>][] = [
  ["Cilium: its policies, deny rules, entities and nodes", "cilium", randomCiliumPolicies],
  ["Calico: tiers, ordered policies, network sets", "calico", randomCalicoObjects],
];
