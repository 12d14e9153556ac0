import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Pod } from "../model/types";
import { connlist, workloadName, type ConnlistEntry } from "./connlist";
import { diffConnlists, formatNetpolAnalyzerLine, formatReachDiffText, opensConnections, parseExternal, piecesOf, cutPoints } from "./diff";
import { diffReachability } from "./diff-reachability";
import { deployment, ingress, namespace, networkPolicy, service, snapshotOf } from "./fixtures";
import { ingressControllerEdges } from "./ingress-controller";
import { buildNetworkModel } from "./model";
import { randomCluster } from "./random-cluster";
import { buildReachability, type Reachability } from "./reachability";

const e = (src: string, dst: string, conn: string): ConnlistEntry => ({ src, dst, conn });
const ALL_IPS = "0.0.0.0-255.255.255.255[External]";

describe("diffConnlists", () => {
  const base = [e("a/web[Deployment]", "a/db[Deployment]", "TCP 5432"), e(ALL_IPS, "a/web[Deployment]", "TCP 8080")];

  it("finds nothing when the lists agree, whatever their order or spelling", () => {
    const same = [e(ALL_IPS, "a/web[Deployment]", "TCP 8080"), e("a/web[Deployment]", "a/db[Deployment]", "TCP 5432-5432")];
    expect(diffConnlists(base, same)).toEqual([]);
    expect(diffConnlists([], [])).toEqual([]);
  });

  it("reports a changed port set with both sides, and whether it widened", () => {
    const wider = diffConnlists(base, [base[0], e(ALL_IPS, "a/web[Deployment]", "TCP 443,8080")]);
    expect(wider).toEqual([{ src: ALL_IPS, dst: "a/web[Deployment]", before: "TCP 8080", after: "TCP 443,8080", change: "changed" }]);
    expect(opensConnections(wider[0])).toBe(true);
    const narrower = diffConnlists([e("x", "y", "TCP 80,443")], [e("x", "y", "TCP 443")]);
    expect(narrower.map((d) => [d.change, d.before, d.after])).toEqual([["changed", "TCP 80,443", "TCP 443"]]);
    expect(opensConnections(narrower[0])).toBe(false);
    const moved = diffConnlists([e("x", "y", "TCP 8080")], [e("x", "y", "TCP 9080")]);
    expect(opensConnections(moved[0])).toBe(true);
  });

  it("reports added and removed pairs, naming workloads that exist on one side only", () => {
    const workloads = { before: new Set(["a/web[Deployment]", "a/db[Deployment]"]), after: new Set(["a/web[Deployment]", "a/db[Deployment]", "b/new[Deployment]"]) };
    const d = diffConnlists(base, [e("a/web[Deployment]", "b/new[Deployment]", "UDP 53"), e(ALL_IPS, "a/web[Deployment]", "TCP 8080")], workloads);
    expect(d).toEqual([
      { src: "a/web[Deployment]", dst: "b/new[Deployment]", before: "No Connections", after: "UDP 53", change: "added", info: "workload b/new[Deployment] added" },
      { src: "a/web[Deployment]", dst: "a/db[Deployment]", before: "TCP 5432", after: "No Connections", change: "removed" },
    ]);
    expect(opensConnections(d[0])).toBe(true);
    expect(opensConnections(d[1])).toBe(false);
  });

  it("cuts outside blocks to the pieces both sides know, and merges touching pieces that changed alike", () => {
    const before = [e("0.0.0.0-9.255.255.255[External]", "a/w[Deployment]", "TCP 80"), e("10.0.0.0-10.255.255.255[External]", "a/w[Deployment]", "TCP 80"), e("11.0.0.0-255.255.255.255[External]", "a/w[Deployment]", "TCP 80")];
    expect(diffConnlists(before, [])).toEqual([{ src: ALL_IPS, dst: "a/w[Deployment]", before: "TCP 80", after: "No Connections", change: "removed" }]);
    const after = [e(ALL_IPS, "a/w[Deployment]", "TCP 80"), e("a/w[Deployment]", "10.1.0.0-10.1.255.255[External]", "All Connections")];
    expect(diffConnlists([e(ALL_IPS, "a/w[Deployment]", "TCP 80")], [...before.slice(0, 1), e("10.0.0.0-10.255.255.255[External]", "a/w[Deployment]", "TCP 443")])).toEqual([
      { src: "10.0.0.0-10.255.255.255[External]", dst: "a/w[Deployment]", before: "TCP 80", after: "TCP 443", change: "changed" },
      { src: "11.0.0.0-255.255.255.255[External]", dst: "a/w[Deployment]", before: "TCP 80", after: "No Connections", change: "removed" },
    ]);
    expect(diffConnlists(before, after)).toEqual([{ src: "a/w[Deployment]", dst: "10.1.0.0-10.1.255.255[External]", before: "No Connections", after: "All Connections", change: "added" }]);
  });

  it("orders changed, added, removed, with the ingress controller's lines last", () => {
    const d = diffConnlists([e("b", "c", "TCP 1"), e("c", "d", "TCP 1"), e("{ingress-controller}", "a", "TCP 80")], [e("b", "c", "TCP 2"), e("a", "b", "TCP 1"), e("{ingress-controller}", "b", "TCP 80")]);
    expect(d.map((x) => `${x.change} ${x.src}>${x.dst}`)).toEqual(["changed b>c", "added a>b", "removed c>d", "added {ingress-controller}>b", "removed {ingress-controller}>a"]);
    expect(formatReachDiffText(d).split("\n")).toEqual(["~ b => c : TCP 1 → TCP 2", "+ a => b : TCP 1", "- c => d : TCP 1", "+ {ingress-controller} => b : TCP 80", "- {ingress-controller} => a : TCP 80"]);
    expect(formatNetpolAnalyzerLine(d[1])).toBe("diff-type: added, source: a, destination: b, ref1: No Connections, ref2: TCP 1");
  });

  it("splits a range at every cut inside it", () => {
    const r = parseExternal("10.0.0.0-10.255.255.255[External]")!;
    const cuts = cutPoints([r, parseExternal("10.1.0.0-10.1.255.255[External]")!]);
    expect(piecesOf(r, cuts).map((p) => p.hi - p.lo + 1)).toEqual([65536, 65536, 2 ** 24 - 2 * 65536]);
    expect(parseExternal("a/b[Pod]")).toBeUndefined();
  });
});

function analysis(objects: Record<string, unknown>[]): Reachability {
  return buildReachability(buildNetworkModel(snapshotOf(objects)));
}

/** The oracle: both full connection lists, compared. */
function slowDiff(before: Reachability, after: Reachability, name: (p: Pod) => string = workloadName) {
  const list = (r: Reachability) => connlist(r, { name, extra: ingressControllerEdges(r, { name }) });
  const names = (r: Reachability) => new Set(r.classes.flatMap((c) => c.pods.map(name)));
  return diffConnlists(list(before), list(after), { before: names(before), after: names(after) });
}

describe("diffReachability", () => {
  const shop = [
    namespace("shop"),
    namespace("ops"),
    deployment("shop", "web", { app: "web" }, { ports: [{ name: "http", containerPort: 8080 }] }),
    deployment("shop", "db", { app: "db" }, { ports: [{ containerPort: 5432 }] }),
    deployment("ops", "debug", { app: "debug" }),
    networkPolicy("shop", "default-deny", { podSelector: {}, policyTypes: ["Ingress"] }),
    networkPolicy("shop", "db", { podSelector: { matchLabels: { app: "db" } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: "web" } } }], ports: [{ port: 5432 }] }] }),
    service("shop", "web", { app: "web" }, [{ port: 80, targetPort: "http" }]),
  ];

  it("finds nothing between an analysis and itself, or two analyses of the same objects", () => {
    const r = analysis(shop);
    expect(diffReachability(r, r)).toEqual([]);
    expect(diffReachability(r, analysis(shop))).toEqual([]);
  });

  it("a pull request that opens ingress from another namespace, and the web port to all for a new Ingress", () => {
    const pr = [
      ...shop,
      networkPolicy("shop", "web-from-ops", { podSelector: { matchLabels: { app: "web" } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ops" } } }], ports: [{ port: 8080 }] }] }),
      networkPolicy("shop", "web-from-ingress", { podSelector: { matchLabels: { app: "web" } }, ingress: [{ ports: [{ port: "http" }] }] }),
      ingress("shop", "storefront", [{ service: "web", port: 80 }]),
    ];
    const d = diffReachability(analysis(shop), analysis(pr));
    expect(formatReachDiffText(d)).toBe(
      [
        "+ 0.0.0.0-255.255.255.255[External] => shop/web[Deployment] : TCP 8080",
        "+ ops/debug[Deployment] => shop/web[Deployment] : TCP 8080",
        "+ shop/db[Deployment] => shop/web[Deployment] : TCP 8080",
        "+ {ingress-controller} => shop/web[Deployment] : TCP 8080",
      ].join("\n"),
    );
  });

  it("a pull request that removes a default-deny: everything the deny held back is added", () => {
    const d = diffReachability(analysis(shop), analysis(shop.filter((o) => (o.metadata as { name: string }).name !== "default-deny")));
    expect(d.every((x) => x.change === "added")).toBe(true);
    expect(d.map((x) => `${x.src} => ${x.dst}`)).toEqual([
      "0.0.0.0-255.255.255.255[External] => shop/web[Deployment]",
      "ops/debug[Deployment] => shop/web[Deployment]",
      "shop/db[Deployment] => shop/web[Deployment]",
    ]);
  });

  it("agrees with comparing the two full connection lists on random clusters (property)", () => {
    fc.assert(
      fc.property(randomCluster, randomCluster, fc.boolean(), (x, y, grouped) => {
        // grouped: pods fold into two workloads per namespace, so a workload spans several classes
        const name = grouped ? (p: Pod) => `${p.namespace}/w${Number(p.name.slice(1)) % 2}[Deployment]` : workloadName;
        const before = buildReachability(buildNetworkModel(snapshotOf(x.objects), { ipBlockMatchesPods: x.ipBlockMatchesPods }));
        const after = buildReachability(buildNetworkModel(snapshotOf(y.objects), { ipBlockMatchesPods: x.ipBlockMatchesPods }));
        expect(diffReachability(before, after, { name })).toEqual(slowDiff(before, after, name));
      }),
      { numRuns: 60 },
    );
  });
});
