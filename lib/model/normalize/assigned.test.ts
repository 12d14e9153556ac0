import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { meta } from "./common";
import { defaultPolicyTypes, networkPolicy } from "./network";
import { policyRule, role, roleBinding } from "./rbac";
import { namespace, serviceAccount } from "./workloads";
import * as R from "../raw";

/** The records as they were built before (spreads): the reference for key order and values. */
function spreadRole(kind: "Role" | "ClusterRole", raw: unknown) {
  const r = R.RoleS.parse(raw);
  return { ...meta(r.metadata, kind === "Role"), kind, rules: (r.rules ?? []).map(policyRule) };
}
function spreadBinding(kind: "RoleBinding" | "ClusterRoleBinding", raw: unknown) {
  const b = R.RoleBindingS.parse(raw);
  return {
    ...meta(b.metadata, kind === "RoleBinding"),
    kind,
    roleRef: { apiGroup: b.roleRef.apiGroup ?? "rbac.authorization.k8s.io", kind: b.roleRef.kind, name: b.roleRef.name },
    subjects: (b.subjects ?? []).map((s) => ({
      kind: s.kind,
      name: s.name,
      ...(s.namespace ? { namespace: s.namespace } : {}),
      ...(s.apiGroup !== null && s.apiGroup !== undefined ? { apiGroup: s.apiGroup } : {}),
    })),
  };
}

function spreadPolicy(raw: unknown) {
  const n = R.NetworkPolicyS.parse(raw);
  const m = meta(n.metadata, true);
  const probe = networkPolicy(raw); // its rules and selector (not what is compared here)
  const explicit = n.spec.policyTypes && n.spec.policyTypes.length > 0;
  const policyTypes = explicit ? [...new Set(n.spec.policyTypes)] : defaultPolicyTypes((n.spec.egress ?? []).length);
  return { ...m, namespace: m.namespace!, podSelector: probe.podSelector, policyTypes, ...(!explicit ? { policyTypesDefaulted: true } : {}), ingress: probe.ingress, egress: probe.egress };
}
function spreadAccount(raw: unknown) {
  const s = R.ServiceAccountS.parse(raw);
  const m = meta(s.metadata, true);
  return {
    ...m,
    namespace: m.namespace!,
    ...(s.automountServiceAccountToken !== null && s.automountServiceAccountToken !== undefined ? { automountServiceAccountToken: s.automountServiceAccountToken } : {}),
    secretNames: (s.secrets ?? []).map((x) => x.name ?? "").filter(Boolean),
  };
}
function spreadNamespace(raw: unknown) {
  const n = R.NamespaceS.parse(raw);
  return { ...meta(n.metadata, false), ...(n.status?.phase ? { phase: n.status.phase } : {}) };
}

const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const metadata = fc.record(
  { name: fc.constantFrom("a", "b"), namespace: maybe(fc.constantFrom("", "ns")), uid: maybe(fc.constantFrom("", "u1")), creationTimestamp: maybe(fc.constant("2024-01-01T00:00:00Z")), labels: maybe(fc.dictionary(fc.constantFrom("x", "y"), fc.constantFrom("1", "2"))) },
  { requiredKeys: ["name"] },
);
const text = fc.constantFrom("", "rbac.authorization.k8s.io", "x");
const subject = fc.record({ kind: fc.constantFrom("User", "Group", "ServiceAccount"), name: fc.constantFrom("s", "t"), namespace: fc.option(text, { nil: undefined }), apiGroup: fc.option(text) }, { requiredKeys: ["kind", "name"] });
const binding = fc.record({ metadata, roleRef: fc.record({ apiGroup: fc.option(text, { nil: undefined }), kind: fc.constantFrom("Role", "ClusterRole"), name: fc.constant("r") }, { requiredKeys: ["kind", "name"] }), subjects: fc.option(fc.array(subject, { maxLength: 3 })) }, { requiredKeys: ["metadata", "roleRef"] });
const rule = fc.record({ verbs: fc.array(fc.constantFrom("get", "*"), { maxLength: 2 }), resources: maybe(fc.array(fc.constantFrom("pods", "*"), { maxLength: 2 })) }, { requiredKeys: ["verbs"] });
const roleRaw = fc.record({ metadata, rules: fc.option(fc.array(rule, { maxLength: 3 })) }, { requiredKeys: ["metadata"] });

const peer = fc.constantFrom({ podSelector: {} }, { namespaceSelector: { matchLabels: { a: "1" } } }, { ipBlock: { cidr: "10.0.0.0/8" } });
const port = fc.constantFrom({ port: 80 }, { protocol: "UDP", port: 53 }, {});
const policy = fc.record({
  metadata,
  spec: fc.record(
    {
      podSelector: fc.constantFrom({}, { matchLabels: { app: "a" } }),
      policyTypes: fc.option(fc.array(fc.constantFrom("Ingress", "Egress"), { maxLength: 3 })),
      ingress: fc.option(fc.array(fc.record({ from: fc.option(fc.array(peer, { maxLength: 2 })), ports: fc.option(fc.array(port, { maxLength: 2 })) }), { maxLength: 2 })),
      egress: fc.option(fc.array(fc.record({ to: fc.option(fc.array(peer, { maxLength: 2 })), ports: fc.option(fc.array(port, { maxLength: 2 })) }), { maxLength: 2 })),
    },
    { requiredKeys: ["podSelector"] },
  ),
});
const account = fc.record({ metadata, automountServiceAccountToken: fc.option(fc.boolean()), secrets: fc.option(fc.array(fc.record({ name: fc.option(fc.constantFrom("", "s")) }), { maxLength: 2 })) }, { requiredKeys: ["metadata"] });
const ns = fc.record({ metadata, status: fc.option(fc.record({ phase: fc.option(fc.constantFrom("", "Active")) })) }, { requiredKeys: ["metadata"] });

describe("records built by assignment", () => {
  it("NetworkPolicy, ServiceAccount and Namespace records are the ones spreads made, key order included", () => {
    fc.assert(
      fc.property(policy, account, ns, (p, a, n) => {
        expect(JSON.stringify(networkPolicy(p))).toBe(JSON.stringify(spreadPolicy(p)));
        expect(JSON.stringify(serviceAccount(a))).toBe(JSON.stringify(spreadAccount(a)));
        expect(JSON.stringify(namespace(n))).toBe(JSON.stringify(spreadNamespace(n)));
      }),
      { seed: 20261205, numRuns: 500 },
    );
  });

  it("roles and bindings are the records the spreads made, key order included", () => {
    fc.assert(
      fc.property(binding, roleRaw, fc.boolean(), (b, r, namespaced) => {
        const bk = namespaced ? "RoleBinding" : "ClusterRoleBinding";
        if (bk === "RoleBinding" || b.roleRef.kind === "ClusterRole") expect(JSON.stringify(roleBinding(bk, b))).toBe(JSON.stringify(spreadBinding(bk, b)));
        const rk = namespaced ? "Role" : "ClusterRole";
        expect(JSON.stringify(role(rk, r))).toBe(JSON.stringify(spreadRole(rk, r)));
      }),
      { seed: 20261205, numRuns: 500 },
    );
  });
});
