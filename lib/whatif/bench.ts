/**
 * Benchmark stages (scripts/bench/stages.ts loads `benchStages` from here): a draft of 50 objects
 * over the loaded cluster — the kind of change a pull request brings — applied and summarised
 * (connections, grants, findings, score), with the source's own analyses already done, as the
 * dashboard has them. Issue 13's target: under 3 s on the L cluster.
 *
 * The draft (`benchDraft`): a new team namespace with 4 ServiceAccounts, 4 Deployments, 3 Roles, 3
 * RoleBindings and 2 NetworkPolicies; 12 NetworkPolicies added in existing namespaces that are
 * already isolated (an ingress rule from the new team); 6 existing NetworkPolicies replaced (a rule added); 6 Deployments
 * patched (Pod Security restricted); 5 RoleBindings deleted; 4 Roles replaced (a verb added).
 */
import { networkAnalysisOf, rbacIndexOf } from "../analysis";
import { trackable } from "../analysis/memo";
import { scanSnapshot } from "../findings/scan";
import type { ClusterSnapshot } from "../model";
import { networkPolicyManifest, roleManifest } from "../model/manifest";
import { joinDocuments, manifestYaml } from "./api";
import { applyDraft } from "./apply";
import { deleteDirective, parseDraft } from "./draft";
import { whatifSummary } from "./summary";

interface Context {
  snapshot: ClusterSnapshot;
  state: Map<string, unknown>;
}

const TEAM = "whatif-bench-team";

function every<T>(list: readonly T[], n: number): T[] {
  const step = Math.max(1, Math.floor(list.length / n));
  return list.filter((_, i) => i % step === 0).slice(0, n);
}

/** The 50-object draft described in the file comment, drawn evenly from the snapshot. */
export function benchDraft(s: ClusterSnapshot): string {
  const docs: string[] = [];
  const y = (o: unknown) => manifestYaml(o);
  docs.push(y({ apiVersion: "v1", kind: "Namespace", metadata: { name: TEAM, labels: { team: "bench" } } }));
  for (let i = 0; i < 4; i++) {
    docs.push(y({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: `svc-${i}`, namespace: TEAM } }));
    docs.push(y({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: `svc-${i}`, namespace: TEAM }, spec: { replicas: 2, selector: { matchLabels: { app: `svc-${i}` } }, template: { metadata: { labels: { app: `svc-${i}`, team: "bench" } }, spec: { serviceAccountName: `svc-${i}`, containers: [{ name: "app", image: `registry.example/svc-${i}:1.0`, ports: [{ containerPort: 8080 }] }] } } } }));
  }
  for (let i = 0; i < 3; i++) {
    docs.push(y({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: `svc-${i}`, namespace: TEAM }, rules: [{ apiGroups: [""], resources: ["configmaps", "secrets"], verbs: ["get", "list"] }] }));
    docs.push(y({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", metadata: { name: `svc-${i}`, namespace: TEAM }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: `svc-${i}` }, subjects: [{ kind: "ServiceAccount", name: `svc-${i}`, namespace: TEAM }] }));
  }
  docs.push(y({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "default-deny", namespace: TEAM }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } }));
  docs.push(y({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "egress-out", namespace: TEAM }, spec: { podSelector: {}, policyTypes: ["Egress"], egress: [{ ports: [{ protocol: "TCP", port: 8080 }] }] } }));
  // namespaces already isolated for ingress (a policy selecting every pod): a new allow rule opens, it does not isolate
  const isolated = new Set(s.networkPolicies.filter((p) => p.policyTypes.includes("Ingress") && !p.podSelector.matchLabels && !p.podSelector.matchExpressions).map((p) => p.namespace));
  const namespaces = every(s.namespaces.filter((n) => isolated.has(n.name)), 12);
  for (const n of namespaces) {
    docs.push(y({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "from-bench-team", namespace: n.name }, spec: { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": TEAM } } }], ports: [{ protocol: "TCP", port: 8080 }] }] } }));
  }
  for (const p of every(s.networkPolicies, 6)) {
    docs.push(y(networkPolicyManifest({ ...p, policyTypes: [...new Set([...p.policyTypes, "Ingress" as const])], ingress: [...p.ingress, { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": TEAM } } }], ports: [{ protocol: "TCP", port: 9090 }] }] })));
  }
  for (const w of every(s.workloads.filter((x) => x.kind === "Deployment"), 6)) {
    docs.push(manifestYaml({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: w.name, namespace: w.namespace }, spec: { template: { spec: { securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } } } } } }, { patch: true }));
  }
  const deletes = every(s.roleBindings, 5).map((b) => deleteDirective(b));
  for (const r of every(s.roles, 4)) docs.push(y(roleManifest({ ...r, rules: [...r.rules, { verbs: ["watch"], apiGroups: [""], resources: ["pods"], resourceNames: [], nonResourceURLs: [] }] })));
  return joinDocuments([...docs, ...deletes]);
}

export const benchStages = [
  {
    name: "whatif: 50-object draft, applied and summarised",
    area: "posture" as const,
    runs: 3,
    setup(ctx: Context) {
      // the source's analyses, as a dashboard that shows the source has them (on a snapshot that records
      // what each analysis reads, as the dashboard's are: server/load/pool.ts)
      trackable(ctx.snapshot);
      scanSnapshot(ctx.snapshot);
      rbacIndexOf(ctx.snapshot);
      networkAnalysisOf(ctx.snapshot, {});
      ctx.state.set("whatif:draft", benchDraft(ctx.snapshot));
    },
    run(ctx: Context) {
      const draft = parseDraft(ctx.state.get("whatif:draft") as string);
      const applied = applyDraft(ctx.snapshot, draft);
      const s = whatifSummary(ctx.snapshot, applied);
      return {
        whatifObjects: draft.entries.length,
        whatifProblems: applied.issues.length,
        whatifOpened: s.connections.opened.length,
        whatifClosed: s.connections.closed.length,
        whatifGrantSubjects: s.grants.gained.length + s.grants.lost.length,
        whatifFindingsNew: s.findings.new.length,
        whatifFindingsFixed: s.findings.fixed.length,
      };
    },
  },
];
