import { describe, expect, it } from "vitest";
import { atLeast } from "../findings/types";
import { imageProblems, missingLimits, parseImage, tokenMounted, writableRootFs } from "./hygiene";
import { isHardened, runtimeProtection } from "./runtime";
import { container, hardenedSpec, podView, snapshotFromYaml } from "./testing";
import { workloadUnits } from "./units";
import { workloadChecks } from "./workloads";

const HARDENED = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      automountServiceAccountToken: false
      securityContext: {runAsNonRoot: true, runAsUser: 10001, seccompProfile: {type: RuntimeDefault}}
      containers:
        - name: web
          image: registry.example.com/web:1.2.3@sha256:abc
          securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
          resources: {limits: {cpu: 500m, memory: 256Mi}}
`;

const rules = (s: ReturnType<typeof snapshotFromYaml>) => workloadChecks(s, workloadUnits(s.pods)).findings.map((f) => f.rule).sort();

describe("workload units", () => {
  it("checks a workload once, however many pods it has", () => {
    const s = snapshotFromYaml(`${HARDENED}---
apiVersion: v1
kind: Pod
metadata: {name: web-a, namespace: shop, labels: {app: web}, ownerReferences: [{kind: Deployment, name: web, controller: true}]}
spec: {containers: [{name: web, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web-b, namespace: shop, labels: {app: web}, ownerReferences: [{kind: Deployment, name: web, controller: true}]}
spec: {containers: [{name: web, image: nginx}]}
`);
    const units = workloadUnits(s.pods);
    expect(units).toHaveLength(1);
    expect(units[0]).toMatchObject({ ref: { kind: "Deployment", namespace: "shop", name: "web" }, pods: 2, synthesized: false });
    expect(units[0].pod.name).toBe("web-a");
    // one finding per rule, not per pod
    const found = rules(s);
    expect(found.filter((r) => r === "PSS-privilege-escalation")).toHaveLength(1);
  });
});

describe("workloadChecks", () => {
  it("a fully hardened workload has no finding above low", () => {
    const { findings, posture } = workloadChecks(snapshotFromYaml(HARDENED), workloadUnits(snapshotFromYaml(HARDENED).pods));
    expect(findings.filter((f) => atLeast(f.severity, "medium"))).toEqual([]);
    expect(findings.map((f) => f.rule)).toEqual([]);
    expect(posture[0]).toMatchObject({ level: "restricted", failing: [], pods: 3, synthesized: true, tokenMounted: false });
  });

  it("a careless workload: one finding per failing control, with stable ids and a workloads focus", () => {
    const s = snapshotFromYaml(`apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: default}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      hostNetwork: true
      containers: [{name: agent, image: example/agent, securityContext: {privileged: true}}]
      volumes: [{name: root, hostPath: {path: /}}]
`);
    const { findings, posture } = workloadChecks(s, workloadUnits(s.pods));
    expect(findings.map((f) => f.rule).sort()).toEqual([
      "HY-image-tag",
      "HY-resource-limits",
      "HY-sa-token",
      "HY-writable-root-fs",
      "PSS-capabilities-restricted",
      "PSS-host-namespaces",
      "PSS-host-path",
      "PSS-privilege-escalation",
      "PSS-privileged",
      "PSS-run-as-non-root",
      "PSS-seccomp-restricted",
      "PSS-volume-types",
      "RT-linux-hardening",
    ]);
    const priv = findings.find((f) => f.rule === "PSS-privileged")!;
    expect(priv).toMatchObject({
      severity: "critical",
      category: "workload",
      resources: [{ kind: "DaemonSet", namespace: "default", name: "agent" }],
      namespace: "default",
      focus: { view: "workloads", params: { namespace: "default", kind: "DaemonSet", name: "agent" } },
    });
    expect(priv.references).toEqual(expect.arrayContaining(["PSS baseline: Privileged containers", "CIS 5.2.2", "Kubescape C-0057", "Polaris runAsPrivileged"]));
    expect(findings.find((f) => f.rule === "PSS-host-path")!.severity).toBe("critical");
    expect(posture[0].level).toBe("privileged");
    // same input, same ids
    expect(workloadChecks(s, workloadUnits(s.pods)).findings.map((f) => f.id)).toEqual(findings.map((f) => f.id));
  });

  it("marks findings in system namespaces as defaults", () => {
    const s = snapshotFromYaml(HARDENED.replace("namespace: shop", "namespace: kube-system").replace("automountServiceAccountToken: false", ""));
    const f = workloadChecks(s, workloadUnits(s.pods)).findings.find((x) => x.rule === "HY-sa-token")!;
    expect(f).toMatchObject({ isDefault: true, scope: "privileged-namespace" });
  });

  it("service-account token: low when RBAC is unknown, medium when the account has no permissions, none when it has some", () => {
    const s = snapshotFromYaml(HARDENED.replace("automountServiceAccountToken: false", ""));
    const units = workloadUnits(s.pods);
    expect(workloadChecks(s, units).findings.find((f) => f.rule === "HY-sa-token")!.severity).toBe("low");
    expect(workloadChecks(s, units, { serviceAccountHasPermissions: () => false }).findings.find((f) => f.rule === "HY-sa-token")!.severity).toBe("medium");
    expect(workloadChecks(s, units, { serviceAccountHasPermissions: (ns, name) => ns === "shop" && name === "default" }).findings.find((f) => f.rule === "HY-sa-token")).toBeUndefined();
  });

  it("counts every rule as evaluated once per workload", () => {
    const s = snapshotFromYaml(HARDENED);
    const r = workloadChecks(s, workloadUnits(s.pods));
    expect(r.evaluated["PSS-privileged"]).toBe(1);
    expect(r.evaluated["HY-image-tag"]).toBe(1);
  });
});

describe("hygiene", () => {
  it("parses image references (a registry port is not a tag)", () => {
    expect(parseImage("nginx")).toEqual({ name: "nginx" });
    expect(parseImage("registry:5000/team/app")).toEqual({ name: "registry:5000/team/app" });
    expect(parseImage("registry:5000/team/app:1.2")).toEqual({ name: "registry:5000/team/app", tag: "1.2" });
    expect(parseImage("app:1.2@sha256:ff")).toEqual({ name: "app", tag: "1.2", digest: "sha256:ff" });
  });

  it("image problems: no tag, latest, no digest; a digest pins even :latest", () => {
    const spec = hardenedSpec({
      containers: [container({ name: "a", image: "nginx" }), container({ name: "b", image: "nginx:latest" }), container({ name: "c", image: "nginx:1.27" }), container({ name: "d", image: "nginx:latest@sha256:1" })],
    });
    expect(imageProblems(podView(spec)).map((p) => `${p.container}:${p.problem}`)).toEqual(["a:no-tag", "b:latest", "c:no-digest"]);
  });

  it("writable root filesystems and missing limits", () => {
    expect(writableRootFs(podView())).toEqual([]);
    expect(writableRootFs(podView(hardenedSpec({ initContainers: [container({ name: "init" })] })))).toEqual(["init"]);
    expect(missingLimits(podView())).toEqual([]);
    expect(missingLimits(podView(hardenedSpec({ containers: [container({ resources: { limits: { cpu: "1" } } })] })))).toEqual([{ container: "app", missing: ["memory"] }]);
  });

  it("token mounting: pod wins over ServiceAccount, default true", () => {
    const sa = { name: "app", namespace: "x", labels: {}, annotations: {}, secretNames: [], automountServiceAccountToken: false };
    expect(tokenMounted(podView(hardenedSpec({ automountServiceAccountToken: undefined })), undefined)).toEqual({ mounted: true, setBy: "default" });
    expect(tokenMounted(podView(hardenedSpec({ automountServiceAccountToken: undefined })), sa)).toEqual({ mounted: false, setBy: "serviceaccount" });
    expect(tokenMounted(podView(hardenedSpec({ automountServiceAccountToken: true })), sa)).toEqual({ mounted: true, setBy: "pod" });
  });
});

describe("runtime protection", () => {
  it("container fields override annotations override pod fields", () => {
    const spec = hardenedSpec({
      securityContext: { seccompProfile: { type: "RuntimeDefault" }, appArmorProfile: { type: "RuntimeDefault" } },
      containers: [container({ name: "a", securityContext: { seccompProfile: { type: "Unconfined" } } }), container({ name: "b" })],
    });
    const [a, b] = runtimeProtection(podView(spec, { "container.apparmor.security.beta.kubernetes.io/b": "localhost/strict" }));
    expect(a).toMatchObject({ container: "a", seccomp: "Unconfined", appArmor: "RuntimeDefault" });
    expect(b).toMatchObject({ container: "b", seccomp: "RuntimeDefault", appArmor: "Localhost" });
  });

  it("linux hardening passes with any one protection, not with Unconfined", () => {
    const none = runtimeProtection(podView(hardenedSpec({ securityContext: {}, containers: [container()] })))[0];
    expect(isHardened(none)).toBe(false);
    expect(isHardened({ ...none, seccomp: "Unconfined" })).toBe(false);
    expect(isHardened({ ...none, drops: ["NET_RAW"] })).toBe(true);
    expect(isHardened({ ...none, seLinux: "container_t" })).toBe(true);
    expect(isHardened({ ...none, appArmor: "Localhost" })).toBe(true);
  });
});

describe("a workload's outcome kept with its pod record", () => {
  // an unhardened pod whose token is mounted by default: findings carry the pod count, the row the token
  const POD = `apiVersion: v1
kind: Pod
metadata: {name: web-a, namespace: shop, ownerReferences: [{kind: Deployment, name: web, controller: true}]}
spec: {serviceAccountName: app, containers: [{name: web, image: nginx}]}
`;
  const ACCOUNT = (automount: boolean) => `---
apiVersion: v1
kind: ServiceAccount
metadata: {name: app, namespace: shop}
automountServiceAccountToken: ${automount}
`;

  it("is checked again when the pod count or the ServiceAccount record changes, not when the pod record is shared", () => {
    const s = snapshotFromYaml(POD + ACCOUNT(true));
    const [unit] = workloadUnits(s.pods);
    const once = workloadChecks(s, [unit]);
    const again = workloadChecks(s, [{ ...unit }]);
    expect(again.findings[0]).toBe(once.findings[0]); // shared pod record: the same findings, not recomputed
    const more = workloadChecks(s, [{ ...unit, pods: 5 }]);
    const counts = (r: typeof once) => r.findings.filter((f) => f.details?.pods !== undefined).map((f) => f.details!.pods);
    expect(counts(once).length).toBeGreaterThan(0); // the Pod Security findings say how many pods
    expect(counts(more)).toEqual(counts(once).map(() => 5));
    expect(more.posture[0].pods).toBe(5);
    const other = snapshotFromYaml(POD + ACCOUNT(false));
    const changed = workloadChecks({ ...s, serviceAccounts: other.serviceAccounts }, [unit]);
    expect([once.posture[0].tokenMounted, changed.posture[0].tokenMounted]).toEqual([true, false]);
    expect(changed.findings.map((f) => f.rule)).not.toContain("HY-sa-token");
  });
});
