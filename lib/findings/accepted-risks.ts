/**
 * Accepted risks as the store keeps them (server/store): an exceptions-file entry plus who accepted
 * it, where it applies and its version, with an audit trail of every accept, edit and revoke. Types
 * only, shared by the store, the API and the dashboard's accepted-risk panel.
 */
import type { ExceptionEntry } from "./exceptions";

/** An accepted risk as stored: an exceptions-file entry plus who made it, when, and where it applies. */
export interface AcceptedRisk extends ExceptionEntry {
  riskId: number;
  /** The source it was accepted on; undefined applies to every source (as the exceptions file does). */
  sourceId?: string;
  createdAt: string;
  updatedAt: string;
  /** Bumped by every edit: an edit names the version it read (optimistic concurrency). */
  version: number;
  revoked?: { by: string; at: string };
}

export type RiskChange = Partial<Pick<ExceptionEntry, "reason" | "expires">>;

export interface RiskAuditEntry {
  auditId: number;
  riskId: number;
  action: "accept" | "edit" | "revoke";
  /** Who made the change (the signed-in user) and when (server clock). */
  actor: string;
  at: string;
  before?: Omit<AcceptedRisk, "riskId" | "version">;
  after?: Omit<AcceptedRisk, "riskId" | "version">;
}

/** GET /api/c/:source/exceptions: the source's accepted risks (revoked ones included) and their audit trail, newest first. */
export interface RiskLedger {
  enabled: boolean;
  /** Why the store is disabled (no writable data directory …). */
  reason?: string;
  risks: AcceptedRisk[];
  audit: RiskAuditEntry[];
}
