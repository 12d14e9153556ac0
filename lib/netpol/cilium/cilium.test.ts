/**
 * Cilium's L3/L4 semantics, each case named after the Cilium document, connectivity test
 * (cilium-cli/connectivity/builder/*.go + manifests/) or code it comes from (cilium/cilium).
 */
import { describe, expect, it } from "vitest";
import { cniWorld } from "../cni-testing";

const cluster = `
apiVersion: v1
kind: Node
metadata: { name: node-a }
status: { addresses: [{ type: InternalIP, address: 192.168.0.10 }] }
---
apiVersion: v1
kind: Node
metadata: { name: node-b }
status: { addresses: [{ type: InternalIP, address: 192.168.0.11 }] }
---
apiVersion: v1
kind: Namespace
metadata: { name: shop, labels: { team: shop } }
---
apiVersion: v1
kind: Namespace
metadata: { name: other, labels: { team: other } }
---
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop, labels: { app: web, pod-template-hash: 5d4f } }
spec: { nodeName: node-a, serviceAccountName: web-sa, containers: [{ name: c, image: web:1 }] }
status: { podIP: 10.0.1.1 }
---
apiVersion: v1
kind: Pod
metadata: { name: db, namespace: shop, labels: { app: db } }
spec: { nodeName: node-a, containers: [{ name: c, image: db:1, ports: [{ name: pg, containerPort: 5432 }] }] }
status: { podIP: 10.0.1.2 }
---
apiVersion: v1
kind: Pod
metadata: { name: client, namespace: other, labels: { app: client } }
spec: { nodeName: node-b, containers: [{ name: c, image: client:1 }] }
status: { podIP: 10.0.2.1 }
---
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: other, labels: { app: web } }
spec: { nodeName: node-b, containers: [{ name: c, image: web:1 }] }
status: { podIP: 10.0.2.2 }
`;

const cnp = (name: string, spec: string, ns = "shop") => `
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: ${name}, namespace: ${ns} }
spec:
${spec.replace(/^\n/, "").replace(/^/gm, "  ")}`;

const ccnp = (name: string, spec: string) => `
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: ${name} }
spec:
${spec.replace(/^\n/, "").replace(/^/gm, "  ")}`;

const world = (...policies: string[]) => cniWorld(cluster + policies.join(""), "cilium");

describe("Cilium: default policy (Documentation/security/policy/intro.rst, Endpoint default policy)", () => {
  it("allows everything while no policy selects a pod", () => {
    const w = world();
    expect(w.conn("other/client", "shop/db")).toBe("All Connections");
    expect(w.conn("8.8.8.8", "shop/db")).toBe("All Connections");
  });

  it("the issue's shop example: only app=web on 5432 reaches db once a CNP selects it", () => {
    const w = world(cnp("db", `
endpointSelector: { matchLabels: { app: db } }
ingress:
  - fromEndpoints: [{ matchLabels: { app: web } }]
    toPorts: [{ ports: [{ port: "5432", protocol: TCP }] }]`));
    expect(w.conn("shop/web", "shop/db")).toBe("TCP 5432");
    expect(w.allows("shop/web", "shop/db", 80)).toBe(false);
    expect(w.conn("other/web", "shop/db")).toBe("No Connections");
    expect(w.conn("shop/db", "shop/web")).toBe("All Connections");
  });

  it("`ingress: [{}]` denies all ingress (connectivity all_ingress_deny.go, manifests/deny-all-ingress.yaml)", () => {
    const w = world(cnp("deny-all", `
endpointSelector: {}
ingress:
  - {}`));
    expect(w.conn("shop/web", "shop/db")).toBe("No Connections");
    expect(w.conn("8.8.8.8", "shop/db")).toBe("No Connections");
    expect(w.conn("shop/db", "8.8.8.8")).toBe("All Connections");
  });

  it("enableDefaultDeny: false adds allows without isolating (intro.rst, EnableDefaultDeny)", () => {
    const w = world(cnp("dns-only", `
endpointSelector: {}
enableDefaultDeny: { ingress: false }
ingress:
  - fromEndpoints: [{ matchLabels: { app: web } }]`));
    expect(w.conn("other/client", "shop/db")).toBe("All Connections");
  });

  it("a policy without any rule section is rejected by the agent and enforces nothing (rule_validation.go Rule.Validate)", () => {
    const w = world(cnp("empty", `
endpointSelector: {}
ingress: []`));
    expect(w.model.snapshot.ciliumPolicies[0].invalid).toMatch(/at least one of Ingress, IngressDeny, Egress, EgressDeny/);
    expect(w.conn("other/client", "shop/db")).toBe("All Connections");
  });
});

describe("Cilium: deny policies (Documentation/security/policy/language.rst, Deny Policies)", () => {
  it("a deny rule wins over an allow of another policy (echo_ingress_from_other_client_deny.go)", () => {
    const w = world(
      cnp("allow-all-in-ns", `
endpointSelector: {}
ingress:
  - fromEndpoints: [{}]`),
      cnp("deny-web", `
endpointSelector: { matchLabels: { app: db } }
ingressDeny:
  - fromEndpoints: [{ matchLabels: { app: web } }]`),
    );
    expect(w.conn("shop/web", "shop/db")).toBe("No Connections");
    expect(w.conn("shop/db", "shop/web")).toBe("All Connections");
  });

  it("a deny-only policy still isolates its pods (rule_validation.go Sanitize: len(Ingress) > 0 || len(IngressDeny) > 0)", () => {
    const w = world(cnp("deny-client", `
endpointSelector: { matchLabels: { app: db } }
ingressDeny:
  - fromEndpoints: [{ matchLabels: { io.kubernetes.pod.namespace: other } }]`));
    expect(w.conn("other/client", "shop/db")).toBe("No Connections");
    expect(w.conn("shop/web", "shop/db")).toBe("No Connections");
  });

  it("an L4 deny carves ports out of an L3 allow, across kinds: a NetworkPolicy allow and a CNP deny", () => {
    const w = world(
      `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: allow-web, namespace: shop }
spec:
  podSelector: { matchLabels: { app: db } }
  ingress: [{ from: [{ podSelector: { matchLabels: { app: web } } }] }]`,
      cnp("no-80", `
endpointSelector: { matchLabels: { app: db } }
enableDefaultDeny: { ingress: false }
ingressDeny:
  - toPorts: [{ ports: [{ port: "80", protocol: TCP }] }]`),
    );
    expect(w.conn("shop/web", "shop/db")).toBe("SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535");
    expect(w.conn("other/client", "shop/db")).toBe("No Connections");
  });
});

describe("Cilium: selectors and namespaces (Documentation/network/kubernetes/policy.rst, kubernetes.rst)", () => {
  it("peer selectors of a namespaced policy are limited to its namespace, `{}` included (utils.go getEndpointSelector)", () => {
    const w = world(cnp("ns-only", `
endpointSelector: { matchLabels: { app: db } }
ingress:
  - fromEndpoints: [{}]`));
    expect(w.conn("shop/web", "shop/db")).toBe("All Connections");
    expect(w.conn("other/web", "shop/db")).toBe("No Connections");
    expect(w.conn("8.8.8.8", "shop/db")).toBe("No Connections");
  });

  it("naming io.kubernetes.pod.namespace (k8s: prefix) opens another namespace", () => {
    const w = world(cnp("from-other", `
endpointSelector: { matchLabels: { app: db } }
ingress:
  - fromEndpoints: [{ matchLabels: { "k8s:io.kubernetes.pod.namespace": other, app: web } }]`));
    expect(w.conn("other/web", "shop/db")).toBe("All Connections");
    expect(w.conn("other/client", "shop/db")).toBe("No Connections");
    expect(w.conn("shop/web", "shop/db")).toBe("No Connections");
  });

  it("a namespace label selector (io.cilium.k8s.namespace.labels.*) spans namespaces", () => {
    const w = world(cnp("team-other", `
endpointSelector: { matchLabels: { app: db } }
ingress:
  - fromEndpoints: [{ matchLabels: { io.cilium.k8s.namespace.labels.team: other } }]`));
    expect(w.conn("other/client", "shop/db")).toBe("All Connections");
    expect(w.conn("shop/web", "shop/db")).toBe("No Connections");
  });

  it("the endpointSelector of a namespaced policy never selects pods elsewhere, even naming another namespace (utils.go ParseToCiliumRule)", () => {
    const w = world(cnp("deny", `
endpointSelector: { matchLabels: { app: web, io.kubernetes.pod.namespace: other } }
ingress:
  - {}`));
    expect(w.conn("other/client", "other/web")).toBe("All Connections");
    expect(w.conn("other/client", "shop/web")).toBe("No Connections");
  });

  it("a clusterwide policy's `fromEndpoints: [{}]` is every pod of the cluster, never world (kubernetes.rst, Clusterwide Policies)", () => {
    const w = world(ccnp("all-pods", `
endpointSelector: { matchLabels: { app: db } }
ingress:
  - fromEndpoints: [{}]`));
    expect(w.conn("other/client", "shop/db")).toBe("All Connections");
    expect(w.conn("8.8.8.8", "shop/db")).toBe("No Connections");
  });

  it("service account identity labels select (client_egress_to_echo_service_account.go)", () => {
    const w = world(cnp("sa", `
endpointSelector: { matchLabels: { app: db } }
ingress:
  - fromEndpoints: [{ matchLabels: { io.cilium.k8s.policy.serviceaccount: web-sa } }]`));
    expect(w.conn("shop/web", "shop/db")).toBe("All Connections");
    expect(w.conn("shop/db", "shop/db")).toBe("All Connections");
  });

  it("labels the identity filter drops never match (pkg/labelsfilter defaultLabelPrefixCfg: pod-template-hash)", () => {
    const w = world(cnp("by-hash", `
endpointSelector: { matchLabels: { app: db } }
ingress:
  - fromEndpoints: [{ matchLabels: { pod-template-hash: 5d4f } }]`));
    expect(w.conn("shop/web", "shop/db")).toBe("No Connections");
  });

  it("a NetworkPolicy and a CNP selecting one pod both isolate it and their allows add up (policy.rst)", () => {
    const w = world(
      `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: from-web, namespace: shop }
spec:
  podSelector: { matchLabels: { app: db } }
  ingress: [{ from: [{ podSelector: { matchLabels: { app: web } } }], ports: [{ port: 5432 }] }]`,
      cnp("from-other", `
endpointSelector: { matchLabels: { app: db } }
ingress:
  - fromEndpoints: [{ matchLabels: { io.kubernetes.pod.namespace: other, app: client } }]
    toPorts: [{ ports: [{ port: "9000" }] }]`),
    );
    expect(w.conn("shop/web", "shop/db")).toBe("TCP 5432");
    expect(w.conn("other/client", "shop/db")).toBe("SCTP 9000,TCP 9000,UDP 9000");
    expect(w.conn("other/web", "shop/db")).toBe("No Connections");
  });
});

describe("Cilium: entities and CIDRs (language.rst, Entities based / IP/CIDR based)", () => {
  it("fromEntities world admits outside addresses but not pods or nodes", () => {
    const w = world(cnp("world", `
endpointSelector: { matchLabels: { app: web } }
ingress:
  - fromEntities: [world]`));
    expect(w.conn("8.8.8.8", "shop/web")).toBe("All Connections");
    expect(w.conn("other/client", "shop/web")).toBe("No Connections");
    expect(w.conn("192.168.0.11", "shop/web")).toBe("No Connections");
  });

  it("cluster admits pods and nodes, not the world (cluster_entity.go)", () => {
    const w = world(cnp("cluster", `
endpointSelector: { matchLabels: { app: web } }
ingress:
  - fromEntities: [cluster]`));
    expect(w.conn("other/client", "shop/web")).toBe("All Connections");
    expect(w.conn("192.168.0.11", "shop/web")).toBe("All Connections");
    expect(w.conn("8.8.8.8", "shop/web")).toBe("No Connections");
  });

  it("a node always reaches the pods it runs; other nodes need remote-node (allow-localhost)", () => {
    const isolate = cnp("isolate", `
endpointSelector: { matchLabels: { app: web } }
ingress:
  - {}`);
    const w = world(isolate);
    expect(w.conn("192.168.0.10", "shop/web")).toBe("All Connections");
    expect(w.conn("192.168.0.11", "shop/web")).toBe("No Connections");
    const w2 = world(cnp("remote", `
endpointSelector: { matchLabels: { app: web } }
ingress:
  - fromEntities: [remote-node]`));
    expect(w2.conn("192.168.0.11", "shop/web")).toBe("All Connections");
  });

  it("toEntities host is the pod's own node only (host_entity_egress.go)", () => {
    const w = world(cnp("to-host", `
endpointSelector: { matchLabels: { app: web } }
egress:
  - toEntities: [host]`));
    expect(w.conn("shop/web", "192.168.0.10")).toBe("All Connections");
    expect(w.conn("shop/web", "192.168.0.11")).toBe("No Connections");
  });

  it("CIDR rules never match pods, even inside the CIDR (to_cidr_external.go; language.rst IP/CIDR based)", () => {
    const w = world(cnp("cidr", `
endpointSelector: { matchLabels: { app: web } }
egress:
  - toCIDRSet: [{ cidr: 10.0.0.0/8, except: [10.9.0.0/16] }]`));
    expect(w.conn("shop/web", "shop/db")).toBe("No Connections");
    expect(w.conn("shop/web", "10.8.0.1")).toBe("All Connections");
    expect(w.conn("shop/web", "10.9.0.1")).toBe("No Connections");
  });

  it("a NetworkPolicy ipBlock under Cilium matches neither pods nor nodes (policy.rst; language.rst Selecting nodes)", () => {
    const w = world(`
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: egress-block, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Egress]
  egress: [{ to: [{ ipBlock: { cidr: 0.0.0.0/0 } }] }]`);
    expect(w.conn("shop/web", "8.8.8.8")).toBe("All Connections");
    expect(w.conn("shop/web", "other/client")).toBe("No Connections");
    expect(w.conn("shop/web", "192.168.0.11")).toBe("No Connections");
  });
});

describe("Cilium: ports (Documentation/security/policy/language.rst Layer 4; pkg/policy/api/l4.go)", () => {
  it("ports without peers admit every peer on those ports, world included", () => {
    const w = world(cnp("ports-only", `
endpointSelector: { matchLabels: { app: db } }
ingress:
  - toPorts: [{ ports: [{ port: "5432", protocol: TCP }, { port: "8000", endPort: 8010, protocol: UDP }] }]`));
    expect(w.conn("8.8.8.8", "shop/db")).toBe("TCP 5432,UDP 8000-8010");
    expect(w.conn("other/client", "shop/db")).toBe("TCP 5432,UDP 8000-8010");
  });

  it("protocol ANY (or none) is TCP, UDP and SCTP; port 0 is every port", () => {
    const w = world(cnp("any", `
endpointSelector: { matchLabels: { app: db } }
ingress:
  - toPorts: [{ ports: [{ port: "53" }, { port: "0", protocol: SCTP }] }]`));
    expect(w.conn("shop/web", "shop/db")).toBe("SCTP 1-65535,TCP 53,UDP 53");
  });

  it("a named port resolves on the destination pod", () => {
    const w = world(cnp("named", `
endpointSelector: { matchLabels: { app: db } }
ingress:
  - toPorts: [{ ports: [{ port: pg, protocol: TCP }] }]`));
    expect(w.conn("shop/web", "shop/db")).toBe("TCP 5432");
  });

  it("a peer field written as an empty list selects nothing (pkg/policy/utils mergeEndpointSelectors)", () => {
    const w = world(cnp("empty-list", `
endpointSelector: { matchLabels: { app: db } }
ingress:
  - fromEndpoints: []
    toPorts: [{ ports: [{ port: "5432" }] }]`));
    expect(w.conn("shop/web", "shop/db")).toBe("No Connections");
  });

  it("combining two L3 fields in one rule is rejected by the agent (rule_validation.go IngressCommonRule.Validate)", () => {
    const w = world(cnp("combined", `
endpointSelector: { matchLabels: { app: db } }
ingress:
  - fromEndpoints: [{ matchLabels: { app: web } }]
    fromCIDR: [10.0.0.0/8]`));
    expect(w.model.snapshot.ciliumPolicies[0].invalid).toBe("spec.ingress[0]: combining fromEndpoints and fromCIDR is not supported yet");
    expect(w.conn("other/client", "shop/db")).toBe("All Connections");
  });
});
