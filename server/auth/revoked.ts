/**
 * Sessions signed out, by session id, kept until they would have ended anyway. Held in this process
 * (shared by proxy.ts and the routes through globalThis): with several replicas, the others stop
 * accepting a signed-out session at its next re-check, because sign-out also revokes the provider's
 * tokens (options.ts), within CLEARANCE_SESSION_RECHECK_MINUTES. No `server-only`: proxy.ts uses it.
 */
const holder = globalThis as unknown as { __clearanceRevokedSessions?: Map<string, number> };
const revoked: Map<string, number> = (holder.__clearanceRevokedSessions ??= new Map());

/** Refuses session `sid` from now on; `until` (seconds) is when it would have ended anyway. */
export function revokeSession(sid: string, until: number): void {
  const now = Math.floor(Date.now() / 1000);
  for (const [id, end] of revoked) if (end <= now) revoked.delete(id);
  revoked.set(sid, until);
}

export function isRevoked(sid: string): boolean {
  return revoked.has(sid);
}
