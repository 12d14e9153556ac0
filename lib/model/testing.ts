/** Test support: YAML manifests into a snapshot exactly as the file source builds one. */
import { SnapshotBuilder } from "./assemble";
import { parseManifests } from "./parse";
import type { ClusterSnapshot } from "./snapshot";

export function snapshotFromYaml(yaml: string, source = "test.yaml", takenAt = "2026-11-01T00:00:00.000Z"): ClusterSnapshot {
  const b = new SnapshotBuilder({ type: "files", id: "files:test", label: source }, takenAt);
  const parsed = parseManifests(yaml);
  for (const e of parsed.errors) b.issue({ severity: "error", source, ...e });
  for (const d of parsed.documents) b.add(d.value, { source, document: d.document, line: d.line, locate: d.locate });
  return b.build({ synthesizePods: true, aggregation: "compute" });
}
