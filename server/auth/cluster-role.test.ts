/**
 * deploy/10-rbac.yaml grants exactly what the live source reads (derived from KINDS), read-only,
 * nothing on Secrets; and lib/rbac finds nothing risky in it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments, stringify } from "yaml";
import { indexSnapshot } from "../../lib/rbac/rbac-index";
import { rbacFindings } from "../../lib/rbac/findings";
import { GATEKEEPER_CONSTRAINTS_GROUP, KINDS } from "../../lib/model";
import { loadFiles } from "../sources/files";
import { dashboardClusterRoleRules, READ_VERBS, type PolicyRule } from "./cluster-role";

const DEPLOY = path.resolve(import.meta.dirname, "../../deploy");

interface Doc {
  kind: string;
  metadata: { name: string; namespace?: string };
  [k: string]: unknown;
}

function docs(file: string): Doc[] {
  return parseAllDocuments(readFileSync(path.join(DEPLOY, file), "utf8")).map((d) => d.toJS() as Doc);
}

const rbac = docs("10-rbac.yaml");
const role = rbac.find((d) => d.kind === "ClusterRole" && d.metadata.name === "clearance-read") as Doc & { rules: PolicyRule[] };

describe("the dashboard's ClusterRole", () => {
  it("is exactly the rules derived from KINDS (plus Gatekeeper constraints)", () => {
    const expected = dashboardClusterRoleRules();
    // On drift, paste this into deploy/10-rbac.yaml:
    const hint = `\nexpected rules:\n${stringify(expected.map((r) => ({ apiGroups: r.apiGroups, resources: r.resources, verbs: r.verbs })), { collectionStyle: "flow" })}`;
    expect(role.rules, hint).toEqual(expected);
  });

  it("covers every kind the live source lists", () => {
    const granted = new Set(role.rules.flatMap((r) => r.apiGroups.flatMap((g) => r.resources.map((res) => `${res}.${g}`))));
    for (const k of KINDS) expect(granted, `${k.resource}.${k.group}`).toContain(`${k.resource}.${k.group}`);
    expect(granted).toContain(`*.${GATEKEEPER_CONSTRAINTS_GROUP}`);
  });

  it("only reads: get/list/watch, no Secrets, no subresources, no wildcard group or verb", () => {
    for (const r of role.rules) {
      expect(r.verbs).toEqual(READ_VERBS);
      expect(r.apiGroups).not.toContain("*");
      expect(r.resources).not.toContain("secrets");
      for (const res of r.resources) expect(res).not.toContain("/");
      // the one wildcard: resources of the constraints group, whose kinds come from the ConstraintTemplates
      if (r.resources.includes("*")) expect(r.apiGroups).toEqual([GATEKEEPER_CONSTRAINTS_GROUP]);
      expect(Object.keys(r).sort()).toEqual(["apiGroups", "resources", "verbs"]);
    }
  });

  it("is bound to the dashboard's ServiceAccount only, whose token is off unless a pod asks", () => {
    const binding = rbac.find((d) => d.kind === "ClusterRoleBinding") as Doc & { roleRef: unknown; subjects: unknown };
    expect(binding.roleRef).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "clearance-read" });
    expect(binding.subjects).toEqual([{ kind: "ServiceAccount", name: "clearance", namespace: "clearance" }]);
    const sa = rbac.find((d) => d.kind === "ServiceAccount");
    expect(sa).toMatchObject({ metadata: { name: "clearance", namespace: "clearance" }, automountServiceAccountToken: false });
    expect(rbac.map((d) => d.kind).sort()).toEqual(["ClusterRole", "ClusterRoleBinding", "ServiceAccount"]);
  });

  it("gives lib/rbac nothing above low to report, but the read-only wildcard over Gatekeeper constraints", async () => {
    const findings = rbacFindings(indexSnapshot(await loadFiles([DEPLOY])));
    const above = findings.filter((f) => f.severity !== "low" && f.severity !== "info");
    // R22 (wildcard rules) grades `get,list,watch *` in constraints.gatekeeper.sh medium; see deploy/README.md.
    for (const f of above) {
      expect(f.rule, f.title).toBe("R22");
      expect(f.evidence).toContain(`get,list,watch * (${GATEKEEPER_CONSTRAINTS_GROUP})`);
    }
    expect(findings.map((f) => f.rule)).not.toContain("R06"); // secrets
  });
});
