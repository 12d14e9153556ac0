import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { connlist, connlistChunks, formatConnlistJson, formatConnlistText, workloadName } from "./connlist";
import { NONE } from "./connset";
import { allowedConnections } from "./evaluate";
import { numberToIPv4 } from "./ip";
import { ipEndpoint, podEndpoint } from "./peers";
import { randomCluster } from "./random-cluster";
import { deployment, ingress, namespace, networkPolicy, pod, service, snapshotOf } from "./fixtures";
import { ingressControllerEdges } from "./ingress-controller";
import { buildNetworkModel } from "./model";
import { buildReachability } from "./reachability";

const objects = [
  namespace("shop"),
  namespace("ops"),
  deployment("shop", "web", { app: "web" }, { ports: [{ name: "http", containerPort: 8080 }], replicas: 3 }),
  deployment("shop", "db", { app: "db" }, { ports: [{ containerPort: 5432 }] }),
  pod("ops", "debug", { app: "debug" }),
  networkPolicy("shop", "db", { podSelector: { matchLabels: { app: "db" } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: "web" } } }], ports: [{ port: 5432 }] }] }),
  networkPolicy("shop", "web", {
    podSelector: { matchLabels: { app: "web" } },
    policyTypes: ["Ingress", "Egress"],
    ingress: [{ ports: [{ port: "http" }] }],
    egress: [{ to: [{ podSelector: {} }] }, { to: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } }], ports: [{ port: 443 }] }],
  }),
  service("shop", "web", { app: "web" }, [{ port: 80, targetPort: "http" }]),
  ingress("shop", "storefront", [{ service: "web", port: 80 }]),
];

describe("connlist", () => {
  const reach = buildReachability(buildNetworkModel(snapshotOf(objects)));
  const entries = connlist(reach);

  it("lists workload pairs in netpol-analyzer's format, without self-connections", () => {
    const text = formatConnlistText(entries);
    expect(text).toContain("shop/web[Deployment] => shop/db[Deployment] : TCP 5432");
    expect(text).toContain("ops/debug[Pod] => shop/web[Deployment] : TCP 8080");
    expect(text).toContain("0.0.0.0-255.255.255.255[External] => shop/web[Deployment] : TCP 8080");
    expect(text).toContain("shop/web[Deployment] => 10.0.0.0-10.0.255.255[External] : TCP 443");
    expect(text).toContain("shop/web[Deployment] => 10.2.0.0-10.255.255.255[External] : TCP 443");
    expect(text).not.toContain("shop/web[Deployment] => 10.1.0.0-10.1.255.255[External]");
    expect(text).not.toContain("ops/debug[Pod] => shop/db[Deployment]");
    expect(text).not.toMatch(/shop\/web\[Deployment\] => shop\/web\[Deployment\]/);
    expect(text).not.toContain("shop/web[Deployment] => ops/debug[Pod]"); // egress only within shop and to the block
  });

  it("is sorted and round-trips as JSON", () => {
    const keys = entries.map((e) => `${e.src}\u0000${e.dst}`);
    expect([...keys].sort()).toEqual(keys);
    expect(JSON.parse(formatConnlistJson(entries))[0]).toEqual(entries[0]);
  });

  it("adds {ingress-controller} edges on the backends' target ports, filtered by policy", () => {
    const edges = ingressControllerEdges(reach);
    expect(edges).toEqual([{ src: "{ingress-controller}", dst: "shop/web[Deployment]", conn: "TCP 8080" }]);
    const blocked = buildReachability(buildNetworkModel(snapshotOf([...objects.slice(0, 5), networkPolicy("shop", "deny", { podSelector: {} }), ...objects.slice(7)])));
    expect(ingressControllerEdges(blocked)).toEqual([]);
  });
});

describe("connlist against the oracle", () => {
  it("equals the workload fold of pod-to-pod and block verdicts on random clusters", () => {
    fc.assert(
      fc.property(randomCluster, (rc) => {
        const model = buildNetworkModel(snapshotOf(rc.objects), { ipBlockMatchesPods: rc.ipBlockMatchesPods });
        const reach = buildReachability(model);
        const expected = new Map<string, ReturnType<typeof allowedConnections>>();
        const add = (s: string, d: string, c: ReturnType<typeof allowedConnections>) => {
          if (s === d || c.isEmpty) return;
          const k = `${s} => ${d}`;
          expected.set(k, (expected.get(k) ?? NONE).union(c));
        };
        for (const a of model.pods) {
          for (const b of model.pods) add(workloadName(a), workloadName(b), allowedConnections(model, podEndpoint(a), podEndpoint(b)));
          for (const blk of reach.externals.sources) add(`${blk.name}[External]`, workloadName(a), allowedConnections(model, ipEndpoint(numberToIPv4(blk.lo)), podEndpoint(a)));
          for (const blk of reach.externals.destinations) add(workloadName(a), `${blk.name}[External]`, allowedConnections(model, podEndpoint(a), ipEndpoint(numberToIPv4(blk.hi))));
        }
        const actual = new Map(connlist(reach).map((e) => [`${e.src} => ${e.dst}`, e.conn]));
        expect(actual).toEqual(new Map([...expected].map(([k, c]) => [k, c.toString()])));
      }),
      { numRuns: 60 },
    );
  });
});

describe("connlistChunks", () => {
  const entries = Array.from({ length: 5 }, (_, i) => ({ src: `a/s${i}[Pod]`, dst: `b/d${i}[Pod]`, conn: "TCP 80" }));
  it("prints the same text and JSON as the one-string formatters, in pieces", () => {
    expect([...connlistChunks(entries, "txt", 2)].join("")).toBe(formatConnlistText(entries));
    expect(JSON.parse([...connlistChunks(entries, "json", 2)].join(""))).toEqual(JSON.parse(formatConnlistJson(entries)));
    expect([...connlistChunks(entries, "json", 2)].join("")).toBe(formatConnlistJson(entries));
    expect([...connlistChunks([], "json")].join("")).toBe(formatConnlistJson([]));
  });
});
