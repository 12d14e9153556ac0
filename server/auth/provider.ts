/**
 * The few calls Clearance makes to the OpenID Connect provider itself, outside next-auth's sign-in:
 * the discovery document, the token endpoint (refresh_token grant), userinfo and token revocation
 * (RFC 7009). Used to re-check a session's groups (recheck.ts) and to revoke tokens at sign-out.
 * Each call has a deadline and a size limit. This module and api-client.ts (the Kubernetes API
 * server, GET only) are the only ones that open connections (server/readonly.test.ts).
 */
import type { OidcConfig } from "./config";

type Cfg = Pick<OidcConfig, "issuer" | "clientId" | "clientSecret">;

export interface ProviderEndpoints {
  token_endpoint: string;
  userinfo_endpoint?: string;
  revocation_endpoint?: string;
}

export interface TokenAnswer {
  access_token?: string;
  refresh_token?: string;
  expires_in?: number;
  id_token?: string;
}

const TIMEOUT_MS = 10_000;
const MAX_BYTES = 1024 * 1024;

/** A call failed; `status` is the provider's HTTP status (400/401: the grant or token is no longer valid). */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}

async function call(url: string, init: RequestInit): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, redirect: "error", signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (e) {
    throw new ProviderError(`${new URL(url).origin}: ${(e as Error).message}`);
  }
  const text = await res.text();
  if (text.length > MAX_BYTES) throw new ProviderError(`${url}: answer larger than 1 MB`, res.status);
  if (!res.ok) throw new ProviderError(`${url}: HTTP ${res.status}`, res.status);
  if (!text) return {};
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new ProviderError(`${url}: not a JSON object`, res.status);
}

const holder = globalThis as unknown as { __clearanceProviderEndpoints?: Map<string, Promise<ProviderEndpoints>> };
const discovered: Map<string, Promise<ProviderEndpoints>> = (holder.__clearanceProviderEndpoints ??= new Map());

/** The provider's endpoints from its discovery document (fetched once per issuer). */
export function endpoints(cfg: Cfg): Promise<ProviderEndpoints> {
  let p = discovered.get(cfg.issuer);
  if (!p) {
    p = call(`${cfg.issuer}/.well-known/openid-configuration`, { headers: { accept: "application/json" } }).then((d) => {
      if (typeof d.token_endpoint !== "string") throw new ProviderError(`${cfg.issuer}: the discovery document names no token_endpoint`);
      const str = (v: unknown) => (typeof v === "string" ? v : undefined);
      return { token_endpoint: d.token_endpoint, userinfo_endpoint: str(d.userinfo_endpoint), revocation_endpoint: str(d.revocation_endpoint) };
    });
    p.catch(() => discovered.delete(cfg.issuer)); // retry discovery next time
    discovered.set(cfg.issuer, p);
  }
  return p;
}

/** client_secret_basic (RFC 6749 §2.3.1): form-encoded id and secret. */
function clientAuth(cfg: Cfg): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(cfg.clientId)}:${encodeURIComponent(cfg.clientSecret)}`).toString("base64")}`;
}

const form = (cfg: Cfg, body: Record<string, string>): RequestInit => ({
  method: "POST",
  headers: { authorization: clientAuth(cfg), "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
  body: new URLSearchParams(body).toString(),
});

/** A new access token (and maybe refresh and ID tokens) for a refresh token. */
export async function refreshTokens(cfg: Cfg, refreshToken: string): Promise<TokenAnswer> {
  const e = await endpoints(cfg);
  return (await call(e.token_endpoint, form(cfg, { grant_type: "refresh_token", refresh_token: refreshToken }))) as TokenAnswer;
}

/** The userinfo claims for an access token; undefined when the provider has no userinfo endpoint. */
export async function userinfo(cfg: Cfg, accessToken: string): Promise<Record<string, unknown> | undefined> {
  const e = await endpoints(cfg);
  if (!e.userinfo_endpoint) return undefined;
  return call(e.userinfo_endpoint, { headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" } });
}

/** Revokes a token at the provider (RFC 7009); best effort, false when the provider has no endpoint or refused. */
export async function revokeToken(cfg: Cfg, token: string, hint: "access_token" | "refresh_token"): Promise<boolean> {
  try {
    const e = await endpoints(cfg);
    if (!e.revocation_endpoint) return false;
    await call(e.revocation_endpoint, form(cfg, { token, token_type_hint: hint }));
    return true;
  } catch {
    return false;
  }
}

/** The claims of an ID token received straight from the token endpoint over TLS (OIDC Core 3.1.3.7: TLS stands in for the signature check). */
export function idTokenClaims(idToken: string | undefined): Record<string, unknown> {
  if (!idToken) return {};
  try {
    const v = JSON.parse(Buffer.from(idToken.split(".")[1] ?? "", "base64url").toString("utf8")) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
