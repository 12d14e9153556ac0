/**
 * What if, on the demo cluster: a developer writes a draft that lets shop-backend/orders reach the
 * payments database, reads what it opens, sees every view "with draft", shares the link with a
 * reviewer (a new page), and exports the YAML to commit.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";

const OPEN_DB = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: payments-db-from-orders
  namespace: payments
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: payments-db
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: shop-backend
          podSelector:
            matchLabels:
              app.kubernetes.io/name: orders
      ports:
        - protocol: TCP
          port: 5432
`;

test("a draft: written, analysed, seen in every view, shared and exported", async ({ page, context }) => {
  await page.goto("/c/demo/draft");
  await expect(page.getByRole("heading", { name: "What if" })).toBeVisible();
  await page.getByLabel("Draft title").fill("Orders reads the payments database");
  await page.getByTestId("draft-text").fill(OPEN_DB);
  // delete a binding through the object picker
  await page.getByTestId("object-picker").locator("summary").click();
  await page.getByLabel("Kind of object").selectOption("roleBindings");
  await page.getByLabel("Search objects to edit").fill("oncall-pod-debugger payments");
  await page.getByTestId("object-picker").locator("li", { hasText: "payments/oncall-pod-debugger" }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("draft-text")).toHaveValue(/# clearance: delete RoleBinding payments\/oncall-pod-debugger/);
  await page.getByTestId("draft-save").click();

  await expect(page).toHaveURL(/\/c\/demo~[A-Za-z0-9_-]{22}\/draft$/);
  const summary = page.getByTestId("whatif-summary");
  await expect(summary.getByTestId("whatif-changes")).toContainText("NetworkPolicy payments/payments-db-from-orders");
  await expect(summary.getByTestId("whatif-changes")).toContainText("RoleBinding payments/oncall-pod-debugger");
  const opened = summary.getByTestId("connections-opened");
  await expect(opened.locator("tbody tr")).toHaveCount(1);
  await expect(opened).toContainText("shop-backend/orders[Deployment]");
  await expect(opened).toContainText("payments/payments-db[StatefulSet]");
  await expect(opened).toContainText("TCP 5432");
  await expect(summary.getByTestId("grants-lost")).toContainText("Group acme:oncall");
  await expect(summary.getByTestId("findings-fixed")).toContainText("R10");
  await expect(page.getByTestId("draft-bar")).toContainText("With draft");
  await page.screenshot({ path: "test-results/whatif-summary.png", fullPage: true });

  // every view shows the cluster with the draft: the trace now admits the flow
  const draftUrl = page.url();
  const sourceId = decodeURIComponent(new URL(draftUrl).pathname.split("/")[2]);
  await page.goto(`/c/${encodeURIComponent(sourceId)}/network?tab=trace&from=shop-backend%2Forders&to=payments%2Fpayments-db&port=5432`);
  await expect(page.getByTestId("draft-bar")).toBeVisible();
  await expect(page.getByTestId("trace-verdict")).toHaveAttribute("data-allowed", "true");
  await page.screenshot({ path: "test-results/whatif-trace-with-draft.png", fullPage: true });
  await page.getByTestId("without-draft").click();
  await expect(page).toHaveURL(/\/c\/demo\/network\?tab=trace/);
  await expect(page.getByTestId("trace-verdict")).toHaveAttribute("data-allowed", "false");

  // a reviewer opens the shared link in a new page: the same draft and summary, read-only for them only if not the owner
  const reviewer = await context.newPage();
  await reviewer.goto(draftUrl);
  await expect(reviewer.getByTestId("draft-title")).toHaveText("Orders reads the payments database");
  await expect(reviewer.getByTestId("connections-opened").locator("tbody tr")).toHaveCount(1);

  // export the YAML to commit
  const download = reviewer.waitForEvent("download");
  await reviewer.getByTestId("draft-export").click();
  const file = await (await download).path();
  const text = readFileSync(file!, "utf8");
  expect(text).toMatch(/^# Clearance draft: Orders reads the payments database\n/);
  expect(text).toContain("name: payments-db-from-orders");
  expect(text).toContain("# clearance: delete RoleBinding payments/oncall-pod-debugger");
  await reviewer.screenshot({ path: "test-results/whatif-shared.png", fullPage: true });
});
