/** Response shapes of /api/c/:source/audit/* (built by lib/audit), for the client. */
export type { AuditStatus, AuditSummary } from "@/lib/audit/summary";
export type { SubjectUsage, UnusedRiskView } from "@/lib/audit/subject";
export type { UnusedReport, UnusedItem, UnexplainedRequest } from "@/lib/audit/unused";
export type { RightSizing, BindingChange, RiskView, AtomView } from "@/lib/audit/right-size";
export type { UsageGrid, UsageRow } from "@/lib/audit/grid";
