/**
 * A draft: a change to a cluster written as one manifest file, so the same text is pasted in the
 * dashboard, passed to `clearance whatif --draft`, exported and committed.
 * - An ordinary document creates the object, or replaces the object of the same kind, namespace and
 *   name (what `kubectl apply` of a complete manifest does).
 * - A document whose first comment line is `# clearance: patch` is a strategic merge patch of the
 *   existing object it names (`kubectl patch --type strategic`), e.g. a posture fix.
 * - A line `# clearance: delete KIND NAMESPACE/NAME` (cluster-scoped: `KIND NAME`) deletes that
 *   object (`kubectl delete`); being a comment, it is inert to kubectl apply.
 */
import { isNamespacedKind, parseManifests, type LoadIssue } from "../model";

import type { ObjectKey } from "./object-key";

export { deleteDirective, formatObjectKey, type ObjectKey } from "./object-key";

interface Located {
  /** The file (or "draft") the entry was written in. */
  source?: string;
  /** 1-based document index (deletes: none). */
  document?: number;
  line?: number;
}

export type DraftEntry =
  | (ObjectKey & Located & { op: "apply"; manifest: unknown })
  | (ObjectKey & Located & { op: "patch"; patch: unknown })
  | (ObjectKey & Located & { op: "delete" });

export interface ParsedDraft {
  entries: DraftEntry[];
  /** Documents that could not be read, naming the document, line and problem. */
  issues: LoadIssue[];
}

export const PATCH_DIRECTIVE = "clearance: patch";
const DELETE_LINE = /^#\s*clearance:\s*delete\s+(\S+)\s+(\S+)\s*$/;
const DIRECTIVE_LINE = /^#\s*clearance:/;


function metaOf(value: unknown): { kind?: string; namespace?: string; name?: string } {
  const v = value as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null;
  const str = (x: unknown) => (typeof x === "string" && x ? x : undefined);
  return { kind: str(v?.kind), name: str(v?.metadata?.name), namespace: str(v?.metadata?.namespace) };
}

/** The draft's entries in the order written (later entries for the same object win), see file comment. */
export function parseDraft(text: string, source = "draft"): ParsedDraft {
  const entries: DraftEntry[] = [];
  const issues: LoadIssue[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!DIRECTIVE_LINE.test(line) || line.replace(/^#\s*/, "").startsWith(PATCH_DIRECTIVE)) return;
    const m = DELETE_LINE.exec(line);
    if (!m) {
      issues.push({ severity: "error", source, line: i + 1, message: `unknown directive "${line}": write "# clearance: delete KIND NAMESPACE/NAME" or "# clearance: patch"` });
      return;
    }
    const [, kind, ref] = m;
    const slash = ref.indexOf("/");
    const namespaced = isNamespacedKind(kind);
    if (namespaced && slash < 0) {
      issues.push({ severity: "error", source, line: i + 1, kind, message: `delete ${kind} ${ref}: a ${kind} is namespaced, write ${kind} NAMESPACE/${ref}` });
      return;
    }
    entries.push({ op: "delete", kind, ...(namespaced ? { namespace: ref.slice(0, slash), name: ref.slice(slash + 1) } : { name: ref }), source, line: i + 1 });
  });
  const deletes = entries.splice(0);
  const parsed = parseManifests(text);
  for (const e of parsed.errors) issues.push({ severity: "error", source, ...e });
  for (const d of parsed.documents) {
    const { kind, name, namespace } = metaOf(d.value);
    const where = { source, document: d.document, ...(d.line ? { line: d.line } : {}) };
    if (!kind || !name) {
      issues.push({ severity: "error", ...where, message: `not a Kubernetes object: ${!kind ? "kind" : "metadata.name"} is missing` });
      continue;
    }
    const key = { kind, name, ...(isNamespacedKind(kind) ? { namespace: namespace ?? "default" } : {}) };
    const patch = (d.comment ?? "").split("\n").some((l) => l.trim() === PATCH_DIRECTIVE);
    entries.push(patch ? { op: "patch", ...key, ...where, patch: d.value } : { op: "apply", ...key, ...where, manifest: d.value });
  }
  // keep the order written: deletes sit between documents by line
  const all = [...deletes, ...entries].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { entries: all, issues };
}
