/**
 * Runs before every route except static assets: the security headers that vary per request (a
 * fresh CSP nonce), the sign-in gate (pages → /signin, /api and /metrics → 401 JSON; outside the
 * allowlist → /not-authorised or 403; /metrics also opens to the scrapers' bearer token), and two cheap browser-attack checks: requests for a no-sign-in server
 * must be addressed to localhost (DNS rebinding), and API writes must come from our own pages.
 * The API wrapper and the page layouts check the session again, next to the data.
 */
import { NextResponse, type NextRequest } from "next/server";
import type { ErrorCode } from "./lib/errors";
import { hostOf, isLoopbackAddress } from "./server/auth/bind";
import { audit, requestSource } from "./server/auth/audit";
import { authConfig, AuthConfigError, type AuthConfig } from "./server/auth/config";
import { API_CSP, HSTS, newNonce, pageCsp } from "./server/auth/csp";
import { decide } from "./server/auth/decide";
import { METRICS_PATH, scraperAllowed } from "./server/auth/scraper";

const PUBLIC_PAGES = new Set(["/signin", "/not-authorised"]);
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** API routes, and /metrics: answered with a status and JSON, never redirected to sign-in. */
function isApi(path: string): boolean {
  return path === "/api" || path.startsWith("/api/") || path === METRICS_PATH;
}

function isPublic(path: string): boolean {
  return PUBLIC_PAGES.has(path) || path === "/api/auth" || path.startsWith("/api/auth/");
}

function json(status: number, code: ErrorCode, message: string, https: boolean): NextResponse {
  const res = NextResponse.json({ error: { code, message } }, { status, headers: { "cache-control": "no-store" } });
  return withApiHeaders(res, https);
}

function withApiHeaders(res: NextResponse, https: boolean): NextResponse {
  res.headers.set("content-security-policy", API_CSP);
  if (https) res.headers.set("strict-transport-security", HSTS);
  return res;
}

/** A browser marks cross-site requests (Sec-Fetch-Site, Origin); other clients send neither. */
function crossSite(req: NextRequest): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site) return site !== "same-origin" && site !== "none";
  const origin = req.headers.get("origin");
  if (!origin) return false;
  try {
    return new URL(origin).host !== req.headers.get("host");
  } catch {
    return true;
  }
}

function misconfigured(path: string, e: AuthConfigError): NextResponse {
  process.stderr.write(`${e.message}\n`);
  const message = "Sign-in is misconfigured on the server; see its log.";
  return isApi(path) ? json(500, "auth_misconfigured", message, false) : new NextResponse(message, { status: 500, headers: { "content-type": "text/plain; charset=utf-8" } });
}

function wellEncoded(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

export async function proxy(req: NextRequest): Promise<NextResponse> {
  const path = req.nextUrl.pathname;
  if (!wellEncoded(path)) {
    // Next.js would fail decoding the route's segments (a 500 with an empty body): a clear 400 instead.
    const message = "the path is not valid percent-encoding (UTF-8)";
    return isApi(path) ? json(400, "bad_request", message, false) : new NextResponse(message, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  let cfg: AuthConfig;
  try {
    cfg = authConfig();
  } catch (e) {
    if (e instanceof AuthConfigError) return misconfigured(path, e);
    throw e;
  }
  const https = cfg.mode === "oidc" && cfg.secureCookies;

  if (cfg.mode === "none" && !isLoopbackAddress(hostOf(req.headers.get("host") ?? ""))) {
    // Loopback-only by design: a page on another site that rebinds its DNS name to 127.0.0.1 must not read the API.
    return new NextResponse("Clearance without sign-in only answers requests addressed to localhost.", { status: 421, headers: { "content-type": "text/plain; charset=utf-8" } });
  }

  if (path === METRICS_PATH && scraperAllowed(req.headers.get("authorization"), process.env.CLEARANCE_METRICS_TOKEN)) {
    return withApiHeaders(NextResponse.next(), https);
  }

  if (isApi(path)) {
    if (!SAFE_METHODS.has(req.method) && !isPublic(path) && crossSite(req)) {
      audit({ event: "api", user: null, method: req.method, route: path, source: requestSource(req.headers), status: 403, refused: "cross-site" });
      return json(403, "cross_site", "Cross-site requests are refused.", https);
    }
    if (!isPublic(path)) {
      const d = await decide(Object.fromEntries(req.cookies.getAll().map((c) => [c.name, c.value])), cfg);
      if (!d.ok) {
        audit({ event: "api", user: null, method: req.method, route: path, source: requestSource(req.headers), status: d.status });
        return json(d.status, d.code, d.message, https);
      }
    }
    return withApiHeaders(NextResponse.next(), https);
  }

  if (cfg.mode === "oidc" && !isPublic(path)) {
    const d = await decide(Object.fromEntries(req.cookies.getAll().map((c) => [c.name, c.value])), cfg);
    if (!d.ok) {
      const to = new URL(d.status === 403 ? "/not-authorised" : "/signin", cfg.url);
      if (d.status === 401) to.searchParams.set("callbackUrl", `${path}${req.nextUrl.search}`);
      return NextResponse.redirect(to);
    }
  }

  const nonce = newNonce();
  const csp = pageCsp({ nonce, dev: process.env.NODE_ENV === "development", https });
  const headers = new Headers(req.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("content-security-policy", csp);
  if (https) res.headers.set("strict-transport-security", HSTS);
  return res;
}

export const config = {
  // Everything but build assets (content-hashed, public, no data). Pages, API and next-auth all pass here.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
