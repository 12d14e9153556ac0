/**
 * The signed-in identity of a request: next-auth's encrypted session cookie (a JWE keyed by
 * NEXTAUTH_SECRET), decoded with next-auth's own `getToken`. Only the cookie counts: no bearer
 * tokens, so a session cannot be lifted out of a browser into scripts by accident.
 */
import { getToken } from "next-auth/jwt";
import type { Identity } from "./allow";
import type { OidcConfig } from "./config";
import type { SessionTimes } from "./lifetime";

/** next-auth's cookie name: `__Secure-` prefixed when NEXTAUTH_URL is https. */
export function sessionCookieName(cfg: Pick<OidcConfig, "secureCookies">): string {
  return `${cfg.secureCookies ? "__Secure-" : ""}next-auth.session-token`;
}

/** `a=1; b=2` → { a: "1", b: "2" } (first occurrence wins, as browsers send the most specific first). */
export function parseCookieHeader(header: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || name in out) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      out[name] = decodeURIComponent(raw);
    } catch {
      out[name] = raw;
    }
  }
  return out;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** The identity in a session and its times, or null when there is none or it does not decrypt / has expired. */
export async function readSession(cookies: Record<string, string>, cfg: OidcConfig): Promise<(Identity & { times: SessionTimes }) | null> {
  const token = await getToken({
    req: { cookies, headers: {} } as unknown as Parameters<typeof getToken>[0]["req"],
    secret: cfg.secret,
    secureCookie: cfg.secureCookies,
    cookieName: sessionCookieName(cfg),
    logger: { error: () => {}, warn: () => {}, debug: () => {} } as unknown as Console,
  });
  if (!token || typeof token.sub !== "string" || !token.sub) return null;
  const email = typeof token.email === "string" ? token.email : undefined;
  return {
    sub: token.sub,
    name: typeof token.name === "string" && token.name ? token.name : email ?? token.sub,
    ...(email ? { email } : {}),
    ...(token.emailVerified === false ? { emailVerified: false } : {}),
    groups: strings(token.groups),
    times: {
      ...(typeof token.sid === "string" ? { sid: token.sid } : {}),
      ...(typeof token.authTime === "number" ? { authTime: token.authTime } : {}),
      ...(typeof token.checkedAt === "number" ? { checkedAt: token.checkedAt } : {}),
    },
  };
}
