/** Where the sign-in e2e runs: shared by playwright.config.ts, oidc-serve.ts and the tests. */
import path from "node:path";

export const OIDC_APP_PORT = Number(process.env.E2E_OIDC_PORT ?? 3211);
export const OIDC_IDP_PORT = Number(process.env.E2E_OIDC_IDP_PORT ?? 3221);
/** next start's stdout (startup line, audit log) in the OIDC run. */
export const OIDC_SERVER_LOG = path.resolve(import.meta.dirname, "../../test-results/oidc-server.log");

export interface TestAccount {
  name: string;
  email: string;
  groups: string[];
}

/** The provider's accounts: alice is in the allowed group; mallory is in neither the allowed groups nor the allowed e-mail domains. */
export const ACCOUNTS: Record<"alice" | "mallory", TestAccount> = {
  alice: { name: "Alice Admin", email: "alice@acme.example", groups: ["clearance-viewers", "platform-security", "sre"] },
  mallory: { name: "Mallory Intern", email: "mallory@elsewhere.example", groups: ["interns"] },
};

export const ALLOWED_GROUP = "clearance-viewers";
/** CLEARANCE_METRICS_TOKEN of the OIDC run: a scraper's bearer token for /metrics. */
export const METRICS_TOKEN = "e2e-metrics-token-0123456789abcdef";
/** How often the e2e server re-checks a session's groups at the provider. */
export const SESSION_RECHECK_SECONDS = 24;
export const ALLOWED_EMAIL_DOMAIN = "partner.example";
