import { describe, expect, it } from "vitest";
import { suggestEndpoints, suggestPorts } from "./completion";
import { viewCluster } from "./views.fixture";

const { model, index } = viewCluster();

describe("endpoint completion", () => {
  it("offers workloads first, prefix matches before substring matches", () => {
    const s = suggestEndpoints(model, "pay", "source");
    expect(s.slice(0, 3).map((x) => x.value)).toEqual(["payments/payments-api", "payments/payments-db", "payments/payments-worker"]);
    expect(s[0]).toMatchObject({ kind: "Deployment", detail: "1 pod" });
    expect(suggestEndpoints(model, "db", "source").map((x) => x.value)).toEqual(["payments/payments-db"]);
  });

  it("offers Services and the metadata address as destinations only, and echoes an address", () => {
    expect(suggestEndpoints(model, "service/rep", "destination").map((x) => x.value)).toEqual(["data/service/reports"]);
    expect(suggestEndpoints(model, "service/rep", "source")).toEqual([]);
    expect(suggestEndpoints(model, "169.254", "destination")[0]).toMatchObject({ value: "169.254.169.254", detail: "cloud metadata endpoint" });
    expect(suggestEndpoints(model, "10.1.2.3", "source")).toEqual([{ value: "10.1.2.3", kind: "IP", detail: "an address outside the pod network" }]);
  });

  it("lists a bare pod once, as itself", () => {
    expect(suggestEndpoints(model, "debug", "source")).toEqual([{ value: "data/debug-shell", kind: "Pod", detail: "1 pod" }]);
  });

  it("caps the list", () => {
    expect(suggestEndpoints(model, "", "destination", 4)).toHaveLength(4);
  });
});

describe("port completion", () => {
  it("offers a workload's container ports and a Service's ports", () => {
    expect(suggestPorts(model, index, "payments/payments-db")).toEqual([{ port: 5432, protocol: "TCP", name: "postgres", detail: "container c" }]);
    expect(suggestPorts(model, index, "data/service/reports")).toEqual([{ port: 80, protocol: "TCP", name: "web", detail: "Service port → target http" }]);
  });

  it("offers nothing for an address or an unknown name", () => {
    expect(suggestPorts(model, index, "169.254.169.254")).toEqual([]);
    expect(suggestPorts(model, index, "nowhere/none")).toEqual([]);
  });
});
