import { describe, expect, it } from "vitest";
import { explainConnText, explainMention, parseDiffText, parseExplainText, parseExposureText } from "./conformance-outputs";
import { applyFocus, scopeOf } from "./conformance-scope";
import { DIVERGENCES, evidenceFor } from "./conformance-evidence";

describe("netpol-analyzer outputs, read as sets (formats of test_outputs/{diff,connlist})", () => {
  it("diff lines, connection texts normalised", () => {
    const s = parseDiffText("Connectivity diff:\ndiff-type: changed, source: a/x[Deployment], destination: a/y[Deployment], ref1: TCP 80,81, ref2: TCP 80-82\ndiff-type: added, source: a/x[Deployment], destination: a/z[Pod], ref1: No Connections, ref2: All Connections, workloads-diff-info: workload a/z[Pod] added\n");
    expect([...s]).toEqual(["changed a/x[Deployment] => a/y[Deployment] : TCP 80-81 -> TCP 80-82", "added a/x[Deployment] => a/z[Pod] : No Connections -> All Connections, workloads-diff-info: workload a/z[Pod] added"]);
  });

  it("exposure: the connection list, the exposure lines and the unprotected workloads", () => {
    const e = parseExposureText(`a/x[Pod] => a/y[Pod] : TCP 80

Exposure Analysis Result:
Egress Exposure:
a/x[Pod]       \t=> \tentire-cluster : All Connections

Ingress Exposure:
a/y[Pod]       \t<= \t[all namespaces]/[pod with {k8s-app=kube-dns}] : UDP 53

Workloads not protected by network policies:
a/x[Pod] is not protected on Egress
`);
    expect([...e.connlist.keys()]).toEqual(["a/x[Pod] => a/y[Pod]"]);
    expect([...e.exposure]).toEqual(["a/x[Pod] => entire-cluster : All Connections", "a/y[Pod] <= [all namespaces]/[pod with {k8s-app=kube-dns}] : UDP 53"]);
    expect([...e.unprotected]).toEqual(["a/x[Pod] Egress"]);
  });

  it("explain: sections with their connections and the policies named per direction", () => {
    expect(explainConnText("TCP:[1-79,81-65535], UDP, SCTP")).toBe("SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535");
    expect(explainMention("\t\t\tNetworkPolicy 'a/np' allows connections by Egress rule #1")).toBe("NetworkPolicy 'a/np' allows #1");
    expect(explainMention("\t\t\t\t- NetworkPolicy 'a/np' selects a/x[Pod], and Ingress rule #2 selects b/y[Pod], but the protocols and ports do not match")).toBe("NetworkPolicy 'a/np' isolates, #2 ports differ");
    expect(explainMention("\t\t\tAdminNetworkPolicy 'pass-monitoring' passes connections by Ingress rule pass-ingress")).toBe("AdminNetworkPolicy 'pass-monitoring' passes pass-ingress");
    const [pair] = parseExplainText(`Connections between b/y[Pod] => a/x[Pod]:

Allowed connections:
\tAllowed TCP:[80] due to the following policies and rules:
\t\tEgress (Allowed) due to the system default (Allow all)
\t\tIngress (Allowed)
\t\t\tNetworkPolicy 'a/np' allows connections by Ingress rule #1

Denied connections:
\tDenied TCP:[1-79,81-65535], UDP, SCTP due to the following policies and rules:
\t\tEgress (Allowed) due to the system default (Allow all)
\t\tIngress (Denied)
\t\t\tNetworkPolicy 'a/np' selects a/x[Pod], and Ingress rule #1 selects b/y[Pod], but the protocols and ports do not match
`);
    expect(pair.sections).toEqual([
      { allowed: true, conn: "TCP 80", egress: ["default"], ingress: ["NetworkPolicy 'a/np' allows #1"] },
      { allowed: false, conn: "SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535", egress: ["default"], ingress: ["NetworkPolicy 'a/np' isolates, #1 ports differ"] },
    ]);
  });
});

describe("conformance scope and focus", () => {
  const base = { kind: "connlist" as const, input_dirs: ["tests/x"], format: "txt", options: {}, tags: [] as string[] };
  it("every case is in a suite or out of scope with a reason", () => {
    expect(scopeOf(base)).toEqual({ suite: "plain" });
    expect(scopeOf({ ...base, tags: ["BANP"] })).toEqual({ suite: "anp" });
    expect(scopeOf({ ...base, tags: ["Ingress/Route", "ANP"] })).toEqual({ suite: "ingress" });
    expect(scopeOf({ ...base, format: "json" })).toEqual({ suite: "json" });
    expect(scopeOf({ ...base, options: { focusWorkloads: ["a"] } })).toEqual({ suite: "focus" });
    expect(scopeOf({ ...base, options: { exposureAnalysis: true } })).toEqual({ suite: "exposure" });
    expect(scopeOf({ ...base, kind: "diff" })).toEqual({ suite: "diff" });
    expect(scopeOf({ ...base, kind: "explain" })).toEqual({ suite: "explain" });
    expect(scopeOf({ ...base, format: "dot" })).toHaveProperty("outOfScope");
    expect(scopeOf({ ...base, tags: ["multi-network/UDN/VM"] })).toHaveProperty("outOfScope");
  });

  it("focus keeps the focus workloads' connections, by name or ns/name, in the focus direction, towards the peers", () => {
    const list = [
      { src: "a/web[Deployment]", dst: "b/db[Deployment]", conn: "TCP 5432,UDP 53" },
      { src: "b/db[Deployment]", dst: "a/web[Deployment]", conn: "TCP 80" },
      { src: "c/job[Pod]", dst: "b/db[Deployment]", conn: "All Connections" },
      { src: "{ingress-controller}", dst: "a/web[Deployment]", conn: "TCP 80" },
    ];
    expect(applyFocus(list, { focusWorkloads: ["web"] }).map((e) => e.src)).toEqual(["a/web[Deployment]", "b/db[Deployment]", "{ingress-controller}"]);
    expect(applyFocus(list, { focusWorkloads: ["a/web"], focusDirection: "egress" })).toEqual([list[0]]);
    expect(applyFocus(list, { focusWorkloads: ["db"], focusWorkloadPeers: ["job"] })).toEqual([list[2]]);
    expect(applyFocus(list, { focusWorkloads: ["ingress-controller"] })).toEqual([list[3]]);
    expect(applyFocus(list, { focusWorkloads: ["db"], focusConn: "udp-53" })).toEqual([{ ...list[0], conn: "UDP 53" }, { ...list[2], conn: "UDP 53" }]);
  });

  it("evidence is per input directory and names its document and field", () => {
    expect(evidenceFor(["tests/ipblockstest"])?.evidence).toEqual({ kind: "convention", convention: "hostNetworkPods" });
    for (const [dir, e] of Object.entries(DIVERGENCES)) if (e.kind === "invalid-input") expect(e.document.startsWith(`${dir}/`), dir).toBe(true);
  });
});
