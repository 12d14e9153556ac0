import { expect, test } from "@playwright/test";

test("a reviewer filters internet-exposed workloads and reads one across every area", async ({ page }) => {
  await page.goto("/c/demo/workloads");
  await page.getByRole("button", { name: "Internet-exposed" }).click();
  const list = page.getByRole("list", { name: "Workloads" });
  await list.getByRole("listitem").filter({ hasText: "data/reports" }).click();
  await expect(page).toHaveURL(/kind=Deployment&namespace=data&name=reports/);
  const detail = page.getByTestId("workload-detail");
  await expect(detail).toContainText("ServiceAccount reports");
  await expect(detail).toContainText("can read Secrets cluster-wide");
  await expect(detail).toContainText("via Ingress data/reports");
  await expect(detail).toContainText("Attack path");
  await page.screenshot({ path: "test-results/workloads-reports.png", fullPage: true });
});

test("a workload finding opens its workload", async ({ page }) => {
  await page.goto("/c/demo/findings?rule=PSS-privileged&defaults=1");
  await page.getByRole("listitem").filter({ hasText: "data/debug-shell" }).click();
  await page.getByTestId("finding-focus-link").click();
  await expect(page).toHaveURL(/\/workloads\?namespace=data&kind=Pod&name=debug-shell/);
  await expect(page.getByTestId("workload-detail")).toContainText("privileged");
});
