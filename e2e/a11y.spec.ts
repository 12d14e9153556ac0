import { expect, test, type Page } from "@playwright/test";
import { seriousViolations } from "./support/axe";

/**
 * Every page, light and dark: axe-core finds no serious or critical WCAG violation, and the skip
 * link and a visible focus ring work from the keyboard.
 */
const PAGES: { name: string; path: string; ready: (p: Page) => Promise<void> }[] = [
  { name: "overview", path: "/c/demo", ready: (p) => expect(p.getByTestId("namespace-table")).toBeVisible() },
  { name: "rbac-who-can", path: "/c/demo/rbac?verb=get%2Clist%2Cwatch&resource=secrets&namespace=payments&sel=subject%3AServiceAccount%2Fci%2Fdeployer", ready: (p) => expect(p.getByTestId("who-can-table")).toBeVisible() },
  { name: "rbac-findings", path: "/c/demo/rbac?tab=findings", ready: (p) => expect(p.getByRole("tabpanel")).toBeVisible() },
  { name: "rbac-matrix", path: "/c/demo/rbac?tab=matrix", ready: (p) => expect(p.getByRole("tabpanel")).toBeVisible() },
  { name: "network-graph", path: "/c/demo/network", ready: (p) => expect(p.getByTestId("network-graph")).toBeVisible() },
  { name: "network-graph-list", path: "/c/demo/network?tab=graph&namespace=payments", ready: async (p) => { await expect(p.getByTestId("network-graph")).toBeVisible(); await p.getByTestId("graph-mode-list").first().click(); await expect(p.getByTestId("graph-list")).toBeVisible(); } },
  { name: "network-matrix", path: "/c/demo/network?tab=matrix", ready: (p) => expect(p.getByTestId("network-matrix")).toBeVisible() },
  { name: "network-trace", path: "/c/demo/network?tab=trace&from=shop-backend/orders&to=payments/payments-db&port=5432", ready: (p) => expect(p.getByRole("tabpanel")).toContainText(/allowed|blocked/i) },
  { name: "network-exposure", path: "/c/demo/network?tab=exposure", ready: (p) => expect(p.getByRole("tabpanel")).toBeVisible() },
  { name: "workloads", path: "/c/demo/workloads", ready: (p) => expect(p.getByTestId("workload-count")).toBeVisible() },
  { name: "findings", path: "/c/demo/findings", ready: (p) => expect(p.getByTestId("findings-count")).toBeVisible() },
  { name: "draft", path: "/c/demo/draft", ready: (p) => expect(p.getByRole("heading", { name: "What if" })).toBeVisible() },
];

for (const scheme of ["light", "dark"] as const) {
  test(`axe: no serious or critical violations on any page in ${scheme} mode`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: scheme });
    const found: string[] = [];
    for (const pg of PAGES) {
      await page.goto(pg.path);
      await pg.ready(page);
      const v = await seriousViolations(page);
      if (v.length) {
        found.push(...v.map((x) => `${pg.name}: ${x}`));
        await page.screenshot({ path: `test-results/a11y-${scheme}-${pg.name}.png`, fullPage: true });
      }
    }
    expect(found, found.join("\n")).toEqual([]);
  });
}

test("the skip link is the first stop and moves focus to the content; focus is visible", async ({ page }) => {
  await page.goto("/c/demo");
  await expect(page.getByTestId("score")).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
  await page.keyboard.press("Tab");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe("none");
});

test("the theme control forces dark, survives a reload, and System follows the browser", async ({ page }) => {
  await page.goto("/c/demo");
  await expect(page.getByTestId("score")).toBeVisible();
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await bg();
  await page.getByTestId("theme-select").selectOption("dark");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const dark = await bg();
  expect(dark).not.toBe(light);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.screenshot({ path: "test-results/a11y-overview-dark.png", fullPage: true });
  await page.getByTestId("theme-select").selectOption("system");
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await bg()).toBe(dark);
  await page.emulateMedia({ colorScheme: "light" });
  expect(await bg()).toBe(light);
});
