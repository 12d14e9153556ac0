/**
 * Fixing a blocked flow on the demo: trace shop-backend/orders → payments/payments-db:5432, read
 * the fixes (narrowest first, each with its blast radius), open the narrowest as a draft, see the
 * flow turn allowed and the summary list exactly what opened (the flow itself, nothing else), share
 * the draft's link into a new page and export its YAML.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";

const TRACE = "network?tab=trace&from=shop-backend%2Forders&to=payments%2Fpayments-db&port=5432";

test("a blocked flow: the narrowest fix, opened as a draft, admits it and nothing else", async ({ page, context }) => {
  await page.goto(`/c/demo/${TRACE}`);
  await expect(page.getByTestId("trace-verdict")).toHaveAttribute("data-allowed", "false");
  await page.getByTestId("flow-fix-show").click();
  const first = page.getByTestId("flow-fix-0");
  await expect(first).toContainText("add an ingress rule to NetworkPolicy payments/payments-db-ingress");
  await expect(first).toContainText("opens nothing else");
  // a wider alternative says what else it opens
  const wide = page.getByTestId("flow-fix").locator("li[data-testid^=flow-fix-]", { hasText: "default-deny-all" });
  await expect(wide).toContainText("also opens 3");
  await wide.locator("summary", { hasText: "Also opens" }).click();
  await expect(wide).toContainText("payments/payments-api[Deployment]");
  await page.screenshot({ path: "test-results/flow-fix-trace.png", fullPage: true });

  await first.getByTestId("flow-fix-0-draft").click();
  await expect(page).toHaveURL(/\/c\/demo~[A-Za-z0-9_-]{22}\/draft$/);
  const summary = page.getByTestId("whatif-summary");
  await expect(summary.getByTestId("whatif-changes")).toContainText("NetworkPolicy payments/payments-db-ingress");
  const opened = summary.getByTestId("connections-opened");
  await expect(opened.locator("tbody tr")).toHaveCount(1);
  await expect(opened).toContainText("shop-backend/orders[Deployment]");
  await expect(opened).toContainText("payments/payments-db[StatefulSet]");
  await expect(opened).toContainText("TCP 5432");
  await expect(summary).toContainText("Connections closed (0)");
  await page.screenshot({ path: "test-results/flow-fix-draft.png", fullPage: true });

  const draftUrl = page.url();
  const sourceId = decodeURIComponent(new URL(draftUrl).pathname.split("/")[2]);
  await page.goto(`/c/${encodeURIComponent(sourceId)}/${TRACE}`);
  await expect(page.getByTestId("trace-verdict")).toHaveAttribute("data-allowed", "true");
  await expect(page.getByTestId("flow-fix")).toHaveCount(0);

  const reviewer = await context.newPage();
  await reviewer.goto(draftUrl);
  await expect(reviewer.getByTestId("connections-opened").locator("tbody tr")).toHaveCount(1);
  const download = reviewer.waitForEvent("download");
  await reviewer.getByTestId("draft-export").click();
  const text = readFileSync((await (await download).path())!, "utf8");
  expect(text).toContain("name: payments-db-ingress");
  expect(text).toContain("kubernetes.io/metadata.name: shop-backend");
  expect(text).toContain("port: 5432");
});

test("a flow a Cilium deny rule blocks: the fix narrows the deny rule (deny wins over any allow) and says who owns it", async ({ page }) => {
  await page.goto("/c/demo-cilium/network?tab=trace&from=shop-frontend%2Fweb&to=payments%2Fpayments-db&port=5432");
  await expect(page.getByTestId("trace-verdict")).toHaveAttribute("data-allowed", "false");
  await page.getByTestId("flow-fix-show").click();
  const first = page.getByTestId("flow-fix-0");
  await expect(first).toContainText("leave shop-frontend/web[Deployment] on TCP 5432 out of the deny rule spec.ingressDeny[0] of CiliumClusterwideNetworkPolicy deny-storefront-to-data-stores");
  await expect(first).toContainText("opens nothing else");
  await expect(first).toContainText("In Cilium a deny rule wins over every allow rule");
  await expect(first).toContainText("Owner: the cluster's administrators (CiliumClusterwideNetworkPolicy deny-storefront-to-data-stores); the owners of namespace payments");
  await expect(first.getByTestId("flow-fix-0-draft")).toHaveCount(0);
  await first.locator("summary", { hasText: "Patches" }).click();
  await expect(first).toContainText("path: /spec/ingressDeny/0/fromEndpoints");
  await page.getByTestId("flow-fix").screenshot({ path: "test-results/flow-fix-cilium.png" });
});
