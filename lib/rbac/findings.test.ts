import { describe, expect, it } from "vitest";
import type { Finding } from "../findings/types";
import type { Pod, PolicyRule, Role, RoleBinding, ServiceAccount, Subject } from "../model";
import { rbacFindings, type RbacFindingOptions } from "./findings";
import { buildRbacIndex } from "./rbac-index";
import { serviceAccountRisk } from "./sa-risk";
import { clusterRole, clusterRoleBinding, group, roleBinding, rule, sa, user } from "./test-objects";

interface Setup {
  roles?: Role[];
  clusterRoles?: Role[];
  roleBindings?: RoleBinding[];
  clusterRoleBindings?: RoleBinding[];
  serviceAccounts?: ServiceAccount[];
  pods?: Pod[];
}

function findings(s: Setup, opts: RbacFindingOptions = {}): Finding[] {
  return rbacFindings(buildRbacIndex({ roles: [], clusterRoles: [], roleBindings: [], clusterRoleBindings: [], ...s }), opts);
}

/** `R06 high namespace:payments` for every finding about `subject` ("User/alice", "ServiceAccount/ns/sa"). */
function summary(fs: Finding[], subject?: string): string[] {
  return fs
    .filter((f) => !subject || f.resources.some((r) => `${r.kind}/${r.namespace ? `${r.namespace}/` : ""}${r.name}` === subject))
    .map((f) => `${f.rule} ${f.severity} ${f.scope}${f.namespace ? `:${f.namespace}` : ""}`)
    .sort();
}

/** Grants `rules` to User alice: cluster-wide (CRB), or in `ns` through a RoleBinding to a ClusterRole. */
function grant(rules: PolicyRule[], ns?: string, subjects: Subject[] = [user("alice")]): Setup {
  const cr = clusterRole("r", rules);
  return ns
    ? { clusterRoles: [cr], roleBindings: [roleBinding(ns, "b", { kind: "ClusterRole", name: "r" }, subjects)] }
    : { clusterRoles: [cr], clusterRoleBindings: [clusterRoleBinding("b", "r", subjects)] };
}

const r = (verbs: string[], apiGroups: string[], resources: string[], resourceNames: string[] = []) => rule({ verbs, apiGroups, resources, resourceNames });

describe("catalogue probes run through the evaluator", () => {
  it.each([
    // [name, rules, namespace (undefined = cluster-wide), expected]
    ["R01 cluster-admin equivalent cluster-wide, and it subsumes the rest", [r(["*"], ["*"], ["*"])], undefined, ["R01 critical cluster"]],
    ["R01 via RoleBinding is namespace-admin: high", [r(["*"], ["*"], ["*"])], "team", ["R01 high namespace:team"]],
    ["R01 in a privileged namespace is critical", [r(["*"], ["*"], ["*"])], "kube-system", ["R01 critical privileged-namespace:kube-system"]],
    ["R02 escalate on clusterroles", [r(["escalate"], ["rbac.authorization.k8s.io"], ["clusterroles"])], undefined, ["R02 critical cluster"]],
    ["R03 bind on clusterroles + create rolebindings (bind is checked on roles)", [r(["bind"], ["rbac.authorization.k8s.io"], ["clusterroles"]), r(["create"], ["rbac.authorization.k8s.io"], ["rolebindings"])], "team", ["R03 critical namespace:team"]],
    ["R03 not for bind on rolebindings (rbac-police's mistake); R21 instead", [r(["bind", "create"], ["rbac.authorization.k8s.io"], ["rolebindings"])], "team", ["R21 medium namespace:team"]],
    ["R03 −1 when bind is limited by resourceNames", [r(["bind"], ["rbac.authorization.k8s.io"], ["clusterroles"], ["view"]), r(["create"], ["rbac.authorization.k8s.io"], ["rolebindings"])], "team", ["R03 high namespace:team"]],
    ["R04 impersonate groups", [r(["impersonate"], [""], ["groups"])], undefined, ["R04 critical cluster"]],
    ["R04 impersonate service accounts of one namespace: high", [r(["impersonate"], [""], ["serviceaccounts"])], "team", ["R04 high namespace:team"]],
    ["R05 token request: high in a namespace", [r(["create"], [""], ["serviceaccounts/token"])], "team", ["R05 high namespace:team"]],
    ["R05 token request: critical in kube-system", [r(["create"], [""], ["serviceaccounts/token"])], "kube-system", ["R05 critical privileged-namespace:kube-system"]],
    ["R06 list secrets (not only get)", [r(["list"], [""], ["secrets"])], "team", ["R06 high namespace:team"]],
    ["R06 watch secrets cluster-wide: +1", [r(["watch"], [""], ["secrets"])], undefined, ["R06 critical cluster"]],
    ["R06 get secrets without names: high, no +1", [r(["get"], [""], ["secrets"])], undefined, ["R06 high cluster"]],
    ["R06 get named secrets: −1", [r(["get"], [""], ["secrets"], ["db-password"])], "team", ["R06 medium namespace:team"]],
    ["R06 list with resourceNames grants nothing (nameless request)", [r(["list"], [""], ["secrets"], ["db-password"])], "team", []],
    ["R06 not for secrets in another API group (krane#80)", [r(["list"], ["example.io"], ["secrets"])], "team", []],
    ["R07 write secrets only counts in privileged namespaces", [r(["create"], [""], ["secrets"])], "team", []],
    ["R07 write secrets in kube-system", [r(["create"], [""], ["secrets"])], "kube-system", ["R07 critical privileged-namespace:kube-system"]],
    ["R08 create pods: high in a namespace", [r(["create"], [""], ["pods"])], "team", ["R08 high namespace:team"]],
    ["R08 create pods cluster-wide: critical", [r(["create"], [""], ["pods"])], undefined, ["R08 critical cluster"]],
    ["R09 patch deployments", [r(["patch"], ["apps"], ["deployments"])], "team", ["R09 high namespace:team"]],
    ["R10 create pods/exec", [r(["create"], [""], ["pods/exec"])], "team", ["R10 high namespace:team"]],
    ["R10 get pods/exec (websocket before 1.31): medium", [r(["get"], [""], ["pods/exec"])], "team", ["R10 medium namespace:team"]],
    ["R10 pods/* is not a wildcard (KubiScan's literal matching)", [r(["create"], [""], ["pods/*"])], "team", []],
    ["R10 */exec is", [r(["create"], [""], ["*/exec"])], "team", ["R10 high namespace:team", "R22 medium namespace:team"]],
    ["R11 create pods/attach", [r(["create"], [""], ["pods/attach"])], "team", ["R11 high namespace:team"]],
    ["R12 port-forward", [r(["create"], [""], ["pods/portforward"])], "team", ["R12 medium namespace:team"]],
    ["R13 ephemeral containers", [r(["patch"], [""], ["pods/ephemeralcontainers"])], "team", ["R13 high namespace:team"]],
    ["R14 update pods", [r(["update"], [""], ["pods"])], "team", ["R14 medium namespace:team"]],
    ["R15 nodes/proxy with get only (any verb counts)", [r(["get"], [""], ["nodes/proxy"])], undefined, ["R15 critical cluster"]],
    ["R15 nodes/proxy through a RoleBinding grants nothing (cluster-scoped)", [r(["get"], [""], ["nodes/proxy"])], "team", []],
    ["R16 needs create + approval + approve", [r(["create"], ["certificates.k8s.io"], ["certificatesigningrequests"]), r(["update"], ["certificates.k8s.io"], ["certificatesigningrequests/approval"]), r(["approve"], ["certificates.k8s.io"], ["signers"], ["kubernetes.io/kube-apiserver-client"])], undefined, ["R16 critical cluster"]],
    ["R16 not without approve on signers", [r(["create"], ["certificates.k8s.io"], ["certificatesigningrequests"]), r(["update"], ["certificates.k8s.io"], ["certificatesigningrequests/approval"])], undefined, []],
    ["R17 mutating webhooks: critical", [r(["patch"], ["admissionregistration.k8s.io"], ["mutatingwebhookconfigurations"])], undefined, ["R17 critical cluster"]],
    ["R17 validating webhooks: high", [r(["delete"], ["admissionregistration.k8s.io"], ["validatingwebhookconfigurations"])], undefined, ["R17 high cluster"]],
    ["R18 Kyverno policies", [r(["create"], ["kyverno.io"], ["policies"])], "team", ["R18 high namespace:team"]],
    ["R19 create persistentvolumes", [r(["create"], [""], ["persistentvolumes"])], undefined, ["R19 high cluster"]],
    ["R20 patch namespaces via RoleBinding reaches its own Namespace", [r(["patch"], [""], ["namespaces"])], "team", ["R20 medium namespace:team"]],
    ["R20 named for another namespace: nothing", [r(["patch"], [""], ["namespaces"], ["other"])], "team", []],
    ["R20 named for its own namespace: full severity", [r(["patch"], [""], ["namespaces"], ["team"])], "team", ["R20 medium namespace:team"]],
    ["R21 write roles", [r(["create", "update"], ["rbac.authorization.k8s.io"], ["roles"])], "team", ["R21 medium namespace:team"]],
    ["R22 wildcard verbs on configmaps: medium", [r(["*"], [""], ["configmaps"])], "team", ["R22 medium namespace:team"]],
    ["R22 * resources in the core group: high", [r(["get"], [""], ["*"])], "team", ["R06 high namespace:team", "R10 medium namespace:team", "R11 medium namespace:team", "R12 medium namespace:team", "R22 high namespace:team"]],
    ["R22 read-only * resources of one custom group: low", [r(["get", "list", "watch"], ["constraints.gatekeeper.sh"], ["*"])], undefined, ["R22 low cluster"]],
    ["R22 writable * resources of a custom group: medium", [r(["get", "patch"], ["constraints.gatekeeper.sh"], ["*"])], undefined, ["R22 medium cluster"]],
    ["R23 write CRDs", [r(["update"], ["apiextensions.k8s.io"], ["customresourcedefinitions"])], undefined, ["R23 medium cluster"]],
    ["R24 evict pods and patch nodes", [r(["create"], [""], ["pods/eviction"]), r(["patch"], [""], ["nodes"])], undefined, ["R24 high cluster"]],
    ["R24 not with eviction only", [r(["create"], [""], ["pods/eviction"])], undefined, []],
    ["R25 services/status", [r(["patch"], [""], ["services/status"])], "team", ["R25 medium namespace:team"]],
    ["R25 pods/status", [r(["patch"], [""], ["pods/status"])], "team", ["R25 low namespace:team"]],
    ["R26 aws-auth only on EKS", [r(["patch"], [""], ["configmaps"])], "kube-system", []],
  ] as const)("%s", (_name, rules, ns, expected) => {
    expect(summary(findings(grant([...rules], ns)), "User/alice")).toEqual([...expected].sort());
  });

  it("R26 on EKS: update/patch of kube-system/aws-auth, also when named", () => {
    const idx = buildRbacIndex({ ...grant([r(["patch"], [""], ["configmaps"], ["aws-auth"])], "kube-system"), roles: [], clusterRoleBindings: [], nodes: [{ kubeletVersion: "v1.29.3-eks-ae9a62a", labels: {} }] } as never);
    expect(summary(rbacFindings(idx), "User/alice")).toEqual(["R26 critical privileged-namespace:kube-system"]);
  });

  it("a namespace finding already as severe cluster-wide is not repeated", () => {
    const s: Setup = {
      clusterRoles: [clusterRole("reader", [r(["list"], [""], ["secrets"])])],
      clusterRoleBindings: [clusterRoleBinding("c", "reader", [user("alice")])],
      roleBindings: [roleBinding("team", "b", { kind: "ClusterRole", name: "reader" }, [user("alice")])],
    };
    expect(summary(findings(s), "User/alice")).toEqual(["R06 critical cluster"]);
  });

  it("combines a cluster-wide bind with a namespace's create rolebindings (R03 in that namespace)", () => {
    const s: Setup = {
      clusterRoles: [clusterRole("binder", [r(["bind"], ["rbac.authorization.k8s.io"], ["clusterroles"])]), clusterRole("rb-writer", [r(["create"], ["rbac.authorization.k8s.io"], ["rolebindings"])])],
      clusterRoleBindings: [clusterRoleBinding("c", "binder", [user("alice")])],
      roleBindings: [roleBinding("team", "b", { kind: "ClusterRole", name: "rb-writer" }, [user("alice")])],
    };
    const fs = findings(s).filter((f) => f.rule === "R03");
    expect(summary(fs)).toEqual(["R03 critical namespace:team"]);
    expect(fs[0].evidence).toContain('ClusterRoleBinding "c" of ClusterRole "binder"');
    expect(fs[0].evidence).toContain('RoleBinding "team/b" of ClusterRole "rb-writer"');
  });

  it("R01 also for a binding to cluster-admin missing from the input", () => {
    const fs = findings({ clusterRoleBindings: [clusterRoleBinding("c", "cluster-admin", [user("alice")])] });
    expect(summary(fs, "User/alice")).toEqual(["R01 critical cluster"]);
  });
});

describe("binding-level rules", () => {
  const view = clusterRole("view", [r(["get", "list"], [""], ["configmaps"])]);
  it("R27: anonymous and unauthenticated are critical, all authenticated high; the bootstrap baseline is not reported", () => {
    const fs = findings({
      clusterRoles: [view],
      clusterRoleBindings: [
        clusterRoleBinding("anon", "view", [user("system:anonymous")]),
        clusterRoleBinding("unauth", "view", [group("system:unauthenticated")]),
        clusterRoleBinding("everyone", "view", [group("system:authenticated")]),
        clusterRoleBinding("system:public-info-viewer", "view", [group("system:authenticated"), group("system:unauthenticated")]),
      ],
    }, { includeDefaults: true });
    expect(fs.filter((f) => f.rule === "R27").map((f) => `${f.severity} ${f.resources[0].name}`).sort()).toEqual(["critical anon", "critical unauth", "high everyone"]);
  });

  it("R28: a risky grant to all service accounts is +1 cluster-wide", () => {
    const fs = findings(grant([r(["create"], [""], ["pods"])], undefined, [group("system:serviceaccounts")]));
    expect(summary(fs.filter((f) => f.rule === "R28"))).toEqual(["R28 critical cluster"]);
    const nsFs = findings(grant([r(["create"], [""], ["pods"])], "team", [group("system:serviceaccounts:team")]));
    expect(summary(nsFs.filter((f) => f.rule === "R28"))).toEqual(["R28 high namespace:team"]);
  });

  it("H1 dangling roleRef and H2 missing service account", () => {
    const fs = findings({
      clusterRoles: [view],
      roleBindings: [roleBinding("team", "gone", { kind: "Role", name: "deployer-v1" }, [user("bob")]), roleBinding("team", "ghost", { kind: "ClusterRole", name: "view" }, [sa("team", "jenkins"), sa("team", "app")])],
      serviceAccounts: [{ namespace: "team", name: "app", labels: {}, annotations: {}, secretNames: [] }],
    });
    expect(fs.filter((f) => f.rule.startsWith("H")).map((f) => `${f.rule} ${f.severity} ${f.title}`)).toEqual([
      'H1 low RoleBinding "team/gone" of Role "team/deployer-v1" (missing) references a missing role',
      'H2 low ServiceAccount "team/jenkins" is bound but does not exist (RoleBinding "team/ghost" of ClusterRole "view")',
    ]);
  });

  it("H2 is not guessed when the input holds no ServiceAccounts at all", () => {
    const fs = findings({ clusterRoles: [view], roleBindings: [roleBinding("team", "b", { kind: "ClusterRole", name: "view" }, [sa("team", "jenkins")])] });
    expect(fs.filter((f) => f.rule === "H2")).toEqual([]);
  });

  it("H3 many roles", () => {
    const roles = Array.from({ length: 4 }, (_, i) => clusterRole(`r${i}`, [r(["get"], [""], ["configmaps"])]));
    const fs = findings({ clusterRoles: roles, clusterRoleBindings: roles.map((x) => clusterRoleBinding(x.name, x.name, [user("alice")])) }, { manyRolesThreshold: 3 });
    expect(summary(fs, "User/alice")).toEqual(["H3 info undefined"]);
  });
});

describe("defaults, ids and focus", () => {
  const bootstrap = { "kubernetes.io/bootstrapping": "rbac-defaults" };
  const s: Setup = {
    clusterRoles: [clusterRole("cluster-admin", [r(["*"], ["*"], ["*"])], bootstrap)],
    clusterRoleBindings: [clusterRoleBinding("cluster-admin", "cluster-admin", [group("system:masters")], bootstrap), clusterRoleBinding("ci-admin", "cluster-admin", [sa("ci", "deployer")])],
  };

  it("hides default bindings and system: subjects unless asked", () => {
    expect(findings(s).map((f) => f.title)).toEqual(['ServiceAccount "ci/deployer" is cluster-admin equivalent cluster-wide']);
    expect(findings(s, { includeDefaults: true }).filter((f) => f.isDefault).map((f) => f.title)).toEqual(['Group "system:masters" is cluster-admin equivalent cluster-wide']);
  });

  it("never hides the implicit groups (rbac-tool#86)", () => {
    const fs = findings(grant([r(["*"], ["*"], ["*"])], undefined, [group("system:serviceaccounts")]));
    expect(fs.map((f) => f.rule).sort()).toEqual(["R01", "R28"]);
  });

  it("ids are stable and the focus opens the explorer on the subject", () => {
    const [a] = findings(s);
    const [b] = findings(s);
    expect(a.id).toBe(b.id);
    expect(a.id).toMatch(/^R01-[0-9a-f]{12}$/);
    expect(a.focus).toEqual({ view: "rbac", params: { focus: "subject:ServiceAccount/ci/deployer", rule: "R01" } });
    expect(a.references).toContain("CIS 5.1.1");
    expect(a.details?.paths).toEqual([{ text: 'ClusterRoleBinding "ci-admin" of ClusterRole "cluster-admin"', binding: { kind: "ClusterRoleBinding", name: "ci-admin" }, role: { kind: "ClusterRole", name: "cluster-admin" }, rules: [0], scope: "cluster" }]);
  });
});

describe("service account tokens", () => {
  const pod = (name: string, saName: string, automount?: boolean): Pod => ({
    name, namespace: "team", labels: {}, annotations: {}, ownerReferences: [], owner: { kind: "Deployment", name }, podIPs: [],
    spec: { serviceAccountName: saName, ...(automount === undefined ? {} : { automountServiceAccountToken: automount }), hostNetwork: false, hostPID: false, hostIPC: false, securityContext: {}, containers: [], initContainers: [], ephemeralContainers: [], volumes: [] },
  });
  const account = (name: string, automount?: boolean): ServiceAccount => ({ namespace: "team", name, labels: {}, annotations: {}, secretNames: [], ...(automount === undefined ? {} : { automountServiceAccountToken: automount }) });
  const base: Setup = {
    ...grant([r(["list"], [""], ["secrets"])], undefined, [group("devs"), sa("team", "reader")]),
    serviceAccounts: [account("reader"), account("quiet", false)],
  };

  it("serviceAccountRisk sees the SA listed after a Group in the same binding (rbac-police regression)", () => {
    const risk = serviceAccountRisk(buildRbacIndex({ roles: [], roleBindings: [], clusterRoles: [], clusterRoleBindings: [], ...base }), "team", "reader");
    expect(risk.severity).toBe("critical");
    expect(risk.summary).toBe("critical: can read Secrets cluster-wide");
  });

  it("serviceAccountRisk is kept for an index that differs only in its pods (a Pod event), not for new grants", () => {
    const idx = buildRbacIndex({ roles: [], roleBindings: [], clusterRoles: [], clusterRoleBindings: [], ...base });
    const risk = serviceAccountRisk(idx, "team", "reader");
    expect(serviceAccountRisk({ ...idx, pods: [pod("a", "reader")] }, "team", "reader")).toBe(risk);
    const rebuilt = buildRbacIndex({ roles: [], roleBindings: [], clusterRoles: [], clusterRoleBindings: [], ...base });
    expect(serviceAccountRisk(rebuilt, "team", "reader")).not.toBe(risk);
    expect(serviceAccountRisk(rebuilt, "team", "reader")).toEqual(risk);
    const none = buildRbacIndex({ roles: [], roleBindings: [], clusterRoles: [], clusterRoleBindings: [], serviceAccounts: base.serviceAccounts });
    expect(serviceAccountRisk(none, "team", "reader").severity).toBeNull();
  });

  it("serviceAccountRisk includes what the implicit groups get", () => {
    const idx = buildRbacIndex({ roles: [], roleBindings: [], ...grant([r(["create"], [""], ["pods"])], undefined, [group("system:serviceaccounts:team")]), clusterRoleBindings: grant([r(["create"], [""], ["pods"])], undefined, [group("system:serviceaccounts:team")]).clusterRoleBindings! } as never);
    expect(serviceAccountRisk(idx, "team", "anyone").severity).toBe("critical");
    expect(serviceAccountRisk(idx, "other", "anyone").severity).toBeNull();
  });

  it.each([
    ["default automount: token mounted", pod("a", "reader"), ["R29 critical cluster:team"]],
    ["pod automount false wins over the SA", pod("a", "reader", false), []],
    ["SA automount false", pod("a", "quiet"), []],
    ["pod automount true overrides the SA's false", { ...pod("a", "quiet", true) }, []],
  ] as const)("R29 %s", (_name, p, expected) => {
    // "quiet" has no risky grant: the override only matters for reader.
    expect(summary(findings({ ...base, pods: [p as Pod] }).filter((f) => f.rule === "R29"))).toEqual([...expected]);
  });

  it("R29 follows pod.spec.automountServiceAccountToken over the account's false", () => {
    const s: Setup = { ...base, serviceAccounts: [account("reader", false)], pods: [pod("a", "reader", true)] };
    expect(summary(findings(s).filter((f) => f.rule === "R29"))).toEqual(["R29 critical cluster:team"]);
    expect(summary(findings({ ...s, pods: [pod("a", "reader")] }).filter((f) => f.rule === "R29"))).toEqual([]);
  });
});
