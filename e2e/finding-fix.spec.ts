/**
 * A finding's smallest fix on the demo: the on-call group's exec into payments pods (R10) — its
 * own role without exec first (nothing else lost), opened as a draft whose summary lists the
 * finding as fixed.
 */
import { expect, test } from "@playwright/test";

test("a finding's smallest fix, opened as a draft, fixes it and nothing else is lost", async ({ page }) => {
  const body = (await (await page.request.get("/api/c/demo/findings")).json()) as { findings: { id: string; rule: string; title: string }[] };
  const f = body.findings.find((x) => x.rule === "R10" && x.title.includes("acme:oncall"))!;
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
