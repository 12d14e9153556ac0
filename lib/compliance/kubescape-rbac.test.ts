/**
 * Kubescape's RBAC controls, case by case: each row transcribes a test of kubescape/regolibrary
 * (rules/<rule>/test/<case>/input, expected.json) and states both verdicts — Kubescape's expected
 * failing subjects and ours. Where they differ, the control must say why (KubescapeControl.differences,
 * shown on the per-control page and in docs/compliance.md).
 */
import { describe, expect, it } from "vitest";
import { RBAC_CASES } from "./cases-rbac";
import { binding, checkCase, kubescapeVerdict, role } from "./testing";

const admin = (roleName: string) => binding("ClusterRoleBinding", "admin", `ClusterRole/${roleName}`, ["User:ann"]);

describe("Kubescape RBAC controls, per regolibrary test", () => {
  it.each(RBAC_CASES.map((row) => [`${row.control} ${row.source}`, row] as const))("%s", (_name, row) => {
    expect(checkCase(row)).toBeNull();
  });

  it("a cluster-admin-equivalent subject fails the narrower controls it implies", () => {
    const objects = [role("ClusterRole", "root", [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]), admin("root")];
    for (const control of ["C-0002", "C-0015", "C-0063", "C-0065", "C-0187", "C-0188", "C-0191", "C-0278", "C-0279", "C-0281", "C-0282"]) {
      expect(kubescapeVerdict(objects, control).failing, control).toEqual(["User ann"]);
    }
  });

  it("a binding to cluster-admin missing from the input implies them as well (bootstrap rules)", () => {
    const objects = [admin("cluster-admin")];
    for (const control of ["C-0002", "C-0187", "C-0279"]) expect(kubescapeVerdict(objects, control).failing, control).toEqual(["User ann"]);
  });
});

