/**
 * A read audit log laid over another RBAC index without reading the log again: the distinct
 * requests (atoms, with their counts and times) are what the log says, whatever the RBAC; only which
 * bindings and rules allow each one depends on the index. So a refreshed snapshot, or a draft over
 * it, puts each atom to the new index's authorizer — thousands of evaluations instead of millions of
 * lines. Exact for every atom but folded ones (many names merged into one nameless request,
 * accumulate.ts): their names were not kept, so they are asked as one request for no particular
 * name, which rules listing resourceNames do not match.
 */
import type { RbacIndex } from "../rbac/rbac-index";
import { evaluateRequest, type AuditUsage } from "./accumulate";

export function reevaluate(usage: AuditUsage, index: RbacIndex): AuditUsage {
  return {
    ...usage,
    atoms: usage.atoms.map((a) => {
      const e = evaluateRequest(index, a.identity, a.request);
      return { ...a, rbacAllowed: e.allowed, bypass: e.bypass, paths: e.paths };
    }),
  };
}
