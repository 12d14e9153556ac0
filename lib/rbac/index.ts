/**
 * RBAC analysis: one evaluator with upstream's semantics (rule-allows.ts, evaluator.ts), an index
 * built once per snapshot, and the queries, findings and graph that all run on it.
 */
export * from "./request";
export * from "./subjects";
export * from "./resources";
export { ruleAllows, matchingRules } from "./rule-allows";
export { authorize, allowedSubjects, getRoleReferenceRules, type RbacObjects, type Decision } from "./evaluator";
export { buildRbacIndex, indexSnapshot, grantsFor, grantingPaths, authorizeIndexed, bindingId, roleIdOf, type RbacIndex, type Grant, type GrantPath, type RbacInput, type MissingRole } from "./rbac-index";
export { whoCan, viaOf, type Via, type WhoCanResult, type WhoCanSubject } from "./who-can";
export { permissionsOf, sortVerbs, type Permissions, type PermissionsOptions, type EffectiveRule, type ScopePermissions } from "./permissions";
export { accessMatrix, MATRIX_VERBS, type AccessMatrix, type MatrixRow, type MatrixResource } from "./access-matrix";
export { workloadIdentities, tokenMount, type WorkloadIdentity, type TokenMount } from "./workload-identity";
export { serviceAccountRisk, identityRisk, type IdentityRisk, type RiskItem, type RiskOptions } from "./sa-risk";
export { rbacFindings, type RbacFindingOptions } from "./findings";
export { RISK_RULES, riskRule } from "./catalogue";
export type { RiskRule, Probe, Tier, ScopeKind } from "./risk-model";
export { rbacProducer, rbacIndexOf, RBAC_RULES } from "./producer";
export { DEFAULT_PRIVILEGED_NAMESPACES } from "./assess";
export { isDefaultObject, isDefaultSubject } from "./defaults";
export { describeGrant, describeRule, describePath } from "./describe";
export { resolveResource, type ResolvedResource } from "./resolve-resource";
export { buildRbacGraph, describeNode, subjectNodeId, bindingNodeId, roleNodeId, ruleNodeId, type RbacGraph, type RbacNode, type RbacEdge, type RbacNodeKind } from "./graph";
export { neighbourhood, toGraphDTO, type GraphFocus, type Neighbourhood, type NeighbourhoodOptions } from "./graph-focus";
