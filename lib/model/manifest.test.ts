import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { kindOfCollection, type CollectionKey } from "./kinds";
import { toManifest, WRITABLE_KINDS } from "./manifest";
import { normalizeObject } from "./normalize";
import { COLLECTION_KEYS } from "./snapshot";
import { snapshotFromYaml } from "./testing";

const DEMO = new URL("../../demo/cluster/", import.meta.url);
const demo = snapshotFromYaml(
  readdirSync(DEMO)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => readFileSync(new URL(f, DEMO), "utf8"))
    .join("\n---\n"),
);

describe("toManifest", () => {
  it("normalizes back to the same record for every writable object of the demo cluster", () => {
    let checked = 0;
    for (const key of COLLECTION_KEYS as readonly CollectionKey[]) {
      for (const rec of demo[key] as unknown as { kind?: string; implicit?: boolean; synthesized?: unknown; aggregationRule?: unknown }[]) {
        const kind = rec.kind ?? kindOfCollection(key);
        if (!WRITABLE_KINDS.has(kind) || rec.implicit || rec.synthesized || rec.aggregationRule) continue;
        const manifest = toManifest(kind, rec);
        const back = normalizeObject(JSON.parse(JSON.stringify(manifest)));
        expect(back.status, `${kind} ${JSON.stringify(manifest)}`).toBe("ok");
        const expected = key === "pods" ? { ...rec, owner: { kind: "Pod", name: (rec as unknown as { name: string }).name } } : rec;
        expect((back as { record: unknown }).record).toEqual(expected);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(150);
  });

  it("an aggregated ClusterRole is written with its selectors and no rules: the aggregation fills them", () => {
    const admin = demo.clusterRoles.find((r) => r.aggregationRule && r.aggregation?.computed)!;
    const m = toManifest("ClusterRole", admin)!;
    expect(m.rules).toEqual([]);
    expect(m.aggregationRule).toEqual({ clusterRoleSelectors: admin.aggregationRule!.clusterRoleSelectors });
  });

  it("writes nothing for kinds it cannot write back", () => {
    expect(toManifest("Service", demo.services[0])).toBeUndefined();
  });
});
