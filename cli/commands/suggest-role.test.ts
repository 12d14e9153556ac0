/** The audit-log commands end to end on the demo cluster, with a small log written for the test. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import YAML from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { line } from "../../lib/audit/testing";
import type { Finding } from "../../lib/findings/types";
import { bufferIO } from "../io";
import { main } from "../main";

const tmp = mkdtempSync(path.join(tmpdir(), "clearance-audit-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const LOG = path.join(tmp, "audit.log.gz");
writeFileSync(
  LOG,
  gzipSync(
    [
      line({ as: "ci/deployer", verb: "get", resource: "deployments", apiGroup: "apps", namespace: "shop-frontend", name: "web", day: 1 }),
      line({ as: "ci/deployer", verb: "patch", resource: "deployments", apiGroup: "apps", namespace: "shop-frontend", name: "web", day: 1 }),
      line({ as: "ci/deployer", verb: "patch", resource: "deployments", apiGroup: "apps", namespace: "payments", name: "payments-api", day: 6 }),
      "{ not json",
      line({ as: "data/reports", verb: "get", resource: "secrets", namespace: "data", name: "reports-db", day: 7 }),
    ].join("\n"),
  ),
);

async function run(args: string[]) {
  const io = bufferIO();
  const code = await main(args, io);
  return { code, out: io.stdout.join("\n"), err: io.stderr.join("\n") };
}

describe("clearance suggest-role", () => {
  it("prints checked, right-sized roles as YAML with what today's binding loses", async () => {
    const r = await run(["suggest-role", "--service-account", "ci/deployer", "--audit-log", LOG, "--demo"]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("used/unused means in the 6 days covered by the audit log (2026-10-02 → 2026-10-08)");
    expect(r.err).toMatch(/warning: .*audit\.log\.gz:4: invalid JSON/);
    expect(r.out).toContain("# Checked: all 3 distinct allowed requests (3 in all) are still allowed with this applied.");
    expect(r.out).toContain("# Removes: Cluster-admin equivalent (critical) — is cluster-admin equivalent cluster-wide.");
    expect(r.out).toContain('# ClusterRoleBinding "ci-deployer-admin" of ClusterRole "cluster-admin" would lose: rule 0 * * (*) (all but what was used); rule 1 * *.');
    const docs = YAML.parseAllDocuments(r.out).map((d) => d.toJS());
    expect(docs.map((d) => `${d.kind} ${d.metadata.namespace ?? ""}/${d.metadata.name}`)).toEqual(["Role payments/ci-deployer-used", "Role shop-frontend/ci-deployer-used", "RoleBinding payments/ci-deployer-used", "RoleBinding shop-frontend/ci-deployer-used"]);
  });

  it("its YAML is a draft: clearance whatif shows the grants lost and that nothing used is lost", async () => {
    const r = await run(["suggest-role", "--service-account", "ci/deployer", "--audit-log", LOG, "--demo"]);
    expect(r.out.trimEnd().split("\n").at(-1)).toBe("# clearance: delete ClusterRoleBinding ci-deployer-admin");
    const draft = path.join(tmp, "right-sized.yaml");
    writeFileSync(draft, r.out);
    const w = await run(["whatif", "--draft", draft, "--demo", "--audit-log", LOG]);
    expect(w.code).toBe(0);
    expect(w.out).toContain("delete  ClusterRoleBinding ci-deployer-admin");
    expect(w.out).toContain("Audit log: nothing used in the 6 days covered by the audit log (2026-10-02 → 2026-10-08) is lost");
    const j = JSON.parse((await run(["whatif", "--draft", draft, "--demo", "--audit-log", LOG, "-o", "json"])).out);
    expect(j.used.lost).toEqual({ atoms: 0, requests: 0 });
    expect(j.grants.lost.map((x: { kind: string; namespace?: string; name: string }) => `${x.kind} ${x.namespace}/${x.name}`)).toContain("ServiceAccount ci/deployer");
  });

  it("--output json gives the whole right-sizing; --verbs family generalises", async () => {
    const r = await run(["suggest-role", "--service-account", "data/reports", "--audit-log", LOG, "--demo", "-o", "json", "--verbs", "family"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.verification.ok).toBe(true);
    expect(j.manifests[0].rules).toEqual([{ apiGroups: [""], resources: ["secrets"], resourceNames: ["reports-db"], verbs: ["get", "list", "watch"] }]);
    expect(j.changes[0].lostRisks.map((x: { rule: string }) => x.rule)).toEqual(["R06"]);
  });

  it("needs --audit-log and a subject", async () => {
    expect((await run(["suggest-role", "--service-account", "ci/deployer", "--demo"])).code).toBe(2);
    expect((await run(["suggest-role", "--audit-log", LOG, "--demo"])).err).toContain("give --user U, --service-account NS/NAME or --group G");
  });
});

describe("permissions and scan with --audit-log", () => {
  it("permissions --output json lists each permission with used, count and lastSeen", async () => {
    const r = await run(["permissions", "--service-account", "data/reports", "--audit-log", LOG, "--demo", "-o", "json"]);
    const j = JSON.parse(r.out);
    expect(j.audit.windowText).toBe("the 6 days covered by the audit log (2026-10-02 → 2026-10-08)");
    const secrets = j.audit.permissions.filter((p: { resource: string; scope: string }) => p.resource === "secrets" && p.scope === "cluster");
    expect(secrets.map((p: { verb: string; used: boolean; count: number; lastSeen: string | null }) => [p.verb, p.used, p.count, p.lastSeen])).toEqual([
      ["get", true, 1, "2026-10-08T00:00:00.000Z"],
      ["list", false, 0, null],
      ["watch", false, 0, null],
    ]);
  });

  it("scan adds the unused-risky findings", async () => {
    const r = await run(["scan", "--demo", "--audit-log", LOG, "--format", "json"]);
    const { findings } = JSON.parse(r.out) as { findings: Finding[] };
    const u01 = findings.filter((f) => f.rule === "U01").map((f) => f.title);
    expect(u01).toContain('ServiceAccount "ci/deployer" is cluster-admin equivalent cluster-wide, unused in the 6 days the audit log covers');
    expect(u01).toContain('ServiceAccount "data/reports" can read Secrets cluster-wide, unused in the 6 days the audit log covers');
  });
});
