/**
 * Posture fixes: on random pod templates, the patch to the owning workload — applied as a draft
 * (strategic merge of the workload's manifest) — leaves the workload with no Pod Security finding at
 * the target level, as the posture checks (lib/posture) see it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Container, PodTemplate, Volume, Workload } from "../model";
import { workloadManifest } from "../model/manifest";
import { snapshotFromYaml } from "../model/testing";
import { postureFindings } from "../posture";
import { manifestYaml } from "../whatif/api";
import { applyDraft } from "../whatif/apply";
import { parseDraft } from "../whatif/draft";
import { postureFix } from "./posture";

const pick = <T,>(xs: readonly T[]) => fc.constantFrom(...xs);
const maybe = <T,>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const profileArb = maybe(fc.record({ type: pick(["RuntimeDefault", "Unconfined", "Localhost"]) }).map((p) => (p.type === "Localhost" ? { ...p, localhostProfile: "p.json" } : p)));
const securityArb = maybe(
  fc.record(
    {
      privileged: maybe(fc.boolean()),
      allowPrivilegeEscalation: maybe(fc.boolean()),
      capabilities: maybe(fc.record({ add: maybe(fc.uniqueArray(pick(["NET_ADMIN", "SYS_ADMIN", "NET_BIND_SERVICE", "CHOWN"]), { maxLength: 2 })), drop: maybe(fc.uniqueArray(pick(["ALL", "NET_RAW"]), { maxLength: 2 })) })),
      runAsNonRoot: maybe(fc.boolean()),
      runAsUser: maybe(pick([0, 1000])),
      procMount: maybe(pick(["Default", "Unmasked"])),
      seLinuxOptions: maybe(fc.record({ type: maybe(pick(["container_t", "spc_t"])), user: maybe(pick(["system_u"])) })),
      seccompProfile: profileArb,
      appArmorProfile: maybe(fc.record({ type: pick(["RuntimeDefault", "Unconfined"]) })),
    },
    { requiredKeys: [] },
  ),
);

const containerArb = (name: string): fc.Arbitrary<Container> =>
  fc.record({ securityContext: securityArb, hostPort: maybe(pick([80, 9100])) }).map(({ securityContext, hostPort }) => ({
    name,
    image: `${name}:1`,
    ports: [{ containerPort: 8080, protocol: "TCP" as const, ...(hostPort ? { hostPort } : {}) }],
    ...(securityContext ? { securityContext: JSON.parse(JSON.stringify(securityContext)) } : {}),
    resources: {},
    volumeMounts: [],
    envNames: [],
  }));

const volumeArb: fc.Arbitrary<Volume[]> = fc.uniqueArray(
  pick<Volume>([{ name: "host", type: "hostPath", hostPath: { path: "/var/log" } }, { name: "tmp", type: "emptyDir" }, { name: "nfs", type: "nfs" }, { name: "cfg", type: "configMap" }]),
  { selector: (v) => v.name, maxLength: 3 },
);

const templateArb: fc.Arbitrary<PodTemplate> = fc
  .record({
    app: containerArb("app"),
    init: maybe(containerArb("init")),
    hostNetwork: fc.boolean(),
    hostPID: fc.boolean(),
    volumes: volumeArb,
    pod: fc.record({ runAsNonRoot: maybe(fc.boolean()), runAsUser: maybe(pick([0, 1000])), seccompProfile: profileArb, sysctls: maybe(fc.constant([{ name: "kernel.msgmax", value: "1" }])) }, { requiredKeys: [] }),
    apparmorAnnotation: maybe(pick(["unconfined", "runtime/default"])),
  })
  .map((t): PodTemplate => ({
    labels: { app: "web" },
    annotations: t.apparmorAnnotation ? { "container.apparmor.security.beta.kubernetes.io/app": t.apparmorAnnotation } : ({} as Record<string, string>),
    spec: {
      serviceAccountName: "default",
      hostNetwork: t.hostNetwork,
      hostPID: t.hostPID,
      hostIPC: false,
      securityContext: JSON.parse(JSON.stringify(t.pod)),
      containers: [t.app],
      initContainers: t.init ? [t.init] : [],
      ephemeralContainers: [],
      volumes: t.volumes,
    },
  }));

const NS = `apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n`;

function snapshotWith(template: PodTemplate) {
  const w: Workload = { kind: "Deployment", name: "web", namespace: "shop", labels: {}, annotations: {}, ownerReferences: [], replicas: 2, selector: { matchLabels: { app: "web" } }, template };
  return snapshotFromYaml(NS + manifestYaml(workloadManifest(w)));
}

const pssFindings = (s: ReturnType<typeof snapshotWith>) => postureFindings(s).findings.filter((f) => f.rule.startsWith("PSS-") && f.resources[0]?.name === "web");

describe("postureFix", () => {
  it.each(["baseline", "restricted"] as const)("the patch leaves no Pod Security finding at %s (random templates)", (level) => {
    const baselineRules = new Set(["PSS-host-process", "PSS-host-namespaces", "PSS-privileged", "PSS-capabilities-baseline", "PSS-host-path", "PSS-host-ports", "PSS-apparmor", "PSS-selinux", "PSS-proc-mount", "PSS-seccomp-baseline", "PSS-sysctls"]);
    fc.assert(
      fc.property(templateArb, (template) => {
        const before = snapshotWith(template);
        const fix = postureFix(before, { kind: "Deployment", namespace: "shop", name: "web" }, { level })!;
        const applied = applyDraft(before, parseDraft(fix.yaml));
        expect(applied.issues).toEqual([]);
        expect(applied.changes).toEqual([expect.objectContaining({ op: "patch", kind: "Deployment", name: "web" })]);
        const left = pssFindings(applied.snapshot).filter((f) => level === "restricted" || baselineRules.has(f.rule));
        expect(left).toEqual([]);
        expect(fix.after === level || fix.after === "restricted").toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it("patches the owning Deployment with only what changes, as kubectl patch takes it", () => {
    const before = snapshotFromYaml(`${NS}apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - {name: app, image: "web:1", securityContext: {privileged: true}}
        - {name: proxy, image: "envoy:1"}
`);
    const pod = before.pods[0];
    const fix = postureFix(before, { kind: "Pod", namespace: "shop", name: pod.name }, { level: "baseline" })!;
    expect(fix.target).toEqual({ kind: "Deployment", namespace: "shop", name: "web" });
    expect(fix).toMatchObject({ before: "privileged", after: "baseline", fixes: ["PSS-privileged"] });
    expect(fix.patch).toEqual({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "shop" }, spec: { template: { spec: { containers: [{ name: "app", securityContext: null }] } } } });
    expect(fix.yaml).toMatch(/^# Pod Security baseline for Deployment shop\/web\n# clearance: patch\napiVersion: apps\/v1\n/);
    expect(fix.kubectl).toBe("kubectl patch deployment web -n shop --type strategic --patch-file web-baseline.yaml");
    expect(fix.notes).toEqual(['container "app" no longer runs privileged']);
  });
});
