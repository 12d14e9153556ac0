/** Graph node ids, shared by the graph builder (graph.ts) and the browser (no engine code here). */
import { subjectId, type SubjectRef } from "./subjects";

export const subjectNodeId = (ref: SubjectRef) => `subject:${subjectId(ref)}`;
export const bindingNodeId = (grantId: string) => `binding:${grantId}`;
export const roleNodeId = (roleId: string) => `role:${roleId}`;
export const ruleNodeId = (roleId: string, i: number) => `rule:${roleId}#${i}`;
