/**
 * Security headers that never vary: on every response, static assets included. The per-request
 * Content-Security-Policy (with its nonce) and HSTS are set by proxy.ts.
 */
const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The container image (Dockerfile) builds the standalone server; `npm run demo` and the tests use `next start`.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  poweredByHeader: false,
  serverExternalPackages: ["@kubernetes/client-node", "better-sqlite3", "pg"],
  // Routes that read files at paths known only at run time make the tracer take the whole project
  // into the standalone output; none of this is needed to run.
  outputFileTracingExcludes: {
    "*": ["bench-data/**", "test-results/**", "playwright-report/**", "data/**", "tmp/**", ".git/**", "e2e/**", "deploy/**", "testing/**", "scripts/**", "**/*.test.ts", "*.tsbuildinfo", "*.tmp.*", "Dockerfile"],
  },
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
