/**
 * Flow fixes: on the demo, the blocked shop-backend/orders → payments/payments-db:5432; an admin
 * Deny fixed at its tier; and, on random clusters and random blocked flows, every alternative
 * admits the flow and its stated blast radius equals the reference evaluator's (evaluate.ts, pod
 * pair by pod pair) before/after difference, lifted to workloads as the connection list does.
 */
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Pod, Protocol } from "../model";
import { snapshotFromYaml } from "../model/testing";
import { adminNetworkPolicy, namespace, networkPolicy, pod, snapshotOf } from "../netpol/fixtures";
import { randomCluster } from "../netpol/random-cluster";
import { applyDraft } from "../whatif/apply";
import { parseDraft } from "../whatif/draft";
import { fixFlow } from "./flow";
import { checkAlternatives } from "./flow-testing";

const DEMO = new URL("../../demo/cluster/", import.meta.url);
const demoText = () =>
  readdirSync(DEMO)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => readFileSync(new URL(f, DEMO), "utf8"))
    .join("\n---\n");

describe("fixFlow on the demo", () => {
  const base = snapshotFromYaml(demoText());
  const fix = fixFlow(base, { from: "shop-backend/orders", to: "payments/payments-db", port: 5432, protocol: "TCP" });

  it("finds the ingress side blocked and puts the rule that opens nothing else first", () => {
    expect(fix.allowedBefore).toBe(false);
    expect(fix.sides.map((s) => [s.direction, s.allowed])).toEqual([["egress", true], ["ingress", false]]);
    const first = fix.alternatives[0];
    expect(first.admits).toBe(true);
    expect(first.opened).toEqual([]);
    expect(first.closed).toEqual([]);
    expect(first.draft).toBe(true);
    // workload labels, the namespace by its name label, one port
    expect(first.yaml).toContain("kubernetes.io/metadata.name: shop-backend");
    expect(first.yaml).toContain("app.kubernetes.io/name: orders");
    expect(first.yaml).not.toContain("pod-template-hash");
    // a policy that selects every pod of payments opens the port on the others too, and says so
    const wide = fix.alternatives.find((a) => a.title.includes("default-deny-all"))!;
    expect(wide.opened.map((c) => c.dst)).toContain("payments/payments-api[Deployment]");
    expect(fix.alternatives.indexOf(wide)).toBeGreaterThan(0);
  });

  it("the draft, applied, admits the flow", () => {
    const after = applyDraft(base, parseDraft(fix.alternatives[0].yaml)).snapshot;
    expect(fixFlow(after, { from: "shop-backend/orders", to: "payments/payments-db", port: 5432, protocol: "TCP" }).allowedBefore).toBe(true);
  });
});

describe("fixFlow at the admin tier", () => {
  // KEP-2091 (AdminNetworkPolicy): a Deny at the admin tier cannot be overridden by NetworkPolicy
  const s = snapshotOf([
    namespace("a"),
    namespace("b"),
    pod("a", "web", { app: "web" }, { ip: "10.0.0.1" }),
    pod("b", "db", { app: "db" }, { ip: "10.0.0.2", ports: [{ containerPort: 5432 }] }),
    adminNetworkPolicy("deny-db", 10, { subject: { namespaces: { matchLabels: { "kubernetes.io/metadata.name": "b" } } }, ingress: [{ name: "deny-all", action: "Deny", from: [{ namespaces: {} }] }] }),
    networkPolicy("b", "allow-all", { podSelector: {}, ingress: [{}] }),
  ]);

  it("proposes an Allow rule before the Deny, as a kubectl patch its owners apply", () => {
    const fix = fixFlow(s, { from: "a/web", to: "b/db", port: 5432, protocol: "TCP" });
    expect(fix.sides.find((x) => x.direction === "ingress")?.decidedBy).toBe("admin");
    expect(fix.alternatives).toHaveLength(1);
    const [alt] = fix.alternatives;
    expect(alt).toMatchObject({ admits: true, draft: false, opened: [], closed: [] });
    expect(alt.owners[0]).toContain("cluster's administrators");
    expect(alt.yaml).toContain("kubectl patch adminnetworkpolicies.policy.networking.k8s.io deny-db --type=json");
    expect(alt.yaml).toContain("path: /spec/ingress/0");
    expect(alt.yaml).toContain("action: Allow");
  });
});

const PORTS: [number, Protocol][] = [[80, "TCP"], [53, "UDP"], [8080, "TCP"], [5353, "TCP"], [443, "TCP"]];

describe("fixFlow on random clusters (property)", () => {
  it("every alternative admits the flow; its blast radius is exactly the evaluator's difference", () => {
    fc.assert(
      fc.property(randomCluster, fc.nat(), fc.nat(), fc.constantFrom(...PORTS), (rc, i, j, [port, protocol]) => {
        // host-networked pods are named by their node's address; keep to pods here
        const objects = rc.objects.map((o) => (o.kind === "Pod" ? { ...o, spec: { ...(o.spec as object), hostNetwork: false } } : o));
        const s = snapshotOf(objects);
        const engine = { ipBlockMatchesPods: rc.ipBlockMatchesPods };
        const pods: Pod[] = s.pods;
        const [a, b] = [pods[i % pods.length], pods[j % pods.length]];
        fc.pre(a !== b);
        const target = { from: `${a.namespace}/${a.name}`, to: `${b.namespace}/${b.name}`, port, protocol };
        const fix = fixFlow(s, target, engine);
        fc.pre(!fix.allowedBefore);
        checkAlternatives(s, engine, fix, a, b, port, protocol);
      }),
      { numRuns: 60 },
    );
  });
});
