/**
 * The details a careful reviewer tripped on (issue 14, "Details that mislead"), each checked the way
 * it was seen: in Chromium at 1440×900 on the demo cluster.
 */
import { expect, test } from "@playwright/test";

test.use({ viewport: { width: 1440, height: 900 } });

test("who-can fits 1440 px with its Open column, and a row's details open beside it, above the fold", async ({ page }) => {
  await page.goto("/c/demo/rbac?verb=get%2Clist%2Cwatch&resource=secrets&namespace=payments");
  const table = page.getByTestId("who-can-table");
  await expect(table).toBeVisible();
  const scroller = table.locator("..");
  const overflow = await scroller.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const open = table.getByRole("button", { name: "Open ci/deployer" });
  await open.scrollIntoViewIfNeeded();
  await expect(open).toBeInViewport();
  expect((await open.boundingBox())!.x + (await open.boundingBox())!.width).toBeLessThanOrEqual((await scroller.boundingBox())!.x + (await scroller.boundingBox())!.width);
  await table.locator('tr[data-subject="ServiceAccount/ci/deployer"]').getByRole("button", { name: "ci/deployer", exact: true }).click();
  const details = page.getByTestId("who-can-details");
  await expect(details.getByTestId("node-panel")).toContainText("ci/deployer");
  const box = (await details.boundingBox())!;
  expect(box.y).toBeLessThan(900);
  await expect(details.getByTestId("node-panel")).toBeInViewport();
  // the cluster-admin account's permissions: the wildcard in words, never a lone red "*"
  await expect(details).toContainText("every verb (escalate, bind, impersonate and any other included) on every resource and subresource in every API group");
  await page.screenshot({ path: "test-results/details-who-can-1440.png" });
});

test("example questions name namespaces the source has", async ({ page }) => {
  await page.goto("/c/snap-staging/rbac");
  const examples = page.getByTestId("example-questions");
  await expect(examples).toContainText("read secrets in staging-");
  await expect(examples).not.toContainText("payments");
  await page.goto("/c/demo/rbac");
  await expect(page.getByTestId("example-questions")).toContainText("read secrets in payments");
});

test("URLs keep only the open tab's parameters; filters do not carry across tabs", async ({ page }) => {
  await page.goto("/c/demo/network?tab=graph&namespace=payments&hops=2");
  await expect(page.getByTestId("network-graph")).toBeVisible();
  await page.getByTestId("tab-matrix").click();
  await expect(page).toHaveURL(/tab=matrix$/);
  await page.getByTestId("matrix-search").fill("pay");
  await page.getByTestId("matrix-search").press("Enter");
  await expect(page).toHaveURL(/q=pay/);
  await page.getByTestId("tab-trace").click();
  await expect(page).toHaveURL(/tab=trace$/);
  // RBAC: a who-can namespace does not silently filter the access matrix
  await page.goto("/c/demo/rbac?verb=get&resource=secrets&namespace=payments&kinds=User");
  await page.getByTestId("rbac-tab-matrix").click();
  await expect(page).toHaveURL(/\/rbac\?tab=matrix$/);
});

test("the findings list starts at the top after a filter or grouping change", async ({ page }) => {
  await page.goto("/c/demo/findings");
  const list = page.getByRole("list", { name: "Findings" });
  await expect(list).toBeVisible();
  await list.evaluate((el) => (el.scrollTop = 600));
  expect(await list.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  await page.getByLabel("Group").selectOption("rule");
  await expect(page).toHaveURL(/group=rule/);
  await expect.poll(() => page.getByRole("list", { name: "Findings" }).evaluate((el) => el.scrollTop)).toBe(0);
});

test("the printed report has a title, the cluster and the date, and nothing clipped at the right edge", async ({ page }) => {
  await page.goto("/c/demo");
  await expect(page.getByTestId("score")).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width: 794, height: 1123 });
  const header = page.getByTestId("print-header");
  await expect(header).toBeVisible();
  await expect(header).toContainText("Clearance posture report");
  await expect(header).toContainText("Cluster: demo");
  await expect(header).toContainText(String(new Date().getFullYear()));
  const clipped = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll("[data-testid=posture-overview] section")].filter((s) => s.getBoundingClientRect().right > width + 1).length;
  });
  expect(clipped).toBe(0);
  await page.screenshot({ path: "test-results/details-print.png", fullPage: true });
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  expect(pdf.byteLength).toBeGreaterThan(10_000);
});

test("the score explains itself: each area's range and share passed, three lines on how", async ({ page }) => {
  await page.goto("/c/demo");
  const why = page.getByTestId("score-why");
  await expect(why.first()).toBeVisible();
  for (const text of await why.allTextContents()) expect(text).toMatch(/^(critical|high|medium) open \(\d+–\d+\) · \d+% passed$|^nothing above low \(90–100\) · \d+% passed$/);
  await page.getByTestId("score-how").locator("summary").click();
  await expect(page.getByTestId("score-how").locator("li")).toHaveCount(3);
});
