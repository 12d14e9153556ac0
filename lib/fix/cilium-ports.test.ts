/**
 * A Cilium port list without one port (cilium-ports.ts). Cilium's PortProtocol
 * (pkg/policy/api/l4.go): `port` "0" means every port, `endPort` makes a range, protocol ANY (or
 * none) means TCP, UDP and SCTP; named ports resolve on the pod, so they cannot be split here.
 */
import { describe, expect, it } from "vitest";
import { portsWithout } from "./cilium-ports";

describe("portsWithout", () => {
  it("every port (no toPorts) → the other ranges of that protocol, and the other protocols whole", () => {
    expect(portsWithout(undefined, { protocol: "TCP", port: 5432 })).toEqual([
      { port: "1", endPort: 5431, protocol: "TCP" },
      { port: "5433", endPort: 65535, protocol: "TCP" },
      { port: "0", protocol: "UDP" },
      { port: "0", protocol: "SCTP" },
    ]);
  });

  it("ends of the range: no empty piece, and a one-port piece has no endPort", () => {
    expect(portsWithout([{ ports: [{ port: "80", endPort: 81, protocol: "TCP" }] }], { protocol: "TCP", port: 80 })).toEqual([{ port: "81", protocol: "TCP" }]);
    expect(portsWithout([{ ports: [{ port: "1", protocol: "TCP" }, { port: "65535", protocol: "TCP" }] }], { protocol: "TCP", port: 1 })).toEqual([{ port: "65535", protocol: "TCP" }]);
  });

  it("ANY splits into the three protocols only where the port is taken out; other entries are kept as written", () => {
    expect(portsWithout([{ ports: [{ port: "53", protocol: "ANY" }, { port: "8000", endPort: 8090, protocol: "TCP" }] }], { protocol: "UDP", port: 53 })).toEqual([
      { port: "53", protocol: "TCP" },
      { port: "53", protocol: "SCTP" },
      { port: "8000", endPort: 8090, protocol: "TCP" },
    ]);
  });

  it("a list that only held the port → empty; a named port → undefined (it resolves per pod)", () => {
    expect(portsWithout([{ ports: [{ port: "5432", protocol: "TCP" }] }], { protocol: "TCP", port: 5432 })).toEqual([]);
    expect(portsWithout([{ ports: [{ port: "postgres", protocol: "TCP" }] }], { protocol: "TCP", port: 5432 })).toBeUndefined();
    expect(portsWithout([{ ports: [] }], { protocol: "TCP", port: 5432 })).toBeUndefined();
  });
});
