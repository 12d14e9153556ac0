import path from "node:path";
import { describe, expect, it } from "vitest";
import { bufferIO } from "../io";
import { main } from "../main";

const SMALL = path.join(__dirname, "../../lib/rbac/fixtures/small");

async function run(...args: string[]) {
  const io = bufferIO({});
  const code = await main(args, io);
  return { code, out: io.stdout.join("\n"), err: io.stderr.join("\n") };
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
  via: { text: string; bypass?: boolean; binding?: { kind: string; name: string; namespace?: string }; role?: { kind: string; name: string }; rules?: number[]; scope: string; namespace?: string }[];
}

const ids = (subjects: Subject[]) => subjects.map((s) => `${s.kind}/${s.namespace ? `${s.namespace}/` : ""}${s.name}`);

describe("clearance who-can", () => {
  it("--output json: subjects with structured via, system:masters first", async () => {
    const r = await run("who-can", "create", "pods/exec", "--namespace", "payments", "--snapshot", SMALL, "--output", "json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { subjects: Subject[]; request: unknown };
    expect(ids(json.subjects)).toEqual(["Group/system:masters", "Group/oncall", "ServiceAccount/payments/api"]);
    expect(json.subjects[0].via[0].bypass).toBe(true);
    expect(json.subjects[1].via).toEqual([
      {
        text: 'RoleBinding "payments/pod-debuggers" of ClusterRole "pod-debugger"',
        binding: { kind: "RoleBinding", name: "pod-debuggers", namespace: "payments" },
        role: { kind: "ClusterRole", name: "pod-debugger" },
        rules: [1],
        scope: "namespace",
        namespace: "payments",
      },
    ]);
    expect(json.request).toEqual({ resourceRequest: true, verb: "create", apiGroup: "", resource: "pods", subresource: "exec", name: "", namespace: "payments" });
  });

  it("text: a table with a VIA column", async () => {
    const r = await run("who-can", "get", "secrets", "-n", "payments", "--snapshot", SMALL);
    expect(r.code).toBe(0);
    const lines = r.out.split("\n");
    expect(lines[0]).toBe("Who can get secrets in namespace payments:");
    expect(lines[2]).toMatch(/^KIND\s+NAMESPACE\s+NAME\s+VIA$/);
    expect(r.out).toMatch(/ServiceAccount\s+ci\s+deployer\s+ClusterRoleBinding "ci-secrets" of ClusterRole "secret-reader" \(rule 0\)/);
  });

  it("RESOURCE.GROUP as kubectl writes it, and well-known resources get their group", async () => {
    const dotted = JSON.parse((await run("who-can", "patch", "deployments.apps/scale", "-n", "payments", "--snapshot", SMALL, "-o", "json")).out) as { subjects: Subject[] };
    expect(ids(dotted.subjects)).toEqual(["Group/system:masters", "ServiceAccount/ci/deployer"]);
    const bare = await run("who-can", "patch", "deploy", "-n", "payments", "--snapshot", SMALL, "-o", "json");
    const json = JSON.parse(bare.out) as { subjects: Subject[]; request: { apiGroup: string; resource: string }; notes: string[] };
    expect(json.request).toMatchObject({ apiGroup: "apps", resource: "deployments" });
    expect(ids(json.subjects)).toEqual(["Group/system:masters", "ServiceAccount/ci/deployer"]);
    expect(json.notes).toEqual(['"deploy" read as "deployments"']);
    const core = JSON.parse((await run("who-can", "patch", "deployments", "--api-group", "", "-n", "payments", "--snapshot", SMALL, "-o", "json")).out) as { subjects: Subject[] };
    expect(ids(core.subjects)).toEqual(["Group/system:masters"]);
  });

  it("without --namespace only ClusterRoleBindings answer, and says so", async () => {
    const r = await run("who-can", "create", "pods/exec", "--snapshot", SMALL);
    expect(r.out).not.toContain("oncall");
    expect(r.out).toContain("Note: no namespace: only ClusterRoleBindings answer");
  });

  it("--non-resource-url: exact and trailing-* prefix", async () => {
    for (const url of ["/metrics", "/metrics/cadvisor"]) {
      const json = JSON.parse((await run("who-can", "get", "--non-resource-url", url, "--snapshot", SMALL, "-o", "json")).out) as { subjects: Subject[] };
      expect(ids(json.subjects), url).toEqual(["Group/system:masters", "Group/monitoring"]);
    }
    const none = JSON.parse((await run("who-can", "get", "--non-resource-url", "/metricsx", "--snapshot", SMALL, "-o", "json")).out) as { subjects: Subject[] };
    expect(ids(none.subjects)).toEqual(["Group/system:masters"]);
  });

  it("reports bindings whose role is missing", async () => {
    const r = await run("who-can", "get", "pods", "-n", "payments", "--snapshot", SMALL, "-o", "json");
    expect((JSON.parse(r.out) as { missingRoles: string[] }).missingRoles).toEqual(['RoleBinding "payments/legacy" of Role "payments/deployer-v1" (missing): role.rbac.authorization.k8s.io "deployer-v1" not found in namespace "payments"']);
  });

  it.each([
    [["who-can"], "give a VERB"],
    [["who-can", "get"], "give a resource"],
    [["who-can", "get", "pods", "--non-resource-url", "/x"], "either a resource or a non-resource URL"],
    [["who-can", "get", "--non-resource-url", "metrics"], 'starts with "/"'],
    [["who-can", "get", "deployments.apps", "--api-group", "extensions"], 'names API group "apps"'],
    [["who-can", "get", "pods", "--bogus"], "Unknown option"],
  ])("bad usage exits 2 with one line: %j", async (args, message) => {
    const r = await run(...args, "--snapshot", SMALL);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.out).toBe("");
  });

  it("--help documents the via objects", async () => {
    const r = await run("who-can", "--help");
    expect(r.code).toBe(0);
    expect(r.out).toContain('"binding":{"kind","name","namespace"?}');
  });
});

describe("clearance permissions", () => {
  it("--service-account: cluster-wide then per namespace, with the path", async () => {
    const r = await run("permissions", "--service-account", "ci/deployer", "--snapshot", SMALL, "-o", "json");
    expect(r.code).toBe(0);
    const p = JSON.parse(r.out) as { identity: { username: string; groups: string[] }; scopes: { scope: string; namespace?: string; rules: { verbs: string[]; apiGroups: string[]; resources: string[]; via: { text: string }[] }[] }[] };
    expect(p.identity.username).toBe("system:serviceaccount:ci:deployer");
    expect(p.scopes.map((s) => s.namespace ?? s.scope)).toEqual(["cluster", "payments"]);
    expect(p.scopes[0].rules).toMatchObject([{ verbs: ["get", "list", "watch"], apiGroups: [""], resources: ["secrets"], via: [{ text: 'ClusterRoleBinding "ci-secrets" of ClusterRole "secret-reader"' }] }]);
    expect(p.scopes[1].rules).toMatchObject([{ verbs: ["get", "update", "patch"], apiGroups: ["apps"], resources: ["deployments", "deployments/scale"] }]);
  });

  it("--user with --group: assumed membership, text output", async () => {
    const r = await run("permissions", "--user", "bob", "--group", "oncall", "--namespace", "payments", "--snapshot", SMALL);
    expect(r.code).toBe(0);
    expect(r.out).toContain('User "bob" (groups: system:authenticated) assuming groups: oncall');
    expect(r.out).toContain("Namespace payments (RoleBindings):");
    expect(r.out).toMatch(/create\s+core\s+pods\/exec\s+RoleBinding "payments\/pod-debuggers" of ClusterRole "pod-debugger" \(rule 1\)/);
  });

  it("a user with no binding that applies", async () => {
    const r = await run("permissions", "--user", "carol", "--snapshot", SMALL);
    expect(r.out).toContain("No RoleBinding or ClusterRoleBinding applies.");
  });

  it.each([
    [["permissions"], "give --user U"],
    [["permissions", "--user", "a", "--service-account", "b/c"], "either --user or --service-account"],
    [["permissions", "--service-account", "deployer"], "NAMESPACE/NAME"],
  ])("bad usage exits 2: %j", async (args, message) => {
    const r = await run(...args, "--snapshot", SMALL);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });
});
