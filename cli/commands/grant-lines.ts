/** The grants section of `clearance diff` as text lines: one block per subject, a line per scope, verbs and path. */
import type { Finding } from "../../lib/findings/types";
import { permissionText, type SubjectChange } from "../../lib/rbac/diff";
import { table } from "../io";

/** Left-aligned columns without a header (io.table's layout). */
function columns(rows: string[][], indent: string): string[] {
  return table(rows[0].map(() => ""), rows).split("\n").slice(1).map((l) => indent + l.trimEnd());
}

function subjectText(s: SubjectChange, findings: readonly Finding[], label: string): string {
  const name = s.namespace ? `${s.namespace}/${s.name}` : s.name;
  const linked = (s.findings ?? []).map((id) => findings.find((f) => f.id === id)).filter((f): f is Finding => !!f);
  return `${s.kind} ${name}${linked.length ? ` — ${label}: ${[...new Set(linked.map((f) => `${f.rule} ${f.severity}`))].join(", ")}` : ""}`;
}

/** One block per subject; permissions with the same scope, verbs and paths share a line. */
export function grantLines(sign: string, subjects: readonly SubjectChange[], findings: readonly Finding[], label: string): string[] {
  const out: string[] = [];
  for (const s of subjects) {
    out.push(`${sign} ${subjectText(s, findings, label)}`);
    const rows = new Map<string, string[]>();
    for (const p of s.permissions) {
      const scope = p.namespace ? `namespace ${p.namespace}` : "cluster-wide";
      const via = p.via.map((v) => v.text).join("; ");
      const key = `${scope}\u0000${p.verbs}\u0000${via}`;
      const row = rows.get(key);
      if (row) row[2] += `, ${permissionText(p)}`;
      else rows.set(key, [scope, p.verbs.join(",") || "?", permissionText(p), `via ${via}`]);
    }
    out.push(...columns([...rows.values()], "    "));
  }
  return out;
}
