/**
 * Sign-in with a real OpenID Connect provider (project "oidc", server from e2e/support/oidc-serve.ts):
 * nothing without a session, the full login in Chromium for an allowed and a refused user, the
 * identity in the header and in the audit log, sign-out, and sessions that end (a copied cookie is
 * refused after sign-out; a user removed from the allowed group at the provider loses the session).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, ALLOWED_GROUP, METRICS_TOKEN, OIDC_IDP_PORT, OIDC_SERVER_LOG, SESSION_RECHECK_SECONDS } from "./support/oidc-config";

const root = path.resolve(import.meta.dirname, "..");

/** Every API route on disk (app/api/**\/route.ts) but next-auth's, with sample values for dynamic segments. */
function apiPaths(): string[] {
  const files = readdirSync(path.join(root, "app/api"), { recursive: true, encoding: "utf8" }).filter((f) => /(^|[\\/])route\.tsx?$/.test(f));
  return files
    .map((f) => f.split(/[\\/]/).slice(0, -1))
    .filter((segs) => segs[0] !== "auth")
    .map((segs) => `/api/${segs.map((s) => (s === "[source]" ? "demo" : s.startsWith("[") ? "x" : s)).join("/")}`)
    .sort();
}

/** Drives the provider's own login and consent forms. */
async function signIn(page: Page, login: keyof typeof ACCOUNTS) {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F$/);
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await page.waitForURL(/127\.0\.0\.1:\d+\/interaction\//);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  const consent = page.getByRole("button", { name: "Continue" });
  await consent.waitFor({ timeout: 10_000 }).catch(() => {}); // no consent page once granted
  if (await consent.isVisible()) await consent.click();
}

function auditLines(): Record<string, unknown>[] {
  return readFileSync(OIDC_SERVER_LOG, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((e) => e.type === "audit");
}

test("without a session every page redirects to sign-in and every API route answers 401 JSON", async ({ request }) => {
  const paths = apiPaths();
  expect(paths.length).toBeGreaterThanOrEqual(5);
  for (const p of paths) {
    for (const method of ["GET", "POST"]) {
      const res = await request.fetch(p, { method, maxRedirects: 0 });
      expect.soft(res.status(), `${method} ${p}`).toBe(401);
      expect.soft(res.headers()["content-type"], `${method} ${p}`).toContain("application/json");
      expect.soft((await res.json()).error.code, `${method} ${p}`).toBe("signin_required");
    }
  }
  for (const p of ["/", "/c/demo", "/c/demo/rbac", "/c/snap-staging/network?q=web", "/no-such-page"]) {
    const res = await request.get(p, { maxRedirects: 0 });
    expect.soft(res.status(), p).toBe(307);
    expect.soft(res.headers().location, p).toBe(`/signin?callbackUrl=${encodeURIComponent(p)}`);
  }
  // a forged session cookie is no session
  const forged = await request.get("/api/sources", { headers: { cookie: "next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..forged.forged.forged" } });
  expect(forged.status()).toBe(401);
});

test("/metrics answers a scraper's bearer token; without it or a session, 401 JSON like the API", async ({ request }) => {
  const tries: Record<string, string>[] = [{}, { authorization: `Bearer ${METRICS_TOKEN}x` }, { authorization: `Basic ${METRICS_TOKEN}` }];
  for (const headers of tries) {
    const res = await request.get("/metrics", { headers, maxRedirects: 0 });
    expect.soft(res.status(), JSON.stringify(headers)).toBe(401);
    expect.soft((await res.json()).error.code).toBe("signin_required");
  }
  const res = await request.get("/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/plain; version=0.0.4");
  const text = await res.text();
  expect(text).toMatch(/^clearance_score\{source="demo",area="overall"\} \d+$/m);
  expect(text).toMatch(/^clearance_findings\{source="demo",severity="critical",area="rbac",rule="[^"]+"\} \d+$/m);
  expect(auditLines().some((e) => e.route === "/metrics" && e.user === "metrics-scraper" && e.status === 200)).toBe(true);
});

test("an allowed user signs in, sees the dashboard with name and groups, is audited, and signs out", async ({ page }) => {
  await page.goto("/c/demo/rbac");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fc%2Fdemo%2Frbac$/);
  await expect(page.getByRole("heading", { name: "Sign in to Clearance" })).toBeVisible();
  await page.screenshot({ path: "test-results/auth-signin.png" });

  await signIn(page, "alice");
  await expect(page).toHaveURL(/\/c\/demo$/);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("user-name")).toHaveText(ACCOUNTS.alice.name);
  await expect(page.getByTestId("user-groups")).toContainText(ALLOWED_GROUP);
  await expect(page.getByTestId("user-groups")).toHaveAttribute("title", ACCOUNTS.alice.groups.join(", "));
  await page.screenshot({ path: "test-results/auth-header-user.png" });

  // the API answers the session, and the audit log names the signed-in identity
  const res = await page.request.get("/api/c/demo/summary");
  expect(res.status()).toBe(200);
  await expect.poll(() => auditLines().some((e) => e.event === "api" && e.user === ACCOUNTS.alice.email && e.route === "/api/c/demo/summary" && e.status === 200 && typeof e.source === "string")).toBe(true);
  expect(auditLines().some((e) => e.event === "signin" && e.user === ACCOUNTS.alice.email)).toBe(true);

  // the session cookie is HttpOnly and SameSite=Lax (Secure needs https; unit-tested in server/auth)
  const session = (await page.context().cookies()).find((c) => c.name === "next-auth.session-token");
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin\?signedOut=1$/);
  await expect(page.getByRole("status")).toHaveText("You are signed out.");
  expect((await page.request.get("/api/c/demo/summary")).status()).toBe(401);
  await page.goto("/c/demo");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fc%2Fdemo$/);
});

test("a user outside the allowlist is refused and gets no session", async ({ page }) => {
  await signIn(page, "mallory");
  await expect(page).toHaveURL(/\/not-authorised$/);
  await expect(page.getByRole("heading", { name: "You are not authorised to use Clearance" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in with a different account" })).toBeVisible();
  await page.screenshot({ path: "test-results/auth-not-authorised.png" });
  expect((await page.context().cookies()).some((c) => c.name.includes("session-token"))).toBe(false);
  expect((await page.request.get("/api/sources")).status()).toBe(401);
  await page.goto("/c/demo");
  await expect(page).toHaveURL(/\/signin/);
  await expect.poll(() => auditLines().some((e) => e.event === "signin-refused" && e.user === ACCOUNTS.mallory.email)).toBe(true);
});

/** The cookie header the browser would send, to replay it from outside the browser. */
async function cookieHeader(page: Page): Promise<string> {
  return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}

async function setGroups(login: keyof typeof ACCOUNTS, groups: string[]) {
  const res = await fetch(`http://127.0.0.1:${OIDC_IDP_PORT}/test/groups/${login}`, { method: "PUT", body: JSON.stringify(groups) });
  expect(res.status).toBe(204);
}

test("sign-out revokes the session: a cookie copied before signing out is refused afterwards", async ({ page, playwright }) => {
  await signIn(page, "alice");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  const copied = await cookieHeader(page);
  const outside = await playwright.request.newContext({ baseURL: page.url() });
  expect((await outside.get("/api/c/demo/summary", { headers: { cookie: copied } })).status()).toBe(200);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin\?signedOut=1$/);
  const replay = await outside.get("/api/c/demo/summary", { headers: { cookie: copied } });
  expect(replay.status()).toBe(401);
  expect((await replay.json()).error).toMatchObject({ code: "signin_required", message: expect.stringMatching(/signed out/) });
  await outside.dispose();
});

test("groups are re-checked at the provider: a user removed from the allowed group loses the session", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "alice");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  try {
    await setGroups("alice", ["sre"]); // clearance-viewers removed at the provider
    // Within the re-check interval the session stands; after it, the next request is re-checked and refused.
    await page.waitForTimeout((SESSION_RECHECK_SECONDS + 2) * 1000);
    const stale = await page.request.get("/api/c/demo/summary");
    expect(stale.status()).toBe(401);
    expect((await stale.json()).error.code).toBe("session_recheck");
    await page.request.get("/api/auth/session"); // what the dashboard does on session_recheck
    const after = await page.request.get("/api/c/demo/summary");
    expect(after.status()).toBe(401);
    expect((await after.json()).error.code).toBe("signin_required");
    await expect.poll(() => auditLines().some((e) => e.event === "session-ended" && e.user === ACCOUNTS.alice.email && /no longer allowed/.test(String(e.reason)))).toBe(true);
    await page.goto("/c/demo");
    await expect(page).toHaveURL(/\/signin/);
  } finally {
    await setGroups("alice", ACCOUNTS.alice.groups);
  }
});

test("the audit line names the connecting address, not an X-Forwarded-For the client made up", async ({ request }) => {
  const res = await request.get("/api/c/xff-probe/summary", { headers: { "x-forwarded-for": "203.0.113.66", "x-clearance-peer": "198.51.100.66" } });
  expect(res.status()).toBe(401);
  await expect.poll(() => auditLines().find((e) => e.route === "/api/c/xff-probe/summary")?.source).toBe("127.0.0.1");
});
