/**
 * Metrics scrapers (Prometheus) cannot sign in: with CLEARANCE_METRICS_TOKEN set, a request to
 * /metrics carrying `Authorization: Bearer <that token>` is let through in place of a session.
 * Nothing else accepts the token. No `server-only` marker: proxy.ts imports it.
 */
import type { Viewer } from "./decide";

export const METRICS_PATH = "/metrics";

/** Who an audit line names for a scrape authorised by the token. */
export const SCRAPER_VIEWER: Viewer = { name: "metrics-scraper", groups: [] };

/** Compares in time that depends on the lengths only, so a wrong token leaks no prefix. */
function sameString(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** True when `authorization` is `Bearer <token>` and a token is configured. */
export function scraperAllowed(authorization: string | null, token: string | undefined): boolean {
  if (!token || !authorization) return false;
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
  return !!m && sameString(m[1], token);
}
