/**
 * Calico's semantics, each case named after the Calico document, test or code it comes from
 * (projectcalico/calico: felix/fv/*_test.go — ExpectSome = allowed, ExpectNone = denied —,
 * e2e/pkg/tests/policy/*.go, felix/calc/policy_sorter.go, libcalico-go updateprocessors/rules.go;
 * tigera/docs calico/reference/resources/*.mdx).
 */
import { describe, expect, it } from "vitest";
import { cniWorld } from "../cni-testing";

const cluster = `
apiVersion: v1
kind: Namespace
metadata: { name: shop, labels: { team: shop } }
---
apiVersion: v1
kind: Namespace
metadata: { name: other, labels: { team: other } }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: web-sa, namespace: shop, labels: { role: frontend } }
---
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop, labels: { app: web } }
spec: { serviceAccountName: web-sa, containers: [{ name: c, image: web:1, ports: [{ name: http, containerPort: 8080 }] }] }
status: { podIP: 10.0.1.1 }
---
apiVersion: v1
kind: Pod
metadata: { name: db, namespace: shop, labels: { app: db } }
spec: { containers: [{ name: c, image: db:1, ports: [{ name: pg, containerPort: 5432 }] }] }
status: { podIP: 10.0.1.2 }
---
apiVersion: v1
kind: Pod
metadata: { name: client, namespace: other, labels: { app: client } }
spec: { containers: [{ name: c, image: client:1 }] }
status: { podIP: 10.0.2.1 }
`;

const doc = (apiVersion: string, kind: string, name: string, ns: string | undefined, spec: string) => `
---
apiVersion: ${apiVersion}
kind: ${kind}
metadata: { name: ${name}${ns ? `, namespace: ${ns}` : ""} }
spec:
${spec.replace(/^\n/, "").replace(/^/gm, "  ")}`;
const np = (name: string, spec: string, ns = "shop") => doc("projectcalico.org/v3", "NetworkPolicy", name, ns, spec);
const gnp = (name: string, spec: string) => doc("projectcalico.org/v3", "GlobalNetworkPolicy", name, undefined, spec);
const tier = (name: string, spec: string) => doc("projectcalico.org/v3", "Tier", name, undefined, spec);
const knp = (name: string, spec: string, ns = "shop") => doc("networking.k8s.io/v1", "NetworkPolicy", name, ns, spec);

const world = (...objects: string[]) => cniWorld(cluster + objects.join(""), "calico");

describe("Calico: unselected pods and the namespace profile (kubernetes-default-deny.mdx; conversion.go NamespaceToProfile)", () => {
  it("allows everything while no policy selects a pod", () => {
    const w = world();
    expect(w.conn("other/client", "shop/db")).toBe("All Connections");
  });

  it("a Kubernetes NetworkPolicy isolates like upstream (default tier, order 1000)", () => {
    const w = world(knp("db", `
podSelector: { matchLabels: { app: db } }
ingress: [{ from: [{ podSelector: { matchLabels: { app: web } } }], ports: [{ port: 5432 }] }]`));
    expect(w.conn("shop/web", "shop/db")).toBe("TCP 5432");
    expect(w.conn("other/client", "shop/db")).toBe("No Connections");
  });
});

describe("Calico: rules and order (tier.mdx; _rule.mdx; felix/calc/policy_sorter.go)", () => {
  it("the first matching rule decides: [Deny, Allow] denies (e2e policy.go \"deny egress\")", () => {
    const w = world(np("deny-then-allow", `
selector: app == 'db'
ingress:
  - action: Deny
    source: { selector: app == 'web' }
  - action: Allow`));
    expect(w.conn("shop/web", "shop/db")).toBe("No Connections");
    expect(w.conn("shop/db", "shop/db")).toBe("All Connections");
  });

  it("Log goes on to the next rule", () => {
    const w = world(np("log", `
selector: app == 'db'
ingress:
  - action: Log
  - action: Allow
    source: { selector: app == 'web' }`));
    expect(w.conn("shop/web", "shop/db")).toBe("All Connections");
    expect(w.conn("other/client", "shop/db")).toBe("No Connections");
  });

  it("policies of a tier run in ascending order; a Calico policy before the KNP (order < 1000) decides first (NCA testcase25; conversion.go order 1000)", () => {
    const allowKnp = knp("allow-all", `
podSelector: {}
ingress: [{}]`);
    const early = np("deny-client", `
order: 500
selector: app == 'db'
ingress:
  - action: Deny
    source: { namespaceSelector: team == 'other' }`);
    expect(world(allowKnp, early).conn("other/client", "shop/db")).toBe("No Connections");
    const late = np("deny-client", `
order: 1500
selector: app == 'db'
ingress:
  - action: Deny
    source: { namespaceSelector: team == 'other' }`);
    expect(world(allowKnp, late).conn("other/client", "shop/db")).toBe("All Connections");
  });

  it("a policy without order comes after every ordered one (policy_sorter.go: missing order = +Inf)", () => {
    const w = world(
      np("no-order-deny", `
selector: app == 'db'
ingress:
  - action: Deny`),
      np("ordered-allow", `
order: 99999
selector: app == 'db'
ingress:
  - action: Allow`),
    );
    expect(w.conn("other/client", "shop/db")).toBe("All Connections");
  });

  it("a tier that selects the pod but decides nothing ends in Deny; later tiers never see it (FV tiered_policy_test.go)", () => {
    const w = world(
      tier("security", "order: 100"),
      gnp("security.watch-db", `
tier: security
selector: app == 'db'
ingress:
  - action: Deny
    source: { selector: app == 'nothing' }`),
      np("allow-all", `
selector: app == 'db'
ingress:
  - action: Allow`),
    );
    expect(w.conn("shop/web", "shop/db")).toBe("No Connections");
  });

  it("Pass hands the traffic to the next tier; defaultAction Pass lets undecided traffic on (tier.mdx; e2e tiers.go)", () => {
    const pass = world(
      tier("security", "order: 100"),
      gnp("security.pass-web", `
tier: security
selector: app == 'db'
ingress:
  - action: Pass
    source: { selector: app == 'web' }`),
      knp("db", `
podSelector: { matchLabels: { app: db } }
ingress: [{ from: [{ podSelector: { matchLabels: { app: web } } }] }]`),
    );
    expect(pass.conn("shop/web", "shop/db")).toBe("All Connections");
    expect(pass.conn("other/client", "shop/db")).toBe("No Connections");
    const open = world(
      tier("security", "order: 100\ndefaultAction: Pass"),
      gnp("security.noop", `
tier: security
selector: app == 'db'
ingress:
  - action: Deny
    source: { selector: app == 'nothing' }`),
    );
    expect(open.conn("other/client", "shop/db")).toBe("All Connections");
  });

  it("tiers run in ascending order; the default tier (1,000,000) after ordered ones", () => {
    const w = world(
      tier("late", "order: 2000000"),
      gnp("late.deny", `
tier: late
selector: app == 'db'
ingress:
  - action: Deny`),
      np("allow", `
selector: app == 'db'
ingress:
  - action: Allow
    source: { selector: app == 'web' }`),
    );
    expect(w.conn("shop/web", "shop/db")).toBe("All Connections");
    expect(w.conn("other/client", "shop/db")).toBe("No Connections");
  });
});

describe("Calico: types (networkpolicy.mdx Spec; FV ingress_egress_test.go)", () => {
  it("egress rules only → Egress only: ingress stays open", () => {
    const w = world(np("egress-only", `
selector: app == 'web'
egress:
  - action: Allow
    destination: { selector: app == 'db' }`));
    expect(w.conn("shop/web", "other/client")).toBe("No Connections");
    expect(w.conn("other/client", "shop/web")).toBe("All Connections");
  });

  it("explicit types [Ingress, Egress] with no egress rules denies all egress", () => {
    const w = world(np("both", `
selector: app == 'web'
types: [Ingress, Egress]
ingress:
  - action: Allow`));
    expect(w.conn("shop/web", "shop/db")).toBe("No Connections");
    expect(w.conn("shop/db", "shop/web")).toBe("All Connections");
  });
});

describe("Calico: peers (_entityrule.mdx, _selector-scopes.mdx; updateprocessors/rules.go getEndpointSelector and rules_test.go)", () => {
  it("a namespaced policy's selector covers its own namespace only; namespaceSelector sets the scope", () => {
    const own = world(np("own", `
selector: app == 'db'
ingress:
  - action: Allow
    source: { selector: has(app) }`));
    expect(own.conn("shop/web", "shop/db")).toBe("All Connections");
    expect(own.conn("other/client", "shop/db")).toBe("No Connections");
    const all = world(np("all-ns", `
selector: app == 'db'
ingress:
  - action: Allow
    source: { namespaceSelector: all(), selector: has(app) }`));
    expect(all.conn("other/client", "shop/db")).toBe("All Connections");
  });

  it("notSelector in a namespaced policy also limits the peer to its namespace: outside addresses do not match (rules.go L44-49)", () => {
    const w = world(np("not", `
selector: app == 'db'
ingress:
  - action: Allow
    source: { notSelector: app == 'web' }`));
    expect(w.conn("shop/web", "shop/db")).toBe("No Connections");
    expect(w.conn("shop/db", "shop/db")).toBe("All Connections");
    expect(w.conn("8.8.8.8", "shop/db")).toBe("No Connections");
    expect(w.conn("other/client", "shop/db")).toBe("No Connections");
  });

  it("no selector matches every address, pods included; nets and ipBlock match pod IPs (FV named_ports_test.go source CIDRs; calico#6634)", () => {
    const w = world(np("nets", `
selector: app == 'db'
ingress:
  - action: Allow
    source: { nets: [10.0.2.0/24] }`));
    expect(w.conn("other/client", "shop/db")).toBe("All Connections");
    expect(w.conn("10.0.2.77", "shop/db")).toBe("All Connections");
    expect(w.conn("shop/web", "shop/db")).toBe("No Connections");
    const k = world(knp("ipblock", `
podSelector: { matchLabels: { app: db } }
ingress: [{ from: [{ ipBlock: { cidr: 10.0.2.0/24 } }] }]`));
    expect(k.conn("other/client", "shop/db")).toBe("All Connections");
  });

  it("service accounts by name and by their labels (service-accounts.mdx; e2e \"should support service account selectors\")", () => {
    const byName = world(np("sa", `
selector: app == 'db'
ingress:
  - action: Allow
    source: { serviceAccounts: { names: [web-sa] } }`));
    expect(byName.conn("shop/web", "shop/db")).toBe("All Connections");
    expect(byName.conn("shop/db", "shop/db")).toBe("All Connections");
    const bySelector = world(np("sa", `
selector: app == 'db'
ingress:
  - action: Allow
    source: { serviceAccounts: { selector: role == 'frontend' } }`));
    expect(bySelector.conn("shop/web", "shop/db")).toBe("All Connections");
    const dflt = world(np("default-sa", `
selector: app == 'web'
ingress:
  - action: Allow
    source: { serviceAccounts: { names: [default] } }`));
    expect(dflt.conn("shop/db", "shop/web")).toBe("All Connections");
  });

  it("a NetworkSet is matched by its labels, in its namespace; a GlobalNetworkSet needs global() from a namespaced policy (networkset.mdx, globalnetworkset.mdx)", () => {
    const sets = `
---
apiVersion: projectcalico.org/v3
kind: NetworkSet
metadata: { name: partners, namespace: shop, labels: { role: partner } }
spec: { nets: [198.51.100.0/24] }
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkSet
metadata: { name: scanners, labels: { role: scanner } }
spec: { nets: [203.0.113.0/24] }`;
    const w = world(
      sets,
      np("sets", `
selector: app == 'db'
ingress:
  - action: Allow
    source: { selector: role == 'partner' }
  - action: Allow
    source: { namespaceSelector: global(), selector: role == 'scanner' }
  - action: Allow
    source: { selector: role == 'scanner' }`),
    );
    expect(w.conn("198.51.100.7", "shop/db")).toBe("All Connections");
    expect(w.conn("203.0.113.9", "shop/db")).toBe("All Connections");
    expect(w.conn("192.0.2.1", "shop/db")).toBe("No Connections");
  });
});

describe("Calico: ports and protocols (_ports.mdx; validator.go validateRule; FV named_ports_test.go)", () => {
  it("protocol limits the rule; numeric ports and start:end ranges; notPorts takes away", () => {
    const w = world(np("ports", `
selector: app == 'db'
ingress:
  - action: Allow
    protocol: TCP
    destination: { ports: [5432, "8000:8010"], notPorts: [8005] }`));
    expect(w.conn("shop/web", "shop/db")).toBe("TCP 5432,8000-8004,8006-8010");
  });

  it("a named port resolves on the destination pod; without a protocol it matches the port's own protocol", () => {
    const w = world(np("named", `
selector: app == 'db'
ingress:
  - action: Allow
    destination: { ports: [pg] }`));
    expect(w.conn("shop/web", "shop/db")).toBe("TCP 5432");
  });

  it("ports without a protocol are refused (validator.go: rules with numeric port must set protocol)", () => {
    expect(() =>
      world(np("bad", `
selector: app == 'db'
ingress:
  - action: Allow
    destination: { ports: [5432] }`),
      ),
    ).toThrow(/numeric ports need protocol/);
  });

  it("notProtocol takes a protocol away", () => {
    const w = world(np("not-udp", `
selector: app == 'db'
ingress:
  - action: Allow
    notProtocol: UDP`));
    expect(w.conn("shop/web", "shop/db")).toBe("SCTP 1-65535,TCP 1-65535");
  });
});

describe("Calico: staged policies and admin tiers (staged-network-policies.mdx; e2e staged_policy.go; conversion.go ANP)", () => {
  it("staged policies are shown but never enforced", () => {
    const w = world(doc("projectcalico.org/v3", "StagedNetworkPolicy", "staged-deny", "shop", `
selector: app == 'db'
ingress:
  - action: Deny`));
    expect(w.model.snapshot.calicoPolicies[0].stagedAction).toBe("Set");
    expect(w.conn("shop/web", "shop/db")).toBe("All Connections");
  });

  it("an AdminNetworkPolicy lives in the adminnetworkpolicy tier (order 1000) and decides before NetworkPolicies", () => {
    const w = world(
      doc("policy.networking.k8s.io/v1alpha1", "AdminNetworkPolicy", "deny-other", undefined, `
priority: 10
subject: { namespaces: { matchLabels: { team: shop } } }
ingress:
  - name: deny-other
    action: Deny
    from: [{ namespaces: { matchLabels: { team: other } } }]`),
      knp("allow-all", `
podSelector: {}
ingress: [{}]`),
    );
    expect(w.conn("other/client", "shop/db")).toBe("No Connections");
    expect(w.conn("shop/web", "shop/db")).toBe("All Connections");
    expect(w.model.program.layers.map((l) => l.id)).toEqual(["calico-host", "calico-tier:adminnetworkpolicy", "calico-tier:default"]);
  });
});
