/**
 * Re-checks a session at the provider (lifetime.ts says when): with the access token while it lasts,
 * else a new one from the refresh token, the user's current claims are read (userinfo, completed by a
 * refreshed ID token's claims) and the allowlist decides again. A user removed from the allowed
 * group, disabled, or whose tokens were revoked loses the session; one still allowed keeps it with
 * the groups the provider gives now.
 */
import { identityFromClaims, isAllowed, sessionGroups } from "./allow";
import type { OidcConfig } from "./config";
import { idTokenClaims, ProviderError, refreshTokens, userinfo } from "./provider";

/** The parts of a session token the re-check reads and renews (times in seconds). */
export interface RecheckToken {
  sub?: string;
  name?: string | null;
  email?: string | null;
  groups?: unknown;
  checkedAt?: number;
  accessToken?: string;
  accessExpiresAt?: number;
  refreshToken?: string;
}

/** The session cannot go on: sign in again. */
export class SessionEnded extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "SessionEnded";
  }
}

/** The token with the provider's current identity and groups, or SessionEnded. */
export async function recheckSession<T extends RecheckToken>(token: T, cfg: OidcConfig, now = Math.floor(Date.now() / 1000)): Promise<T> {
  let { accessToken, accessExpiresAt, refreshToken } = token;
  let idClaims: Record<string, unknown> = {};
  const refresh = async () => {
    if (!refreshToken) throw new SessionEnded("the provider gave no refresh token and the access token has expired");
    const t = await refreshTokens(cfg, refreshToken);
    if (!t.access_token) throw new SessionEnded("the provider refused to refresh the session");
    accessToken = t.access_token;
    accessExpiresAt = typeof t.expires_in === "number" ? now + t.expires_in : undefined;
    refreshToken = t.refresh_token ?? refreshToken;
    idClaims = idTokenClaims(t.id_token);
  };
  try {
    if (!accessToken || (accessExpiresAt !== undefined && accessExpiresAt <= now + 30)) await refresh();
    let info: Record<string, unknown> | undefined;
    try {
      info = await userinfo(cfg, accessToken!);
    } catch (e) {
      // An access token revoked or expired early: one refresh, then userinfo again.
      if (!(e instanceof ProviderError && e.status === 401) || Object.keys(idClaims).length) throw e;
      await refresh();
      info = await userinfo(cfg, accessToken!);
    }
    const claims = { ...idClaims, ...info, sub: token.sub };
    if ((info && info.sub !== token.sub) || (idClaims.sub !== undefined && idClaims.sub !== token.sub)) throw new SessionEnded("the provider answered for another user");
    if (!info && !Object.keys(idClaims).length) throw new SessionEnded("the provider has neither userinfo nor a refreshable ID token to confirm the groups with");
    const id = identityFromClaims(claims, cfg.groupsClaim);
    const decision = isAllowed(id, cfg);
    if (!decision.allowed) throw new SessionEnded(`no longer allowed: ${decision.reason}`);
    return { ...token, name: id.name, ...(id.email ? { email: id.email } : {}), groups: sessionGroups(id.groups, cfg), checkedAt: now, accessToken, accessExpiresAt, refreshToken };
  } catch (e) {
    if (e instanceof SessionEnded) throw e;
    if (e instanceof ProviderError && (e.status === 400 || e.status === 401 || e.status === 403)) throw new SessionEnded(`the provider no longer accepts the session (${e.message})`);
    throw new SessionEnded(`the provider could not confirm the session: ${(e as Error).message}`);
  }
}
