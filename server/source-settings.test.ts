import { describe, expect, it } from "vitest";
import { snapshotFromYaml } from "../lib/model/testing";
import { networkAnalysis } from "../lib/netpol/analysis";
import { applySourceSettings, cniSetting } from "./source-settings";

describe("CLEARANCE_CNI: the CNI a source's settings name", () => {
  it("one CNI for every source, or per source id with * for the rest; auto is no setting", () => {
    expect(cniSetting("ctx-prod", {})).toBeUndefined();
    expect(cniSetting("ctx-prod", { CLEARANCE_CNI: "Cilium" })).toBe("cilium");
    const env = { CLEARANCE_CNI: "ctx-prod=cilium, snap-staging=calico, *=none" };
    expect(cniSetting("ctx-prod", env)).toBe("cilium");
    expect(cniSetting("snap-staging", env)).toBe("calico");
    expect(cniSetting("ctx-dev", env)).toBe("none");
    expect(cniSetting("ctx-dev", { CLEARANCE_CNI: "ctx-prod=cilium" })).toBeUndefined();
    expect(cniSetting("ctx-prod", { CLEARANCE_CNI: "ctx-prod=auto,*=calico" })).toBeUndefined();
  });

  it("a name that is not a CNI is an error naming the entry", () => {
    expect(() => cniSetting("ctx-prod", { CLEARANCE_CNI: "ctx-prod=cilum" })).toThrow(/CLEARANCE_CNI: "cilum" is not a CNI .* in "ctx-prod=cilum"/);
  });

  it("network answers asked with auto use the setting, said as set for this source; an explicit choice still wins", () => {
    const s = applySourceSettings(snapshotFromYaml("apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n"), { cni: "cilium" });
    expect(networkAnalysis(s, { cni: "auto" }).model.cni).toMatchObject({ how: "chosen", profile: { id: "cilium" }, why: "Cilium, set for this source (CLEARANCE_CNI)" });
    expect(networkAnalysis(s, { cni: "calico" }).model.cni).toMatchObject({ how: "chosen", profile: { id: "calico" } });
  });
});
