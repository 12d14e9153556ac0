/**
 * The who-can answer's shape as the explorer shows it, and the filters the graph applies (namespace,
 * kinds, hide defaults) applied the same way to the table. Types and pure filtering only, so the
 * browser can filter an answer without bundling the RBAC engine (explorer-who-can.ts computes it).
 */
import type { RbacNodeKind } from "./graph";
import type { SubjectRef } from "./subjects";
import type { Via } from "./who-can";

export interface PathView extends Via {
  /** The matching rules in words, same order as `rules`. */
  ruleTexts: string[];
  /**
   * The binding is a default/vendor object. A custom binding of a default role (ci-deployer-admin →
   * cluster-admin) is not: who granted it is what matters, as for the findings (sa-risk hitIsDefault).
   */
  isDefault: boolean;
  /** Several verbs asked: the ones this path grants. */
  verbs?: string[];
}

export interface SubjectAnswer extends SubjectRef {
  /** `User/alice`, `ServiceAccount/ci/deployer` (graph node id without the `subject:` prefix). */
  id: string;
  isDefault: boolean;
  via: PathView[];
  /** Several verbs asked: the ones this subject has. */
  verbs?: string[];
}

export interface WhoCanAnswer {
  subjects: SubjectAnswer[];
  missingRoles: string[];
}

export interface AnswerFilters {
  /** Keep paths that apply cluster-wide or in this namespace. */
  namespace?: string;
  /** Keep subjects, bindings and roles of these kinds (Rule absent: rule indices dropped). */
  kinds?: readonly RbacNodeKind[];
  hideDefaults?: boolean;
}

function keepPath(v: PathView, f: AnswerFilters): boolean {
  if (f.hideDefaults && v.isDefault) return false;
  if (f.namespace && v.scope === "namespace" && v.namespace !== f.namespace) return false;
  if (f.kinds && v.binding && !f.kinds.includes(v.binding.kind)) return false;
  if (f.kinds && v.role && !f.kinds.includes(v.role.kind as RbacNodeKind)) return false;
  return true;
}

export interface FilteredAnswer extends WhoCanAnswer {
  /** Subjects and paths the filters left out. */
  hidden: { subjects: number; paths: number };
}

/** The answer with the explorer's filters applied; a subject without a remaining path is dropped. */
export function filterAnswer(a: WhoCanAnswer, f: AnswerFilters): FilteredAnswer {
  let hiddenSubjects = 0;
  let hiddenPaths = 0;
  const subjects: SubjectAnswer[] = [];
  for (const s of a.subjects) {
    if ((f.hideDefaults && s.isDefault) || (f.kinds && !f.kinds.includes(s.kind))) {
      hiddenSubjects++;
      hiddenPaths += s.via.length;
      continue;
    }
    const via = s.via.filter((v) => keepPath(v, f)).map((v) => (f.kinds && !f.kinds.includes("Rule") ? { ...v, rules: [], ruleTexts: [] } : v));
    hiddenPaths += s.via.length - via.length;
    if (via.length === 0) {
      hiddenSubjects++;
      continue;
    }
    subjects.push({ ...s, via });
  }
  return { subjects, missingRoles: a.missingRoles, hidden: { subjects: hiddenSubjects, paths: hiddenPaths } };
}
