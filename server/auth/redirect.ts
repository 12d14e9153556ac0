/**
 * Where to go after signing in: only a path on this site. Anything else (`https://evil.example`,
 * `//evil.example`, `/\evil.example`, `javascript:`) falls back to `/`, so the sign-in page cannot
 * be used as an open redirect.
 */
export function safeCallbackPath(raw: string | string[] | undefined): string {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (!v || !v.startsWith("/") || v.startsWith("//") || v.startsWith("/\\") || /[\u0000-\u001f]/.test(v)) return "/";
  if (v.startsWith("/signin") || v.startsWith("/not-authorised") || v.startsWith("/api/")) return "/";
  return v;
}
