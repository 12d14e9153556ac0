/**
 * Content-Security-Policy for pages and API responses (set by proxy.ts; the headers that never vary
 * are in next.config.js). Scripts run only with the per-request nonce (Next.js puts it on its own
 * scripts when the request carries this header) or when loaded by such a script ('strict-dynamic'):
 * no 'unsafe-inline', no 'unsafe-eval' outside `next dev`.
 *
 * Styles allow 'unsafe-inline': server-rendered `style` attributes (virtualized tables, graph
 * containers) cannot carry a nonce, CSS cannot run script, and every user-controlled string is
 * rendered by React as text, so there is no markup to inject styles into.
 */

/** 128 random bits, base64: unguessable per response, as CSP nonces must be. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export interface CspOptions {
  nonce: string;
  /** `next dev` needs eval for its error overlay and fast refresh. */
  dev?: boolean;
  /** Served over https (NEXTAUTH_URL https): upgrade any stray http subresource. */
  https?: boolean;
}

export function pageCsp({ nonce, dev = false, https = false }: CspOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** JSON answers are never documents: nothing may load from them, nothing may frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** HSTS only makes sense (and is only honoured) over https. */
export const HSTS = "max-age=31536000; includeSubDomains";
