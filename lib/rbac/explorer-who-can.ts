/**
 * The who-can answer as the explorer shows it: each subject with every granting path spelled out
 * (binding → role → the matching rules in words), default/vendor marks on subjects and paths, and
 * the filters the graph applies (namespace, kinds, hide defaults) applied the same way to the table,
 * so the two never disagree about what is shown.
 */
import { isDefaultSubject } from "./defaults";
import { describeRule } from "./describe";
import type { PathView, SubjectAnswer, WhoCanAnswer } from "./explorer-answer";
import type { RbacIndex } from "./rbac-index";
import type { AccessRequest } from "./request";
import { subjectId } from "./subjects";
import { whoCan, type WhoCanResult } from "./who-can";

export { filterAnswer, type AnswerFilters, type FilteredAnswer, type PathView, type SubjectAnswer, type WhoCanAnswer } from "./explorer-answer";

/** who-can (who-can.ts) with every path described and default objects marked. */
export function whoCanAnswer(index: RbacIndex, req: AccessRequest): WhoCanAnswer {
  const res = whoCan(index, req);
  const grants = new Map(index.grants.map((g) => [g.id, g]));
  return {
    missingRoles: res.missingRoles,
    subjects: res.subjects.map((s) => ({
      ...s,
      id: subjectId(s),
      isDefault: isDefaultSubject(s),
      via: s.via.map((v): PathView => {
        if (!v.binding || !v.role) return { ...v, ruleTexts: [], isDefault: true };
        const grantId = v.binding.kind === "ClusterRoleBinding" ? `ClusterRoleBinding/${v.binding.name}` : `RoleBinding/${v.binding.namespace}/${v.binding.name}`;
        const grant = grants.get(grantId);
        return {
          ...v,
          ruleTexts: (v.rules ?? []).map((i) => (grant?.rules[i] ? describeRule(grant.rules[i]) : `rule ${i}`)),
          isDefault: !!grant?.isDefault,
        };
      }),
    })),
  };
}

/** One answer per verb into one: subjects and paths united, each marked with the verbs it grants (in the order asked). */
export function mergeAnswers(parts: readonly { verb: string; answer: WhoCanAnswer }[]): WhoCanAnswer {
  const subjects = new Map<string, SubjectAnswer>();
  const pathKey = (v: PathView) => (v.bypass ? "bypass" : `${v.binding?.kind}/${v.binding?.namespace ?? ""}/${v.binding?.name}>${v.role?.kind}/${v.role?.name}`);
  for (const { verb, answer } of parts) {
    for (const s of answer.subjects) {
      let m = subjects.get(s.id);
      if (!m) subjects.set(s.id, (m = { ...s, via: [], verbs: [] }));
      if (!m.verbs!.includes(verb)) m.verbs!.push(verb);
      for (const v of s.via) {
        const same = m.via.find((x) => pathKey(x) === pathKey(v));
        if (same) {
          if (!same.verbs!.includes(verb)) same.verbs!.push(verb);
          const rules = new Map((same.rules ?? []).map((r, i) => [r, same.ruleTexts[i]]));
          (v.rules ?? []).forEach((r, i) => rules.set(r, rules.get(r) ?? v.ruleTexts[i]));
          const sorted = [...rules.keys()].sort((a, b) => a - b);
          same.rules = sorted;
          same.ruleTexts = sorted.map((r) => rules.get(r)!);
        } else m.via.push({ ...v, verbs: [verb] });
      }
    }
  }
  return { subjects: [...subjects.values()], missingRoles: [...new Set(parts.flatMap((p) => p.answer.missingRoles))] };
}

/** Back to the shape graph-focus.ts draws. */
export function answerAsResult(a: WhoCanAnswer): WhoCanResult {
  return { subjects: a.subjects.map(({ kind, name, namespace, via }) => ({ kind, name, ...(namespace ? { namespace } : {}), via })), missingRoles: a.missingRoles };
}
