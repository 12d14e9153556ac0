/** Graph node ids, shared by the graph builder (graph.ts) and the browser (no engine code here). */
import { subjectId, type SubjectRef } from "./subjects";

export const subjectNodeId = (ref: SubjectRef) => `subject:${subjectId(ref)}`;
export const bindingNodeId = (grantId: string) => `binding:${grantId}`;
export const roleNodeId = (roleId: string) => `role:${roleId}`;
export const ruleNodeId = (roleId: string, i: number) => `rule:${roleId}#${i}`;

/** Who-can graphs fold broad answers into "+N subjects" nodes (who-can-fold.ts): their ids start with this, never a graph node's. */
export const FOLD_PREFIX = "fold:";
export const isFoldId = (id: string) => id.startsWith(FOLD_PREFIX);
