/**
 * The e2e server for sign-in: a real OpenID Connect provider on loopback, then the production
 * build (`next start`) with CLEARANCE_AUTH=oidc pointed at it. Next's stdout (the audit log) goes
 * to test-results/oidc-server.log so tests can check who was recorded. Run by Playwright's
 * webServer; everything stops when it is killed.
 */
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ALLOWED_EMAIL_DOMAIN, ALLOWED_GROUP, METRICS_TOKEN, OIDC_APP_PORT, OIDC_IDP_PORT, OIDC_SERVER_LOG, SESSION_RECHECK_SECONDS } from "./oidc-config";
import { startOidcProvider } from "./oidc-provider";

const port = String(OIDC_APP_PORT);
const idpPort = OIDC_IDP_PORT;
const root = path.resolve(import.meta.dirname, "../..");
const home = mkdtempSync(path.join(tmpdir(), "clearance-e2e-oidc-"));

async function main() {
  const appUrl = `http://127.0.0.1:${port}`;
  const clientId = "clearance-e2e";
  const clientSecret = "e2e-client-secret-that-is-long-enough";
  const idp = await startOidcProvider({ port: idpPort, clientId, clientSecret, redirectUri: `${appUrl}/api/auth/callback/oidc` });
  mkdirSync(path.dirname(OIDC_SERVER_LOG), { recursive: true });
  const log = createWriteStream(OIDC_SERVER_LOG);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    KUBECONFIG: path.join(home, "no-kubeconfig"),
    CLEARANCE_DEFAULT_SOURCE: "demo",
    CLEARANCE_SNAPSHOTS: `staging=${path.join(root, "e2e/fixtures/staging")}`,
    CLEARANCE_DATA_DIR: path.join(home, "data"),
    CLEARANCE_AUDIT_LOG: "on",
    CLEARANCE_AUTH: "oidc",
    CLEARANCE_OIDC_ISSUER: idp.issuer,
    CLEARANCE_OIDC_CLIENT_ID: clientId,
    CLEARANCE_OIDC_CLIENT_SECRET: clientSecret,
    CLEARANCE_OIDC_NAME: "Test IdP",
    CLEARANCE_OIDC_SCOPES: "openid email profile groups",
    CLEARANCE_ALLOWED_GROUPS: ALLOWED_GROUP,
    CLEARANCE_ALLOWED_EMAIL_DOMAINS: ALLOWED_EMAIL_DOMAIN,
    CLEARANCE_METRICS_TOKEN: METRICS_TOKEN,
    // Short, so that a group removed at the provider takes effect within the test (default 10 minutes).
    CLEARANCE_SESSION_RECHECK_MINUTES: String(SESSION_RECHECK_SECONDS / 60),
    NEXTAUTH_URL: appUrl,
    NEXTAUTH_SECRET: "e2e-nextauth-secret-0123456789abcdef0123456789",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const next = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", port], { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] });
  next.stdout.pipe(log);
  let stopping = false;
  const shutdown = (code: number) => {
    if (stopping) return;
    stopping = true;
    next.kill("SIGTERM");
    idp
      .close()
      .catch(() => {})
      .finally(() => {
        rmSync(home, { recursive: true, force: true });
        process.exit(code);
      });
  };
  next.on("exit", (code) => shutdown(code ?? 1));
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => shutdown(0));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
