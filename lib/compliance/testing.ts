/** Test support: Kubernetes objects in, one control's failing and passing resources out. */
import type { ResourceRef } from "../findings/types";
import { scanSnapshot } from "../findings/scan";
import { snapshotFromYaml } from "../model/testing";
import { KUBESCAPE_CONTROLS, kubescapeControlDef } from "./frameworks";
import { evaluateControls } from "./report";

const label = (r: ResourceRef) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.name}`;

/** Builds a snapshot from the objects (as the file source does), scans it and evaluates one Kubescape control. */
export function kubescapeVerdict(objects: readonly object[], control: string): { failing: string[]; passing: string[] } {
  const snapshot = snapshotFromYaml(objects.map((o) => JSON.stringify(o)).join("\n---\n"));
  const { run } = scanSnapshot(snapshot, { includeDefaults: true });
  const [result] = evaluateControls(snapshot, run.findings, run.catalogue, [kubescapeControlDef(control)]);
  return { failing: result.failing.map((f) => label(f.resource)), passing: result.passing.map(label) };
}

/**
 * Runs one transcribed Kubescape case: our failing resources must be `ours`, and where they differ
 * from Kubescape's expected ones the control must explain why (its `differences`). Returns an error
 * message, or null.
 */
export function checkCase(c: { control: string; objects: readonly object[]; kubescape: readonly string[]; ours: readonly string[] }): string | null {
  const failing = kubescapeVerdict(c.objects, c.control).failing.sort();
  const ours = [...c.ours].sort();
  if (JSON.stringify(failing) !== JSON.stringify(ours)) return `${c.control}: failing ${JSON.stringify(failing)}, expected ${JSON.stringify(ours)}`;
  const differs = JSON.stringify(ours) !== JSON.stringify([...c.kubescape].sort());
  if (differs && !KUBESCAPE_CONTROLS.get(c.control)?.differences.length) return `${c.control}: differs from Kubescape's test without a documented difference`;
  return null;
}

type Obj = Record<string, unknown>;

/** `Kind:name` or `ServiceAccount:ns/name` as an RBAC subject. */
function subject(s: string): Obj {
  const i = s.indexOf(":");
  const kind = s.slice(0, i);
  const rest = s.slice(i + 1);
  if (kind === "ServiceAccount") {
    const [namespace, name] = rest.split("/");
    return { kind, namespace, name };
  }
  return { kind, name: rest, apiGroup: "rbac.authorization.k8s.io" };
}

/** A Role or ClusterRole (kind from `kind`), namespaced when `ns` is given. */
export function role(kind: "Role" | "ClusterRole", name: string, rules: object[], ns?: string): Obj {
  return { apiVersion: "rbac.authorization.k8s.io/v1", kind, metadata: { name, ...(ns ? { namespace: ns } : {}) }, rules };
}

/** A RoleBinding (with `ns`) or ClusterRoleBinding of `roleRef` ("ClusterRole/name") to subjects ("User:jane"). */
export function binding(kind: "RoleBinding" | "ClusterRoleBinding", name: string, roleRef: string, subjects: string[], ns?: string): Obj {
  const [refKind, refName] = roleRef.split("/");
  return {
    apiVersion: "rbac.authorization.k8s.io/v1", kind,
    metadata: { name, ...(ns ? { namespace: ns } : {}) },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: refKind, name: refName },
    subjects: subjects.map(subject),
  };
}

/** A Deployment `ns/name` whose pod spec is `spec` (containers default to one "app" container). */
export function deployment(ns: string, name: string, spec: Obj = {}, container: Obj = {}): Obj {
  return {
    apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace: ns },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "app", image: "registry.example/app:1.0", ...container }], ...spec } },
    },
  };
}

/** A bare Pod `ns/name`. */
export function pod(ns: string, name: string, spec: Obj = {}, container: Obj = {}): Obj {
  return { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: ns }, spec: { containers: [{ name: "app", image: "registry.example/app:1.0", ...container }], ...spec } };
}

export function namespace(name: string, labels: Record<string, string> = {}): Obj {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } };
}

/** A CronJob `ns/name` whose pod spec is `spec`. */
export function cronjob(ns: string, name: string, spec: Obj = {}, container: Obj = {}): Obj {
  return {
    apiVersion: "batch/v1", kind: "CronJob", metadata: { name, namespace: ns },
    spec: { schedule: "0 * * * *", jobTemplate: { spec: { template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "app", image: "registry.example/app:1.0", ...container }], ...spec } } } } },
  };
}
