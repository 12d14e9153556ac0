import { expect, test } from "@playwright/test";

test("the fleet: three sources side by side, sorted, filtered, one rule across clusters, drill into one", async ({ page }) => {
  await page.goto("/c/demo");
  await page.getByRole("link", { name: "Fleet" }).click();
  await expect(page).toHaveURL(/\/fleet$/);
  // the two live contexts and the snapshot directory; the bundled demo is not one of your clusters
  await expect(page.getByTestId("fleet-summary")).toContainText("3 sources: 3 read");
  const rows = page.getByTestId("fleet-row");
  await expect(rows).toHaveCount(3);
  const restricted = page.locator('[data-source="ctx-e2e-restricted"]');
  await expect(restricted).toContainText("partial: 3 kinds");
  await expect(page.locator('[data-source="ctx-e2e-live"]')).toContainText("complete");
  await expect(page.locator('[data-source="snap-staging"]')).toContainText("snapshot");
  for (const r of await rows.all()) await expect(r.locator("td").nth(1)).toHaveText(/^\d+ [A-F]$/);
  await expect(page.getByTestId("fleet-rules")).toContainText(/in 3 of 3 clusters/);
  await page.screenshot({ path: "test-results/fleet.png", fullPage: true });

  // sort by name, then descending: the URL keeps it
  await page.getByRole("button", { name: "Cluster" }).click();
  // wait for the first sort to reach the URL: the second click toggles what the URL says
  await expect(page).toHaveURL(/sort=name&dir=asc/);
  await expect(rows.first()).toHaveAttribute("data-source", "ctx-e2e-live");
  await page.getByRole("button", { name: /^Cluster/ }).click();
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await expect(rows.first()).toHaveAttribute("data-source", "snap-staging");

  // a rule filters to the clusters that have it; text narrows further
  const rule = page.getByTestId("fleet-rules").getByRole("button").first();
  const ruleId = (await rule.textContent())!.trim();
  await rule.click();
  await expect(page).toHaveURL(new RegExp(`rule=${ruleId}`));
  await page.getByLabel("Filter clusters").fill("restricted");
  await expect(rows).toHaveCount(1);

  // drill into a cluster
  await rows.first().getByRole("link", { name: "e2e-restricted" }).click();
  await expect(page).toHaveURL(/\/c\/ctx-e2e-restricted$/);
  await expect(page.getByTestId("snapshot-status")).toContainText("partial");
});

test("GET /api/fleet: one row per source with score, CNI, last read and rule spread", async ({ request }) => {
  const res = await request.get("/api/fleet");
  expect(res.ok()).toBe(true);
  const body = await res.json();
  expect(body.rows.map((r: { sourceId: string }) => r.sourceId).sort()).toEqual(["ctx-e2e-live", "ctx-e2e-restricted", "snap-staging"]);
  for (const r of body.rows) expect(r).toMatchObject({ state: "ready", score: expect.any(Number), lastRead: expect.any(String), cni: expect.any(String) });
  expect(body.rules[0]).toMatchObject({ rule: expect.any(String), of: 3 });
});
