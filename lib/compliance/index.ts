/** Compliance per framework (CIS, NSA, PSS): controls, their checks, and per-resource results. */
export { FRAMEWORKS, frameworkOf, type ControlDef, type ControlResource, type ControlResult, type Framework, type FrameworkReport, type KubescapeControl, type ResourceScope } from "./types";
export { FRAMEWORK_CONTROLS, FRAMEWORK_TITLES, KUBESCAPE_CONTROLS, kubescapeControlDef } from "./frameworks";
export { COMPLIANCE_FORMULA, PASSING_SHOWN, complianceReport, evaluateControls, frameworkScores, type FrameworkScore } from "./report";
