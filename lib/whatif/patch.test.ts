import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffPatch, strategicMerge } from "./patch";

const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "shop" },
  spec: {
    template: {
      spec: {
        containers: [
          { name: "app", image: "web:1", securityContext: { privileged: true, runAsUser: 0 } },
          { name: "proxy", image: "envoy:1" },
        ],
        volumes: [{ name: "host", hostPath: { path: "/" } }, { name: "tmp", emptyDir: {} }],
      },
    },
  },
};

describe("strategicMerge (k8s.io/apimachinery strategicpatch semantics, core/v1 merge keys)", () => {
  // Cases as in kubectl patch's documentation (Update API Objects in Place Using kubectl patch):
  // containers merge by name, a list without a merge key is replaced, null deletes a field.
  it.each([
    ["a container merges by name; others stay", { spec: { template: { spec: { containers: [{ name: "app", securityContext: { privileged: false } }] } } } }, (r: typeof deployment) => r.spec.template.spec.containers, [{ name: "app", image: "web:1", securityContext: { privileged: false, runAsUser: 0 } }, { name: "proxy", image: "envoy:1" }]],
    ["null deletes a field", { spec: { template: { spec: { containers: [{ name: "app", securityContext: { runAsUser: null } }] } } } }, (r: typeof deployment) => r.spec.template.spec.containers[0].securityContext, { privileged: true }],
    ["$patch: delete removes a keyed item", { spec: { template: { spec: { volumes: [{ name: "host", $patch: "delete" }] } } } }, (r: typeof deployment) => r.spec.template.spec.volumes, [{ name: "tmp", emptyDir: {} }]],
    ["a new keyed item is appended", { spec: { template: { spec: { containers: [{ name: "side", image: "s:1" }] } } } }, (r: typeof deployment) => r.spec.template.spec.containers.map((c) => c.name), ["app", "proxy", "side"]],
  ])("%s", (_, patch, get, expected) => {
    const out = strategicMerge(deployment, patch) as typeof deployment;
    expect(get(out)).toEqual(expected);
    expect(deployment.spec.template.spec.containers[0].securityContext!.privileged).toBe(true); // input untouched
  });

  it("a list without a merge key (capabilities.drop) is replaced", () => {
    const out = strategicMerge({ capabilities: { drop: ["NET_RAW"], add: ["X"] } }, { capabilities: { drop: ["ALL"] } });
    expect(out).toEqual({ capabilities: { drop: ["ALL"], add: ["X"] } });
  });

  it("a NetworkPolicy's ports are replaced, not merged as a container's", () => {
    const out = strategicMerge({ ports: [{ protocol: "TCP", port: 80 }] }, { ports: [{ protocol: "TCP", port: 443 }] });
    expect(out).toEqual({ ports: [{ protocol: "TCP", port: 443 }] });
  });

  it("$patch: replace replaces a map whole", () => {
    expect(strategicMerge({ a: { b: 1, c: 2 } }, { a: { $patch: "replace", d: 3 } })).toEqual({ a: { d: 3 } });
  });
});

const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, fc.integer(), fc.boolean(), fc.constantFrom("a", "b"), tie("object"), fc.array(fc.integer(), { maxLength: 3 })),
  object: fc.dictionary(fc.constantFrom("a", "b", "c", "name"), tie("value"), { maxKeys: 4 }),
}));
const containerList = fc.uniqueArray(fc.record({ name: fc.constantFrom("app", "proxy", "init", "side"), image: fc.constantFrom("x:1", "x:2") }), { selector: (c) => c.name, maxLength: 3 });

describe("diffPatch", () => {
  it("applying the patch of two objects to the first gives the second", () => {
    fc.assert(
      fc.property(json.object, json.object, containerList, containerList, (a, b, ca, cb) => {
        const from = { ...a, spec: { containers: ca } };
        const to = { ...b, spec: { containers: cb } };
        expect(strategicMerge(from, diffPatch(from, to))).toEqual(to);
      }),
    );
  });

  it("keeps the identifying fields and only what changed", () => {
    const to = strategicMerge(deployment, { spec: { template: { spec: { containers: [{ name: "app", securityContext: { privileged: false } }] } } } });
    expect(diffPatch(deployment, to, ["apiVersion", "kind", "metadata.name", "metadata.namespace"])).toEqual({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "shop" },
      spec: { template: { spec: { containers: [{ name: "app", securityContext: { privileged: false } }] } } },
    });
  });
});
