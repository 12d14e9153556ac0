/**
 * Flow fixes under a CNI's own policies (flow-cni.ts), pinned on small clusters, then a property
 * test on random Calico and Cilium clusters (cni-random.ts).
 * - Calico (docs.tigera.io/calico/latest/reference/resources/tier, "How policy is evaluated"): in
 *   a tier the first Allow or Deny ends evaluation, Pass goes on to the next tier, and a tier whose
 *   policies apply but take no action drops the packet.
 * - Cilium (docs.cilium.io/en/latest/security/policy/deny): deny policies take precedence over
 *   allow policies, whatever their kind; a pod selected by any policy is in default deny.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Pod, Protocol } from "../model";
import { snapshotFromYaml } from "../model/testing";
import type { CniChoice } from "../netpol/cni/profiles";
import { podYaml } from "../netpol/cni-testing";
import { nodeObjects, randomCalicoObjects, randomCiliumPolicies } from "../netpol/cni-random";
import { snapshotOf } from "../netpol/fixtures";
import { randomCluster } from "../netpol/random-cluster";
import { fixFlow } from "./flow";
import { checkAlternatives } from "./flow-testing";

const ns = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata: { name: ${name}, labels: { kubernetes.io/metadata.name: ${name} } }\n`;
const cluster = (...docs: string[]) => snapshotFromYaml([ns("a"), ns("b"), podYaml("a", "web", "10.0.0.1"), podYaml("a", "other", "10.0.0.2"), podYaml("b", "db", "10.0.0.3"), ...docs].join("---\n"));
const WEB_DB = { from: "a/web", to: "b/db", port: 5432, protocol: "TCP" as const };
const pods = (s: ReturnType<typeof cluster>, ...refs: string[]) => refs.map((r) => s.pods.find((p) => `${p.namespace}/${p.name}` === r)!);

const securityTier = (defaultAction: "Deny" | "Pass") => `apiVersion: projectcalico.org/v3
kind: Tier
metadata: { name: security }
spec: { order: 100, defaultAction: ${defaultAction} }
`;

/** A Calico policy (projectcalico.org/v3): a GlobalNetworkPolicy, or a NetworkPolicy in `namespace`. */
const calicoPolicy = (name: string, spec: string, namespace?: string) => `apiVersion: projectcalico.org/v3
kind: ${namespace ? "NetworkPolicy" : "GlobalNetworkPolicy"}
metadata: { name: ${name}${namespace ? `, namespace: ${namespace}` : ""} }
spec: ${spec}
`;

describe("Calico: the tier that decides is where the change goes", () => {
  const calico = { cni: "calico" as CniChoice };

  it("a Deny rule: an Allow (or a Pass) inserted just before it, in its policy, owned by the tier", () => {
    const s = cluster(
      securityTier("Deny"),
      calicoPolicy("security.block-a", "{ tier: security, order: 10, selector: app == 'db', types: [Ingress], ingress: [{ action: Allow, source: { selector: app == 'nobody' } }, { action: Deny, source: { namespaceSelector: projectcalico.org/name == 'a' } }, { action: Pass }] }"),
    );
    const fix = fixFlow(s, WEB_DB, calico);
    expect(fix.sides.find((x) => x.direction === "ingress")).toMatchObject({ allowed: false, decidedBy: "rule" });
    expect(fix.alternatives.map((a) => a.title)).toEqual(["an Allow rule in GlobalNetworkPolicy security.block-a (tier security) before rule 2, which denies it", "a Pass rule in GlobalNetworkPolicy security.block-a (tier security) before rule 2, which denies it"]);
    const [allow, pass] = fix.alternatives;
    expect(allow).toMatchObject({ admits: true, draft: false, opened: [], closed: [] });
    expect(allow.owners).toEqual(["the owners of Calico tier security (GlobalNetworkPolicy security.block-a)"]);
    expect(allow.yaml).toContain("kubectl patch globalnetworkpolicies.projectcalico.org security.block-a --type=json");
    expect(allow.yaml).toContain("path: /spec/ingress/1");
    expect(allow.yaml).toContain("selector: projectcalico.org/orchestrator == 'k8s' && app == 'web'");
    expect(allow.yaml).toContain("namespaceSelector: projectcalico.org/name == 'a'");
    expect(pass.notes[0]).toContain("Pass hands the flow to the tiers after security");
    checkAlternatives(s, calico, fix, ...(pods(s, "a/web", "b/db") as [Pod, Pod]), 5432, "TCP");
  });

  it("a Pass leads to the next tier: when a NetworkPolicy there isolates the pod, the chain adds its rule too", () => {
    const s = cluster(
      securityTier("Deny"),
      calicoPolicy("security.block-a", "{ tier: security, selector: app == 'db', types: [Ingress], ingress: [{ action: Deny, source: { namespaceSelector: all() } }] }"),
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny-all, namespace: b }
spec: { podSelector: {}, policyTypes: [Ingress] }
`,
    );
    const fix = fixFlow(s, WEB_DB, calico);
    const pass = fix.alternatives.find((a) => a.title.startsWith("a Pass rule"))!;
    expect(pass.steps).toEqual(["GlobalNetworkPolicy security.block-a: insert at spec.ingress[0] a Pass rule for TCP 5432 from a/web[Pod]", "NetworkPolicy b/deny-all: add spec.ingress[0] allowing TCP 5432 from a/web[Pod]"]);
    expect(pass.owners).toEqual(["the owners of Calico tier security (GlobalNetworkPolicy security.block-a)", "the owners of namespace b"]);
    checkAlternatives(s, calico, fix, ...(pods(s, "a/web", "b/db") as [Pod, Pod]), 5432, "TCP");
  });

  it("a tier's default Deny (its policy selects the pod, no rule decides): an Allow at the end of that policy", () => {
    const s = cluster(
      securityTier("Deny"),
      calicoPolicy("security.db-in", "{ tier: security, selector: app == 'db', types: [Ingress], ingress: [{ action: Allow, source: { selector: app == 'nobody' } }] }", "b"),
    );
    const fix = fixFlow(s, WEB_DB, calico);
    expect(fix.sides.find((x) => x.direction === "ingress")?.decidedBy).toBe("layer-default");
    expect(fix.alternatives).toHaveLength(1);
    expect(fix.alternatives[0].yaml).toContain("kubectl patch networkpolicies.projectcalico.org security.db-in -n b --type=json");
    expect(fix.alternatives[0].yaml).toContain("path: /spec/ingress/1");
    checkAlternatives(s, calico, fix, ...(pods(s, "a/web", "b/db") as [Pod, Pod]), 5432, "TCP");
  });
});

/** A CiliumNetworkPolicy b/db selecting the db pod, with these rules. */
const dbPolicy = (rules: string) => `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: db, namespace: b }
spec: { endpointSelector: { matchLabels: { app: db } }, ${rules} }
`;

describe("Cilium: a deny rule wins over every allow, so the deny rule itself is narrowed", () => {
  const cilium = { cni: "cilium" as CniChoice };

  it("a deny of the whole namespace: leave the peer's workload out of it on the one port (nothing else opens), or remove it (the rest of the namespace opens)", () => {
    const s = cluster(dbPolicy("ingress: [{ fromEntities: [cluster] }], ingressDeny: [{ fromEndpoints: [{ matchLabels: { io.kubernetes.pod.namespace: a } }] }]"));
    const fix = fixFlow(s, WEB_DB, cilium);
    expect(fix.alternatives.map((a) => [a.title, a.opened.map((c) => `${c.src} => ${c.dst}`)])).toEqual([
      ["leave a/web[Pod] on TCP 5432 out of the deny rule spec.ingressDeny[0] of CiliumNetworkPolicy b/db", []],
      ["remove the deny rule spec.ingressDeny[0] of CiliumNetworkPolicy b/db", ["a/other[Pod] => b/db[Pod]", "a/web[Pod] => b/db[Pod]"]],
    ]);
    const [narrow] = fix.alternatives;
    expect(narrow.notes[0]).toContain("a deny rule wins over every allow rule");
    expect(narrow.yaml).toContain("path: /spec/ingressDeny/0/fromEndpoints");
    expect(narrow.yaml).toContain("operator: NotIn");
    // the peer's other ports stay denied by a rule of its own, just after
    expect(narrow.yaml).toContain("path: /spec/ingressDeny/1");
    expect(narrow.yaml).toContain("endPort: 5431");
    expect(narrow.notes[1]).toContain("ICMP from a/web[Pod] is no longer denied");
    expect(narrow.owners).toEqual(["the owners of namespace b (CiliumNetworkPolicy b/db)"]);
    checkAlternatives(s, cilium, fix, ...(pods(s, "a/web", "b/db") as [Pod, Pod]), 5432, "TCP");
  });

  it("default deny from a selecting CiliumNetworkPolicy: a new NetworkPolicy for the workload (a draft), or an allow rule in the Cilium policy", () => {
    const s = cluster(dbPolicy("ingress: [{ fromEndpoints: [{ matchLabels: { app: nobody } }] }]"));
    const fix = fixFlow(s, WEB_DB, cilium);
    expect(fix.sides.find((x) => x.direction === "ingress")?.decidedBy).toBe("layer-default");
    expect(fix.alternatives.map((a) => [a.title, a.draft])).toEqual([
      ["a new NetworkPolicy b/allow-from-a-web-tcp-5432 for b/db[Pod]", true],
      ["an allow rule in CiliumNetworkPolicy b/db", false],
    ]);
    expect(fix.alternatives[1].yaml).toContain("path: /spec/ingress/-");
    checkAlternatives(s, cilium, fix, ...(pods(s, "a/web", "b/db") as [Pod, Pod]), 5432, "TCP");
  });
});

const PORTS: [number, Protocol][] = [[80, "TCP"], [53, "UDP"], [8080, "TCP"], [443, "TCP"]];

function property(cni: CniChoice, policies: fc.Arbitrary<Record<string, unknown>[]>) {
  fc.assert(
    fc.property(randomCluster, policies, fc.nat(), fc.nat(), fc.constantFrom(...PORTS), (rc, extra, i, j, [port, protocol]) => {
      const objects = [...rc.objects.map((o) => (o.kind === "Pod" ? { ...o, spec: { ...(o.spec as object), hostNetwork: false } } : o)), ...extra, ...nodeObjects()];
      const s = snapshotOf(objects);
      const engine = { ipBlockMatchesPods: rc.ipBlockMatchesPods, cni };
      const [a, b] = [s.pods[i % s.pods.length], s.pods[j % s.pods.length]];
      fc.pre(a !== b);
      const fix = fixFlow(s, { from: `${a.namespace}/${a.name}`, to: `${b.namespace}/${b.name}`, port, protocol }, engine);
      fc.pre(!fix.allowedBefore && fix.alternatives.length > 0);
      checkAlternatives(s, engine, fix, a, b, port, protocol);
    }),
    { numRuns: 40 },
  );
}

describe("flow fixes under a CNI on random clusters (property)", () => {
  it("Calico: every alternative admits the flow; its blast radius is exactly the evaluator's difference", () => property("calico", randomCalicoObjects));
  it("Cilium: every alternative admits the flow; its blast radius is exactly the evaluator's difference", () => property("cilium", randomCiliumPolicies));
});
