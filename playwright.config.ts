import { defineConfig } from "@playwright/test";
import { OIDC_APP_PORT } from "./e2e/support/oidc-config";

const PORT = Number(process.env.E2E_PORT ?? 3210);

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1400, height: 900 },
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    // Sign-in off, loopback only (the local demo): every spec except the sign-in suite.
    { name: "local", testIgnore: "**/auth.spec.ts" },
    // Sign-in with a real OpenID Connect provider (e2e/support/oidc-serve.ts).
    { name: "oidc", testMatch: "**/auth.spec.ts", use: { baseURL: `http://127.0.0.1:${OIDC_APP_PORT}` } },
  ],
  webServer: [
    {
      command: `node --import tsx e2e/support/serve.ts`,
      url: `http://127.0.0.1:${PORT}/api/sources`,
      // E2E_LARGE=1 first writes the L cluster (~100 MB): up to a minute more on a loaded machine; the
      // first start also generates the demo's audit log (npm run demo:audit)
      timeout: process.env.E2E_LARGE === "1" ? 300_000 : 240_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: { E2E_PORT: String(PORT), NEXT_TELEMETRY_DISABLED: "1", CLEARANCE_AUDIT_LOG: "off" },
    },
    {
      command: `node --import tsx e2e/support/oidc-serve.ts`,
      url: `http://127.0.0.1:${OIDC_APP_PORT}/api/auth/providers`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: { NEXT_TELEMETRY_DISABLED: "1" },
    },
  ],
});
