/**
 * A finding's smallest fix on the demo: the on-call group's exec into payments pods (R10) — its
 * own role without exec first (nothing else lost), opened as a draft whose summary lists the
 * finding as fixed.
 */
import { expect, test } from "@playwright/test";

test("a finding's smallest fix, opened as a draft, fixes it and nothing else is lost", async ({ page }) => {
  const body = (await (await page.request.get("/api/c/demo/findings?rule=R10&q=acme:oncall")).json()) as { rows: { type: string; finding?: { id: string; rule: string; title: string } }[] };
  const f = body.rows.flatMap((r) => (r.finding ? [r.finding] : [])).find((x) => x.title.includes("acme:oncall"))!;
  await page.goto(`/c/demo/findings?id=${encodeURIComponent(f.id)}`);
  const detail = page.getByTestId("finding-detail");
  await detail.getByTestId("finding-fix-show").click();
  const first = detail.getByTestId("finding-fix-0");
  await expect(first).toContainText("nothing else lost");
  await page.screenshot({ path: "test-results/finding-fix.png", fullPage: true });
  await first.getByTestId("finding-fix-draft-0").click();
  await expect(page).toHaveURL(/\/c\/demo~[A-Za-z0-9_-]{22}\/draft$/);
  await expect(page.getByTestId("findings-fixed")).toContainText("R10");
  await expect(page.getByTestId("whatif-summary")).toContainText("New findings (0)");
  await page.screenshot({ path: "test-results/finding-fix-draft.png", fullPage: true });
});

test("a subject's permission in the RBAC explorer: Fix…, who loses what, opened as a draft that lists the lost grant", async ({ page }) => {
  await page.goto(`/c/demo/rbac?focus=${encodeURIComponent("subject:ServiceAccount/data/reports")}`);
  await expect(page.getByTestId("explore-focus")).toHaveText("ServiceAccount/data/reports");
  const row = page.getByTestId("permissions-grid").getByRole("region", { name: "Cluster-wide" }).getByRole("row").filter({ hasText: "secrets" });
  await row.getByTestId("grant-fix-show").click();
  const fix = page.getByTestId("grant-fix");
  await expect(fix).toContainText('Granted by: ClusterRoleBinding "reports-secret-reader" of ClusterRole "secret-reader"');
  const first = fix.getByTestId("grant-fix-0");
  await expect(first).toContainText("nothing else lost");
  await expect(first.getByTestId("grant-fix-0-loses")).toContainText("ServiceAccount data/reports: get,list,watch secrets cluster-wide (the target)");
  // one verb only: narrowing the role in place takes exactly that verb
  await fix.getByRole("checkbox", { name: "get" }).uncheck();
  await fix.getByRole("checkbox", { name: "watch" }).uncheck();
  await expect(first).toContainText("ClusterRole secret-reader: take out list secrets");
  await expect(first.getByTestId("grant-fix-0-loses")).toContainText("list secrets cluster-wide (the target)");
  await fix.scrollIntoViewIfNeeded();
  await page.getByTestId("subject-permissions").screenshot({ path: "test-results/grant-fix.png" });
  await first.getByTestId("grant-fix-draft-0").click();
  await expect(page).toHaveURL(/\/c\/demo~[A-Za-z0-9_-]{22}\/draft$/);
  await expect(page.getByText("Narrow the rules that grant it: list secrets cluster-wide for ServiceAccount/data/reports").first()).toBeVisible();
  const lost = page.getByTestId("grants-lost");
  await expect(lost).toContainText("ServiceAccount data/reports");
  await expect(lost).toContainText("secrets");
  await expect(page.getByTestId("grants-gained")).toHaveCount(0);
  await page.screenshot({ path: "test-results/grant-fix-draft.png", fullPage: true });
});
