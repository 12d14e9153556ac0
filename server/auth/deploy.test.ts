/**
 * deploy/ and the Dockerfile: the dashboard is not itself the over-privileged, exposed workload it
 * warns about. Clearance's own scan of deploy/ (the base set; deploy/fleet/ examples in
 * deploy-fleet.test.ts) reports nothing above low; the hardening it relies
 * on is pinned here field by field, so a change that weakens it fails with a precise message.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { baseFiles, DEPLOY, ROOT, scanAboveLow } from "../../testing/deploy";

type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: any; data?: Record<string, string> }; // eslint-disable-line @typescript-eslint/no-explicit-any

function manifests(): { file: string; obj: Obj }[] {
  return baseFiles()
    .flatMap((file) => parseAllDocuments(readFileSync(path.join(DEPLOY, file), "utf8")).map((d) => ({ file, obj: d.toJS() as Obj })));
}

const all = manifests();
const one = (kind: string, name?: string) => {
  const found = all.filter((m) => m.obj.kind === kind && (!name || m.obj.metadata.name === name));
  expect(found, `${kind} ${name ?? ""}`).toHaveLength(1);
  return found[0].obj;
};

describe("deploy/", () => {
  it("commits no Secret and no secret value", () => {
    expect(all.filter((m) => m.obj.kind === "Secret")).toEqual([]);
    const config = one("ConfigMap", "clearance-config").data!;
    for (const key of Object.keys(config)) expect(key).not.toMatch(/SECRET/);
  });

  it("puts everything in the clearance namespace, which enforces Pod Security restricted", () => {
    const ns = one("Namespace", "clearance");
    expect(ns.metadata.labels).toMatchObject({ "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/enforce-version": "latest" });
    for (const { obj } of all) if (!["Namespace", "ClusterRole", "ClusterRoleBinding"].includes(obj.kind)) expect(obj.metadata.namespace, `${obj.kind} ${obj.metadata.name}`).toBe("clearance");
  });

  it("runs the dashboard hardened: non-root, read-only root, no escalation, no capabilities, seccomp, limits, digest-pinned image", () => {
    const pod = one("Deployment", "clearance").spec.template.spec;
    expect(pod.serviceAccountName).toBe("clearance");
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } });
    expect(pod.containers).toHaveLength(1);
    const c = pod.containers[0];
    expect(c.image).toMatch(/^[\w.\-/]+:[\w.-]+@sha256:[0-9a-f]{64}$/);
    expect(c.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 10001,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(c.securityContext.capabilities.add).toBeUndefined();
    expect(c.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    expect(c.resources.limits).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    // the only writable places are emptyDirs
    const mounts = Object.fromEntries(c.volumeMounts.map((m: { name: string; mountPath: string }) => [m.mountPath, m.name]));
    expect(Object.keys(mounts).sort()).toEqual(["/app/dist/server/.next/cache", "/data", "/tmp"]);
    for (const v of pod.volumes) expect(Object.keys(v).sort(), v.name).toEqual(["emptyDir", "name"]);
    // sign-in: settings from the ConfigMap, secrets only by reference
    expect(c.envFrom).toEqual([{ configMapRef: { name: "clearance-config" } }]);
    const secretEnv = c.env.filter((e: { valueFrom?: unknown }) => e.valueFrom);
    expect(secretEnv.map((e: { name: string }) => e.name).sort()).toEqual(["CLEARANCE_METRICS_TOKEN", "CLEARANCE_OIDC_CLIENT_SECRET", "NEXTAUTH_SECRET"]);
    for (const e of secretEnv) expect(e.valueFrom.secretKeyRef.name).toBe(e.name === "CLEARANCE_METRICS_TOKEN" ? "clearance-metrics" : "clearance-oidc");
    // the scrapers' token is optional: without its Secret the pod starts and /metrics needs a session
    expect(secretEnv.find((e: { name: string }) => e.name === "CLEARANCE_METRICS_TOKEN").valueFrom.secretKeyRef.optional).toBe(true);
    expect(c.env.find((e: { name: string }) => e.name === "HOSTNAME").value).toBe("0.0.0.0");
  });

  it("configures sign-in with OpenID Connect, in the shape the server validates", async () => {
    const { parseAuthConfig } = await import("./config");
    const data = one("ConfigMap", "clearance-config").data!;
    expect(data.CLEARANCE_AUTH).toBe("oidc");
    const cfg = parseAuthConfig({ ...data, CLEARANCE_OIDC_CLIENT_SECRET: "from-the-secret", NEXTAUTH_SECRET: "x".repeat(44) });
    expect(cfg).toMatchObject({ mode: "oidc", secureCookies: true });
  });

  it("exposes only a ClusterIP Service, and the optional Ingress only over TLS", () => {
    const svc = one("Service", "clearance");
    expect(svc.spec.type).toBe("ClusterIP");
    const ing = one("Ingress", "clearance");
    expect(all.find((m) => m.obj.kind === "Ingress")!.file).toBe(path.join("optional", "ingress.yaml"));
    expect(ing.spec.tls[0].hosts).toEqual(ing.spec.rules.map((r: { host: string }) => r.host));
  });

  it("denies all traffic by default and allows exactly ingress controller (and, optionally, Prometheus) → app port, DNS, API server, https out", () => {
    const policies = all.filter((m) => m.obj.kind === "NetworkPolicy").map((m) => m.obj);
    const deny = policies.find((p) => p.metadata.name === "default-deny")!;
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    const ingress = all.filter((m) => m.obj.kind === "NetworkPolicy" && m.obj.spec.ingress).map((m) => [m.file, m.obj.metadata.name]);
    expect(ingress).toEqual([
      ["50-networkpolicy.yaml", "clearance-from-ingress-controller"],
      [path.join("optional", "servicemonitor.yaml"), "clearance-from-prometheus"],
    ]);
    const ingressRules = policies.flatMap((p) => p.spec.ingress ?? []);
    for (const r of ingressRules) expect(r.ports).toEqual([{ protocol: "TCP", port: 3000 }]);
    const egressPorts = policies.flatMap((p) => (p.spec.egress ?? []).flatMap((r: { ports: { protocol: string; port: number }[] }) => r.ports.map((x) => `${x.protocol}/${x.port}`)));
    expect(new Set(egressPorts)).toEqual(new Set(["UDP/53", "TCP/53", "TCP/443", "TCP/6443"]));
    // the open internet only on 443, and never the cloud metadata endpoint
    const internet = policies.flatMap((p) => p.spec.egress ?? []).filter((r: { to: { ipBlock?: { cidr: string } }[] }) => r.to.some((t) => t.ipBlock?.cidr === "0.0.0.0/0"));
    expect(internet).toHaveLength(1);
    expect(internet[0].ports).toEqual([{ protocol: "TCP", port: 443 }]);
    expect(internet[0].to[0].ipBlock.except).toContain("169.254.0.0/16");
  });

  it("passes Clearance's own scan: nothing above low", async () => {
    expect(existsSync("deploy/10-rbac.yaml"), "run the tests from the repository root").toBe(true);
    const r = await scanAboveLow(baseFiles().map((f) => path.join(DEPLOY, f)));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.aboveLow).toEqual([]);
  });
});

describe("Dockerfile", () => {
  const dockerfile = readFileSync(path.join(ROOT, "Dockerfile"), "utf8");
  const ignore = readFileSync(path.join(ROOT, ".dockerignore"), "utf8").split("\n");

  it("builds the standalone output and runs it as UID 10001 with static assets, public and the demo", () => {
    // the image is the npm package, installed as a user installs it
    expect(dockerfile).toMatch(/RUN .*npm pack --pack-destination \/tmp[^]*npm install --global --prefix \/opt\/clearance .*\/tmp\/clearance-\*\.tgz/);
    expect(dockerfile).toContain("COPY --from=build /opt/clearance/lib/node_modules/clearance /app");
    const users = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
    expect(users).toEqual(["10001:10001"]);
    expect(dockerfile.slice(dockerfile.lastIndexOf("\nFROM "))).toContain("USER 10001:10001");
    expect(dockerfile).toMatch(/CMD \["\/app\/dist\/server\/server\.js"\]/);
  });

  it("keeps local state and secrets out of the build context", () => {
    for (const entry of [".git", "node_modules", ".next", ".env*", "data", "test-results"]) expect(ignore).toContain(entry);
  });
});
