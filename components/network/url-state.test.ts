import { describe, expect, it } from "vitest";
import { focusOn, graphParams, pairView, readView, workloadOfNode, writeView } from "./url-state";

const read = (q: string) => readView(new URLSearchParams(q));

describe("network view in the URL", () => {
  it("opens what a finding's focus asks for", () => {
    expect(read("namespace=data&direction=ingress")).toMatchObject({ tab: "graph", namespace: "data", direction: "ingress" });
    expect(read("namespace=data&workload=Deployment/reports&mode=exposure")).toMatchObject({ tab: "exposure", namespace: "data", workload: "Deployment/reports" });
    expect(read("namespace=payments&policy=NetworkPolicy/payments/payments-worker-egress").tab).toBe("policies");
    expect(read("namespace=monitoring&direction=egress&to=169.254.169.254").tab).toBe("exposure");
    expect(read("from=a/b&to=c/d&port=80").tab).toBe("trace");
    expect(read("tab=matrix&policy=x").tab).toBe("matrix");
    expect(read("tab=nonsense").tab).toBe("graph");
  });

  it("round-trips a view, leaving defaults out", () => {
    const v = read("tab=trace&from=shop-backend/orders&to=payments/payments-db&port=5432&protocol=udp&ipblock=pods&hops=7&exposure=0");
    expect(v).toMatchObject({ protocol: "UDP", ipblock: "pods", hops: 1, exposure: false });
    const sp = writeView(v);
    // exposure=0 belongs to the graph: the trace's URL does not carry it
    expect(sp.toString()).toBe("tab=trace&ipblock=pods&from=shop-backend%2Forders&to=payments%2Fpayments-db&port=5432&protocol=UDP");
    expect(readView(sp)).toEqual({ ...v, exposure: true });
    expect(writeView(read(""), new URLSearchParams("mode=exposure&other=1")).toString()).toBe("other=1&tab=graph");
  });

  it("drops the parameters of other tabs: no stale filters in a URL, none carried into another tab", () => {
    const graph = read("tab=graph&namespace=payments&node=w:payments/Deployment/api&hops=2&by=team&group=shop");
    const toMatrix = writeView({ ...graph, tab: "matrix" });
    expect(toMatrix.toString()).toBe("tab=matrix&by=team");
    const matrix = read("tab=matrix&q=pay&msort=in&rows=2&by=team");
    expect(writeView({ ...matrix, tab: "trace" }).toString()).toBe("tab=trace");
    expect(writeView({ ...matrix, tab: "policies" }).toString()).toBe("tab=policies");
    expect(writeView(matrix).toString()).toBe("tab=matrix&by=team&msort=in&q=pay&rows=2");
  });

  it("builds the graph API query", () => {
    expect(graphParams(read("namespace=a&workload=Deployment/x&expand=b,c&direction=egress&hops=2"))).toEqual({ namespace: "a", workload: "Deployment/x", expand: "b,c", only: undefined, hops: 2, direction: "egress", exposure: undefined, level: undefined, ipblock: undefined });
  });

  it("refocuses, and opens a matrix cell as a pair", () => {
    const v = read("namespace=a&expand=b&node=w:a/Deployment/x&ipblock=pods");
    expect(focusOn(v, "c")).toMatchObject({ namespace: "c", expand: [], node: undefined, ipblock: "pods" });
    expect(pairView(v, "a", "b")).toMatchObject({ namespace: "a", expand: ["b"], only: ["b"], direction: "egress" });
    expect(pairView(v, "a", "a")).toMatchObject({ namespace: "a", expand: [], only: ["a"] });
    expect(pairView(v, "(outside)", "b")).toMatchObject({ namespace: "b", only: ["b"], direction: "ingress", exposure: true });
    expect(pairView(v, "a", "(outside)")).toMatchObject({ namespace: "a", only: ["a"], direction: "egress", exposure: true });
  });

  it("reads workload node ids", () => {
    expect(workloadOfNode("w:data/Deployment/reports")).toEqual({ namespace: "data", kind: "Deployment", name: "reports" });
    expect(workloadOfNode("ns:data")).toBeUndefined();
  });
});
