import { describe, expect, it } from "vitest";
import type { Finding } from "../findings/types";
import { NETWORK_RULES } from "./findings-catalogue";
import { networkFindings, type NetworkFindingOptions } from "./findings";
import { adminNetworkPolicy, deployment, ingress, namespace, networkPolicy, pod, service, snapshotOf } from "./fixtures";

type Raw = Record<string, unknown>;

const base: Raw[] = [
  namespace("locked"),
  namespace("open"),
  namespace("ingress-nginx"),
  deployment("locked", "api", { app: "api" }, { ports: [{ name: "http", containerPort: 8080 }] }),
  deployment("open", "web", { app: "web" }, { ports: [{ containerPort: 80 }], serviceAccountName: "web" }),
  deployment("ingress-nginx", "controller", { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" }),
  networkPolicy("locked", "default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }),
  networkPolicy("locked", "api", { podSelector: { matchLabels: { app: "api" } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }], ports: [{ port: "http" }] }] }),
];

function run(objects: Raw[], opts: NetworkFindingOptions = {}): Finding[] {
  return networkFindings(snapshotOf(objects), opts);
}

const rules = (fs: Finding[]) => fs.map((f) => `${f.rule} ${f.resources[0].namespace ?? ""}/${f.resources[0].name}`).sort();

describe("network findings", () => {
  it("flags namespaces without default-deny and workloads nothing restricts", () => {
    const fs = run(base);
    const r = rules(fs);
    expect(r).toContain("NP01 /open");
    expect(r).toContain("NP02 /open");
    expect(r).not.toContain("NP01 /locked");
    expect(r).not.toContain("NP02 /locked");
    expect(r).toContain("NP03 open/web");
    expect(r).not.toContain("NP03 locked/api");
    for (const f of fs) {
      expect(f.category).toBe("network");
      expect(f.focus?.view).toBe("network");
      expect(NETWORK_RULES.map((x) => x.rule)).toContain(f.rule);
    }
    expect(run(base).map((f) => f.id)).toEqual(fs.map((f) => f.id)); // stable ids
  });

  const node = { apiVersion: "v1", kind: "Node", metadata: { name: "n1" } } as Raw;

  it("in a manifests-only input, a peer that matches nothing is not reported (it may be deployed elsewhere)", () => {
    const fs = run([...base, networkPolicy("locked", "elsewhere", { podSelector: { matchLabels: { app: "api" } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "ghost" } } }] }] })]);
    expect(fs.filter((f) => f.rule === "NP05")).toEqual([]);
  });

  it("finds policies that select nothing and rules that can never match", () => {
    const fs = run([
      node, // a whole cluster: a peer matching nothing cannot exist
      ...base,
      networkPolicy("locked", "typo", { podSelector: { matchLabels: { app: "apii" } } }),
      networkPolicy("locked", "bad-port", { podSelector: { matchLabels: { app: "api" } }, ingress: [{ ports: [{ port: "metrics" }, { port: "http", protocol: "UDP" }] }] }),
      networkPolicy("locked", "bad-peer", { podSelector: { matchLabels: { app: "api" } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "ghost" } } }, { podSelector: { matchLabels: { app: "ghost" } } }] }] }),
      networkPolicy("locked", "named-to-ip", { podSelector: { matchLabels: { app: "api" } }, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: "https" }] }] }),
    ]);
    const np04 = fs.filter((f) => f.rule === "NP04").map((f) => f.resources[0].name);
    expect(np04).toEqual(["typo"]);
    const np05 = fs.filter((f) => f.rule === "NP05").map((f) => f.evidence);
    expect(np05).toEqual([
      "Ingress rule 1 (spec.ingress[0]) has a peer whose namespaceSelector matches no namespace (all pods in namespaces team=ghost)",
      "Ingress rule 1 (spec.ingress[0]) has a peer that matches no pod (pods app=ghost in namespace locked)",
      'Ingress rule 1 (spec.ingress[0]) allows named port "metrics" (TCP), which no selected pod declares with that protocol',
      'Ingress rule 1 (spec.ingress[0]) allows named port "http" (UDP), which no selected pod declares with that protocol',
      'Egress rule 1 (spec.egress[0]) uses named port "https" towards addresses only; a named port is resolved on a destination pod, so it never matches an address',
    ]);
    expect(new Set(fs.map((f) => f.id)).size).toBe(fs.length);
  });

  it("reports internet exposure with unrestricted ingress, and the attack path when the token is risky", () => {
    const exposed = [...base, service("open", "web", { app: "web" }, [{ port: 80 }], { type: "LoadBalancer" }), service("locked", "api", { app: "api" }, [{ port: 80, targetPort: "http" }]), ingress("locked", "api", [{ service: "api", port: 80 }])];
    const risk = (ns: string, name: string) => (ns === "open" && name === "web" ? { severity: "critical" as const, summary: "critical: can read Secrets cluster-wide" } : undefined);
    const fs = run(exposed, { serviceAccountRisk: risk });
    const np06 = fs.filter((f) => f.rule === "NP06");
    expect(np06.map((f) => f.resources[0].name)).toEqual(["web"]); // locked/api is exposed through the Ingress, but its policy narrows it to the controller
    expect(np06[0].evidence).toContain("LoadBalancer (Service open/web: TCP 80)");
    const np10 = fs.filter((f) => f.rule === "NP10");
    expect(np10).toHaveLength(1);
    expect(np10[0]).toMatchObject({ severity: "critical", resources: [{ kind: "Deployment", namespace: "open", name: "web" }, { kind: "ServiceAccount", namespace: "open", name: "web" }] });
    expect(np10[0].title).toBe("Attack path: internet → open/web → ServiceAccount web → can read Secrets cluster-wide");
    expect(run(exposed).filter((f) => f.rule === "NP10")).toEqual([]);
  });

  it("reports egress to the internet and the metadata address unless an admin policy denies it", () => {
    const fs = run(base);
    expect(rules(fs.filter((f) => f.rule === "NP07" || f.rule === "NP08"))).toEqual(["NP07 /ingress-nginx", "NP07 /open", "NP08 /ingress-nginx", "NP08 /open"]);
    const guarded = run([...base, adminNetworkPolicy("no-metadata", 1, { subject: { namespaces: {} }, egress: [{ name: "deny", action: "Deny", to: [{ networks: ["169.254.169.254/32"] }] }] })]);
    expect(guarded.filter((f) => f.rule === "NP08")).toEqual([]);
    expect(guarded.filter((f) => f.rule === "NP07")).toHaveLength(2);
  });

  it("flags host-networked workloads (as defaults in kube-system) and ANPs sharing a priority", () => {
    const fs = run([
      ...base,
      namespace("kube-system"),
      pod("kube-system", "kube-proxy-x", { k8s: "proxy" }, { hostNetwork: true, owner: { kind: "DaemonSet", name: "kube-proxy" } }),
      pod("open", "agent", {}, { hostNetwork: true, ports: [{ containerPort: 9100 }] }),
      adminNetworkPolicy("a", 5, { subject: { namespaces: {} }, ingress: [] }),
      adminNetworkPolicy("b", 5, { subject: { namespaces: {} }, ingress: [] }),
    ]);
    const np09 = fs.filter((f) => f.rule === "NP09");
    expect(np09.map((f) => [f.resources[0].name, !!f.isDefault])).toEqual([["kube-proxy", true], ["agent", false]]);
    expect(fs.filter((f) => f.rule === "NP11").map((f) => f.resources.map((r) => r.name))).toEqual([["a", "b"]]);
  });
});
