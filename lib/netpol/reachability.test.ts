import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allowedConnections } from "./evaluate";
import { blockOf } from "./externals";
import { namespace, networkPolicy, pod, snapshotOf } from "./fixtures";
import { buildNetworkModel } from "./model";
import { ipEndpoint, podEndpoint } from "./peers";
import { PROBE_IPS, randomCluster } from "./random-cluster";
import { buildReachability } from "./reachability";

describe("class-based reachability", () => {
  it("groups pods that no policy can tell apart", () => {
    const s = snapshotOf([
      namespace("a"),
      pod("a", "web-1", { app: "web", "pod-template-hash": "1" }),
      pod("a", "web-2", { app: "web", "pod-template-hash": "2" }),
      pod("a", "db", { app: "db" }),
      networkPolicy("a", "web", { podSelector: { matchLabels: { app: "web" } } }),
    ]);
    const r = buildReachability(buildNetworkModel(s));
    expect(r.classes.map((c) => c.pods.map((p) => p.name))).toEqual([["db"], ["web-1", "web-2"]]);
    expect(r.stats()).toMatchObject({ classes: 2, sourceBlocks: 1, destinationBlocks: 1 });
  });

  it("agrees with the oracle on every pair of random clusters", () => {
    fc.assert(
      fc.property(randomCluster, (rc) => {
        const model = buildNetworkModel(snapshotOf(rc.objects), { ipBlockMatchesPods: rc.ipBlockMatchesPods });
        const r = buildReachability(model);
        for (const a of model.pods) {
          for (const b of model.pods) {
            expect(r.pods(a, b).toString(), `${a.name} -> ${b.name}`).toBe(allowedConnections(model, podEndpoint(a), podEndpoint(b)).toString());
          }
          for (const ip of PROBE_IPS) {
            const si = blockOf(r.externals.sources, ip);
            const di = blockOf(r.externals.destinations, ip);
            if (si === undefined || di === undefined) continue; // IPv6: oracle only
            const cls = { kind: "class" as const, id: r.classOf.get(a)!.id };
            expect(r.between({ kind: "source", index: si }, cls).toString(), `${ip} -> ${a.name}`).toBe(allowedConnections(model, ipEndpoint(ip), podEndpoint(a)).toString());
            expect(r.between(cls, { kind: "destination", index: di }).toString(), `${a.name} -> ${ip}`).toBe(allowedConnections(model, podEndpoint(a), ipEndpoint(ip)).toString());
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
