/** @type {import('next').NextConfig} */
const nextConfig = {
  // The container image (Dockerfile) builds the standalone server; `npm run demo` and the tests use `next start`.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  poweredByHeader: false,
  serverExternalPackages: ["@kubernetes/client-node", "better-sqlite3"],
};

export default nextConfig;
