/**
 * Web hardening on the production server (project "local": sign-in off, loopback): security
 * headers and the CSP nonce, no CSP violation while using the app, hostile strings from the cluster
 * shown as inert text, browser-attack checks, and the start-up refusal of `none` off loopback.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";

const root = path.resolve(import.meta.dirname, "..");

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

test("pages, API answers and static assets carry the security headers; each page gets a fresh script nonce", async ({ request }) => {
  const page = await request.get("/c/demo");
  expect(page.status()).toBe(200);
  const h = page.headers();
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("no-referrer");
  expect(h["x-frame-options"]).toBe("DENY");
  const csp = directives(h["content-security-policy"]);
  const scriptSrc = csp.get("script-src") ?? [];
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(scriptSrc).toContain("'strict-dynamic'");
  const nonce = scriptSrc.find((v) => v.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  expect(csp.get("object-src")).toEqual(["'none'"]);
  expect(csp.get("base-uri")).toEqual(["'none'"]);
  expect(csp.get("default-src")).toEqual(["'self'"]);

  // every script Next.js renders carries this response's nonce, and no other
  const html = await page.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(3);
  for (const s of scripts) expect(s, s).toContain(`nonce="${nonce}"`);
  const again = directives((await request.get("/c/demo")).headers()["content-security-policy"]).get("script-src");
  expect(again).not.toContain(`'nonce-${nonce}'`);

  const api = await request.get("/api/sources");
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["cache-control"]).toBe("no-store");

  const asset = /(?:href|src)="(\/_next\/static\/[^"]+)"/.exec(html)?.[1];
  expect(asset).toBeTruthy();
  const a = await request.get(asset!);
  expect(a.status()).toBe(200);
  expect(a.headers()["x-content-type-options"]).toBe("nosniff");

  const missing = await request.get("/no-such-page");
  expect(missing.status()).toBe(404);
  expect(missing.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});

/** Records CSP violations the page reports, from its first script on. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.exposeFunction("__cspViolation", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __cspViolation(v: string): void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return violations;
}

test("the app runs under its CSP without a single violation", async ({ page }) => {
  const violations = await watchCsp(page);
  await page.goto("/c/demo");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("snapshot-status")).toContainText("complete"); // client code ran: scripts were allowed
  for (const [link, heading] of [
    ["RBAC", "RBAC"],
    ["Network", "Network"],
    ["Findings", "Findings"],
  ]) {
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: link, exact: true }).click();
    await expect(page.getByRole("heading", { name: heading, exact: true }).first()).toBeVisible();
  }
  await page.goto("/signin");
  await expect(page.getByRole("heading", { name: "Sign-in is off" })).toBeVisible();
  await expect(page.getByTestId("user-menu")).toHaveCount(0);
  expect(violations).toEqual([]);
});

test("hostile names, labels and annotations from the cluster are shown as text and never run", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const violations = await watchCsp(page);
  await page.goto("/c/snap-staging/network?tab=objects");
  await page.getByRole("tab", { name: "Pods" }).click();
  const row = page.getByRole("row").filter({ hasText: "<img src=x onerror=alert(1)>" });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("cell").nth(1)).toHaveText("<img src=x onerror=alert(1)>");
  await expect(row).toContainText('sa "><img src=x onerror=alert(4)>');
  // found through its label, which is text too
  await page.getByLabel("Search objects").fill("<script>alert(2)");
  await expect(page.getByRole("row")).toHaveCount(1);
  await expect(page.getByRole("row")).toContainText("<img src=x onerror=alert(1)>");
  await expect(page.locator('img[src="x"], svg[onload], script:not([src]):not([nonce])')).toHaveCount(0);
  await page.screenshot({ path: "test-results/security-hostile-strings.png" });
  await page.waitForTimeout(500);
  expect(dialogs).toEqual([]);
  expect(violations).toEqual([]);
});

test("browser attacks on a server without sign-in: other host names (DNS rebinding) and cross-site writes are refused", async ({ request }) => {
  const rebound = await request.get("/api/sources", { headers: { host: "clearance.attacker.example" } });
  expect(rebound.status()).toBe(421);
  const crossSite = await request.post("/api/c/demo/refresh", { headers: { "sec-fetch-site": "cross-site" } });
  expect(crossSite.status()).toBe(403);
  expect((await crossSite.json()).error.code).toBe("cross_site");
  const foreignOrigin = await request.post("/api/c/demo/refresh", { headers: { origin: "https://attacker.example" } });
  expect(foreignOrigin.status()).toBe(403);
  const sameOrigin = await request.post("/api/c/demo/refresh", { headers: { "sec-fetch-site": "same-origin" } });
  expect(sameOrigin.status()).toBeLessThan(400);
  // next-auth is not mounted without sign-in
  expect((await request.get("/api/auth/session")).status()).toBe(404);
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Runs `next start` with `args` until it exits (or 60 s pass); the exit code and stderr. */
async function nextStart(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !e[0].startsWith("CLEARANCE_") && !e[0].startsWith("NEXTAUTH_")));
  const child = spawn(path.join(root, "node_modules/.bin/next"), ["start", ...args], {
    cwd: root,
    env: { ...clean, NEXT_TELEMETRY_DISABLED: "1", ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 60_000);
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  clearTimeout(timer);
  return { code, stderr };
}

test("without sign-in the production server refuses to listen beyond loopback, and says how to configure sign-in", async () => {
  test.setTimeout(180_000);
  const port = await freePort();
  const everywhere = await nextStart(["-H", "0.0.0.0", "-p", String(port)], { CLEARANCE_AUTH: "none" });
  expect(everywhere.code).toBe(1);
  expect(everywhere.stderr).toContain(`Clearance refuses to start: sign-in is off (CLEARANCE_AUTH=none) but the server listens on 0.0.0.0:${port}`);
  expect(everywhere.stderr).toContain("CLEARANCE_AUTH=oidc");
  expect(everywhere.stderr).toContain("next start -H 127.0.0.1");

  // next start without -H binds every interface: refused the same way
  const byDefault = await nextStart(["-p", String(port)], {});
  expect(byDefault.code).toBe(1);
  expect(byDefault.stderr).toMatch(/listens on (\[::\]|0\.0\.0\.0):\d+, which is not a loopback address/);

  // a half-configured sign-in lists every missing setting
  const halfway = await nextStart(["-H", "127.0.0.1", "-p", String(port)], { CLEARANCE_AUTH: "oidc", CLEARANCE_OIDC_ISSUER: "http://idp.example.com" });
  expect(halfway.code).toBe(1);
  for (const problem of [
    "CLEARANCE_OIDC_ISSUER: must be https://",
    "CLEARANCE_OIDC_CLIENT_ID: required",
    "CLEARANCE_OIDC_CLIENT_SECRET: required",
    "NEXTAUTH_URL: required",
    "NEXTAUTH_SECRET: required",
    "CLEARANCE_ALLOWED_GROUPS or CLEARANCE_ALLOWED_EMAIL_DOMAINS",
  ]) {
    expect(halfway.stderr).toContain(problem);
  }
});
