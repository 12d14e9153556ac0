/**
 * NetworkPolicies of a team namespace, in the patterns real clusters use: default-deny (ingress, and
 * sometimes egress with a DNS exception), allow from the ingress controller and from Prometheus on
 * named ports, per-app allows between tiers, allows from other namespaces of the team by label
 * expression, egress to the internet except the metadata address, now and then an allow-all.
 */
import type { Rng } from "./random";
import type { TeamNamespaceInit } from "./team";
import type { AppPlan, JsonObject, PolicyDesc } from "./types";

const NAME_LABEL = "kubernetes.io/metadata.name";
const nsSel = (name: string) => ({ matchLabels: { [NAME_LABEL]: name } });

function candidates(rng: Rng, ns: TeamNamespaceInit, apps: AppPlan[]): PolicyDesc[] {
  const deployments = apps.filter((a) => a.kind === "Deployment");
  const frontends = deployments.filter((a) => a.tier === "frontend");
  const backends = deployments.filter((a) => a.tier !== "frontend");
  const out: PolicyDesc[] = [];
  const add = (name: string, spec: JsonObject) => out.push({ name, spec });

  const perAppFirst = rng.chance(0.3);
  const baseline = () => {
    add("default-deny-ingress", { podSelector: {}, policyTypes: ["Ingress"] });
    add("allow-same-namespace", { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }], policyTypes: ["Ingress"] });
    add("allow-prometheus-scrape", {
      podSelector: {},
      ingress: [{ from: [{ namespaceSelector: nsSel("monitoring"), podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } } }], ports: [{ port: "metrics", protocol: "TCP" }] }],
      policyTypes: ["Ingress"],
    });
    if (frontends.length > 0) {
      add("allow-from-ingress-controller", {
        podSelector: { matchLabels: { tier: "frontend" } },
        ingress: [{ from: [{ namespaceSelector: nsSel("ingress-nginx"), podSelector: { matchLabels: { "app.kubernetes.io/name": "ingress-nginx" } } }], ports: [{ port: "http", protocol: "TCP" }] }],
        policyTypes: ["Ingress"],
      });
    }
    if (rng.chance(0.4)) {
      add("default-deny-egress", { podSelector: {}, policyTypes: ["Egress"] });
      add("allow-dns", {
        podSelector: {},
        egress: [{ to: [{ namespaceSelector: nsSel("kube-system"), podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }], ports: [{ port: 53, protocol: "UDP" }, { port: 53, protocol: "TCP" }] }],
        policyTypes: ["Egress"],
      });
    }
  };
  const perApp = () => {
    for (const b of backends) {
      const from = frontends.length > 0 ? rng.pick(frontends) : rng.pick(deployments);
      add(`${b.name}-allow-from-${from.name}`, {
        podSelector: { matchLabels: b.selector },
        ingress: [{ from: [{ podSelector: { matchLabels: from.selector } }], ports: [{ port: rng.chance(0.6) ? "http" : 8080, protocol: "TCP" }, ...(b.ports.some((p) => p.name === "grpc") ? [{ port: "grpc" }] : [])] }],
        policyTypes: ["Ingress"],
      });
      if (rng.chance(0.25)) {
        add(`${b.name}-egress-internet`, {
          podSelector: { matchLabels: b.selector },
          egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["169.254.169.254/32", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] } }], ports: [{ port: 443, protocol: "TCP" }] }],
          policyTypes: ["Egress"],
        });
      }
      if (rng.chance(0.15)) {
        add(`${b.name}-egress-database`, {
          podSelector: { matchLabels: b.selector },
          egress: [{ to: [{ ipBlock: { cidr: "10.20.0.0/16" } }], ports: [{ port: 5432, protocol: "TCP" }, { port: 30000, endPort: 32767, protocol: "TCP" }] }],
          policyTypes: ["Egress"],
        });
      }
    }
  };
  if (perAppFirst) {
    perApp();
    baseline();
  } else {
    baseline();
    perApp();
  }
  add("allow-from-team-namespaces", {
    podSelector: { matchExpressions: [{ key: "tier", operator: "In", values: ["backend", "data"] }] },
    ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: "team", operator: "In", values: [ns.team] }, { key: "env", operator: "NotIn", values: ["sandbox"] }] } }] }],
    policyTypes: ["Ingress"],
  });
  add("allow-from-ci", { podSelector: {}, ingress: [{ from: [{ namespaceSelector: nsSel("ci") }] }], policyTypes: ["Ingress"] });
  if (rng.chance(0.1)) add("allow-all-ingress", { podSelector: {}, ingress: [{}], policyTypes: ["Ingress"] });
  return out;
}

/** `count` NetworkPolicies for one namespace (repeating the per-app pattern when more are needed). */
export function teamPolicies(rng: Rng, ns: TeamNamespaceInit, apps: AppPlan[], count: number): PolicyDesc[] {
  if (count <= 0 || apps.length === 0) return [];
  const list = candidates(rng, ns, apps);
  const out: PolicyDesc[] = [];
  for (let i = 0; out.length < count; i++) {
    const p = list[i % list.length];
    const round = Math.floor(i / list.length);
    out.push(round === 0 ? p : { name: `${p.name}-${round + 1}`, spec: p.spec });
  }
  return out;
}
