import { describe, expect, it } from "vitest";
import type { PodSpec } from "../../model";
import { container, hardenedSpec, podView } from "../testing";
import {
  checkAppArmor,
  checkCapabilitiesBaseline,
  checkHostNamespaces,
  checkHostPath,
  checkHostPorts,
  checkHostProcess,
  checkPrivileged,
  checkProcMount,
  checkSeccompBaseline,
  checkSELinux,
  checkSysctls,
  isSensitiveHostPath,
} from "./baseline";
import { evaluatePss, failuresAgainst, meetsLevel } from "./evaluate";
import {
  checkCapabilitiesRestricted,
  checkPrivilegeEscalation,
  checkRunAsNonRoot,
  checkRunAsUser,
  checkSeccompRestricted,
  checkVolumeTypes,
} from "./restricted";

const hardened = hardenedSpec();
const base = hardened.containers[0];
/** The hardened pod with its only container's securityContext patched. */
function withCtx(ctx: NonNullable<PodSpec["containers"][0]["securityContext"]>, patch: Partial<PodSpec> = {}): PodSpec {
  return hardenedSpec({ containers: [{ ...base, securityContext: { ...base.securityContext, ...ctx } }], ...patch });
}
const ok = (r: { allowed: boolean }) => expect(r.allowed).toBe(true);
const bad = (r: { allowed: boolean; detail?: string }, detail?: RegExp) => {
  expect(r.allowed).toBe(false);
  if (detail) expect(r.detail).toMatch(detail);
};

describe("baseline controls", () => {
  it("HostProcess: pod or container windowsOptions.hostProcess", () => {
    ok(checkHostProcess(podView()));
    bad(checkHostProcess(podView(hardenedSpec({ securityContext: { windowsOptions: { hostProcess: true } } }))), /^pod must not/);
    bad(checkHostProcess(podView(withCtx({ windowsOptions: { hostProcess: true } }))), /container "app"/);
  });

  it("host namespaces", () => {
    ok(checkHostNamespaces(podView()));
    bad(checkHostNamespaces(podView(hardenedSpec({ hostPID: true, hostNetwork: true }))), /hostNetwork=true, hostPID=true/);
  });

  it("privileged, including init and ephemeral containers", () => {
    ok(checkPrivileged(podView(withCtx({ privileged: false }))));
    bad(checkPrivileged(podView(withCtx({ privileged: true }))));
    bad(checkPrivileged(podView(hardenedSpec({ initContainers: [container({ name: "init", securityContext: { privileged: true } })] }))), /"init"/);
    bad(checkPrivileged(podView(hardenedSpec({ ephemeralContainers: [container({ name: "debug", securityContext: { privileged: true } })] }))), /"debug"/);
  });

  it("capabilities: the baseline add list, exact names; node-takeover ones are critical", () => {
    ok(checkCapabilitiesBaseline(podView(withCtx({ capabilities: { add: ["NET_BIND_SERVICE", "CHOWN"], drop: ["ALL"] } }))));
    const r = checkCapabilitiesBaseline(podView(withCtx({ capabilities: { add: ["NET_ADMIN"] } })));
    bad(r, /"NET_ADMIN"/);
    expect(r.severity).toBeUndefined();
    expect(checkCapabilitiesBaseline(podView(withCtx({ capabilities: { add: ["SYS_ADMIN"] } }))).severity).toBe("critical");
    // PSA compares as written: CAP_CHOWN is not CHOWN
    bad(checkCapabilitiesBaseline(podView(withCtx({ capabilities: { add: ["CAP_CHOWN"] } }))));
  });

  it("hostPath volumes; sensitive paths are critical", () => {
    ok(checkHostPath(podView(hardenedSpec({ volumes: [{ name: "tmp", type: "emptyDir" }] }))));
    const logs = checkHostPath(podView(hardenedSpec({ volumes: [{ name: "logs", type: "hostPath", hostPath: { path: "/var/log" } }] })));
    bad(logs, /"logs" \(\/var\/log\)/);
    expect(logs.severity).toBeUndefined();
    const sock = checkHostPath(podView(hardenedSpec({ volumes: [{ name: "d", type: "hostPath", hostPath: { path: "/var/run/docker.sock" } }] })));
    expect(sock.severity).toBe("critical");
    expect(isSensitiveHostPath("/")).toBe(true);
    expect(isSensitiveHostPath("/etc/kubernetes")).toBe(true);
    expect(isSensitiveHostPath("/var/lib/kubelet/pods")).toBe(true);
    expect(isSensitiveHostPath("/var/log/pods")).toBe(false);
  });

  it("host ports", () => {
    ok(checkHostPorts(podView(hardenedSpec({ containers: [{ ...base, ports: [{ containerPort: 80, protocol: "TCP" }] }] }))));
    bad(checkHostPorts(podView(hardenedSpec({ containers: [{ ...base, ports: [{ containerPort: 80, protocol: "TCP", hostPort: 8080 }] }] }))), /hostPort 8080/);
  });

  it("AppArmor: fields and the legacy annotation", () => {
    ok(checkAppArmor(podView(hardenedSpec({ securityContext: { appArmorProfile: { type: "RuntimeDefault" } } }))));
    ok(checkAppArmor(podView(hardened, { "container.apparmor.security.beta.kubernetes.io/app": "localhost/k8s-app" })));
    bad(checkAppArmor(podView(hardened, { "container.apparmor.security.beta.kubernetes.io/app": "unconfined" })), /unconfined/);
    bad(checkAppArmor(podView(withCtx({ appArmorProfile: { type: "Unconfined" } }))), /container "app" appArmorProfile.type=Unconfined/);
    bad(checkAppArmor(podView(hardenedSpec({ securityContext: { appArmorProfile: { type: "Unconfined" } } }))), /pod appArmorProfile/);
  });

  it("SELinux: type from the container domains, no user or role", () => {
    ok(checkSELinux(podView(hardenedSpec({ securityContext: { seLinuxOptions: { type: "container_init_t", level: "s0:c1,c2" } } }))));
    bad(checkSELinux(podView(hardenedSpec({ securityContext: { seLinuxOptions: { type: "spc_t" } } }))), /pod set forbidden.*type "spc_t"/);
    bad(checkSELinux(podView(withCtx({ seLinuxOptions: { user: "system_u" } }))), /container "app".*user may not be set/);
    bad(checkSELinux(podView(withCtx({ seLinuxOptions: { role: "sysadm_r" } }))), /role may not be set/);
  });

  it("/proc mount: Default only, any value in a user namespace", () => {
    ok(checkProcMount(podView(withCtx({ procMount: "Default" }))));
    bad(checkProcMount(podView(withCtx({ procMount: "Unmasked" }))), /"Unmasked"/);
    ok(checkProcMount(podView(withCtx({ procMount: "Unmasked" }, { hostUsers: false }))));
  });

  it("seccomp: never Unconfined, fields and legacy annotations", () => {
    ok(checkSeccompBaseline(podView(hardenedSpec({ securityContext: {} }))));
    bad(checkSeccompBaseline(podView(hardenedSpec({ securityContext: { seccompProfile: { type: "Unconfined" } } }))), /^pod/);
    bad(checkSeccompBaseline(podView(withCtx({ seccompProfile: { type: "Unconfined" } }))), /container "app"/);
    bad(checkSeccompBaseline(podView(hardened, { "seccomp.security.alpha.kubernetes.io/pod": "unconfined" })), /annotation/);
    ok(checkSeccompBaseline(podView(hardened, { "seccomp.security.alpha.kubernetes.io/pod": "runtime/default" })));
  });

  it("sysctls: the safe set only", () => {
    ok(checkSysctls(podView(hardenedSpec({ securityContext: { sysctls: [{ name: "net.ipv4.tcp_keepalive_time", value: "60" }] } }))));
    bad(checkSysctls(podView(hardenedSpec({ securityContext: { sysctls: [{ name: "kernel.msgmax", value: "1" }] } }))), /kernel.msgmax/);
  });
});

describe("restricted controls", () => {
  it("volume types", () => {
    ok(checkVolumeTypes(podView(hardenedSpec({ volumes: [{ name: "c", type: "configMap" }, { name: "t", type: "projected" }] }))));
    bad(checkVolumeTypes(podView(hardenedSpec({ volumes: [{ name: "n", type: "nfs" }] }))), /"n" \(nfs\)/);
  });

  it("allowPrivilegeEscalation must be false explicitly, on every container", () => {
    ok(checkPrivilegeEscalation(podView()));
    bad(checkPrivilegeEscalation(podView(withCtx({ allowPrivilegeEscalation: undefined }))));
    bad(checkPrivilegeEscalation(podView(hardenedSpec({ initContainers: [container({ name: "init" })] }))), /"init"/);
  });

  it("runAsNonRoot: pod level, container override, or every container", () => {
    ok(checkRunAsNonRoot(podView()));
    bad(checkRunAsNonRoot(podView(withCtx({ runAsNonRoot: false }))), /must not set/);
    bad(checkRunAsNonRoot(podView(hardenedSpec({ securityContext: { seccompProfile: { type: "RuntimeDefault" } } }))), /pod or container "app" must set/);
    ok(checkRunAsNonRoot(podView(withCtx({ runAsNonRoot: true }, { securityContext: {} }))));
    ok(checkRunAsNonRoot(podView(hardenedSpec({ securityContext: {}, hostUsers: false }))));
  });

  it("runAsUser must not be 0, at pod or container level", () => {
    ok(checkRunAsUser(podView()));
    bad(checkRunAsUser(podView(hardenedSpec({ securityContext: { runAsUser: 0, runAsNonRoot: true } }))), /^pod must not/);
    bad(checkRunAsUser(podView(withCtx({ runAsUser: 0 }))), /container "app"/);
  });

  it("seccomp RuntimeDefault or Localhost, explicitly", () => {
    ok(checkSeccompRestricted(podView()));
    ok(checkSeccompRestricted(podView(withCtx({ seccompProfile: { type: "Localhost", localhostProfile: "p.json" } }, { securityContext: { runAsNonRoot: true } }))));
    bad(checkSeccompRestricted(podView(hardenedSpec({ securityContext: { runAsNonRoot: true } }))), /must set/);
    bad(checkSeccompRestricted(podView(withCtx({ seccompProfile: { type: "Unconfined" } }))), /must not set/);
  });

  it("capabilities: drop ALL, add only NET_BIND_SERVICE", () => {
    ok(checkCapabilitiesRestricted(podView(withCtx({ capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } }))));
    bad(checkCapabilitiesRestricted(podView(withCtx({ capabilities: { drop: ["NET_RAW"] } }))), /drop=\["ALL"\]/);
    bad(checkCapabilitiesRestricted(podView(withCtx({ capabilities: { drop: ["ALL"], add: ["CHOWN"] } }))), /"CHOWN"/);
  });
});

describe("evaluatePss", () => {
  it("a hardened pod meets restricted", () => {
    expect(evaluatePss(podView())).toEqual({ level: "restricted", failures: [] });
  });

  it("a default pod (no securityContext) meets baseline only", () => {
    const r = evaluatePss(podView(hardenedSpec({ securityContext: {}, containers: [container()] })));
    expect(r.level).toBe("baseline");
    expect(r.failures.map((f) => f.control.rule).sort()).toEqual([
      "PSS-capabilities-restricted",
      "PSS-privilege-escalation",
      "PSS-run-as-non-root",
      "PSS-seccomp-restricted",
    ]);
    expect(meetsLevel(r.level, "baseline")).toBe(true);
    expect(meetsLevel(r.level, "restricted")).toBe(false);
    expect(failuresAgainst(r, "baseline")).toEqual([]);
  });

  it("a privileged pod meets privileged only", () => {
    const r = evaluatePss(podView(withCtx({ privileged: true })));
    expect(r.level).toBe("privileged");
    expect(failuresAgainst(r, "baseline").map((f) => f.control.rule)).toEqual(["PSS-privileged"]);
  });
});
