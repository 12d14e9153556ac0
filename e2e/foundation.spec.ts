import { expect, test } from "@playwright/test";
import { demoManifestCounts } from "./support/demo-counts";

const WORKLOAD_KINDS = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "ReplicationController"];

test("the demo opens on the overview and its counts match the manifests", async ({ page }) => {
  const m = demoManifestCounts();
  await page.goto("/");
  await expect(page).toHaveURL(/\/c\/demo$/);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  const count = (key: string) => page.getByTestId(`count-${key}`).locator("div").first();
  await expect(count("namespaces")).toContainText(String(m.Namespace));
  await expect(count("networkPolicies")).toContainText(String(m.NetworkPolicy));
  await expect(count("clusterRoleBindings")).toContainText(String(m.ClusterRoleBinding));
  await expect(count("roleBindings")).toContainText(String(m.RoleBinding));
  await expect(count("serviceAccounts")).toContainText(String(m.ServiceAccount));
  await expect(count("services")).toContainText(String(m.Service));
  const workloads = WORKLOAD_KINDS.reduce((n, k) => n + (m[k] ?? 0), 0);
  await expect(count("workloads")).toContainText(String(workloads));
  // one representative pod per workload without live pods, plus the bare pods
  await expect(count("pods")).toContainText(String(workloads + (m.Pod ?? 0)));
  await expect(page.getByTestId("snapshot-status")).toContainText("complete");
  await page.screenshot({ path: "test-results/foundation-overview.png", fullPage: true });
});

test("switching to a snapshot directory and back keeps the section", async ({ page }) => {
  await page.goto("/c/demo/network");
  await expect(page.getByRole("heading", { name: "Network" })).toBeVisible();
  await page.getByTestId("source-picker").selectOption("snap-staging");
  await expect(page).toHaveURL(/\/c\/snap-staging\/network$/);
  await page.getByTestId("tab-objects").click();
  await expect(page.getByTestId("object-count")).toHaveText("1 object");
  // the broken Service document makes the snapshot partial, and says where
  await expect(page.getByTestId("partial-banner")).toContainText("skipped 1 document");
  await page.getByRole("link", { name: "Overview" }).click();
  await expect(page.getByTestId("problems")).toContainText("broken.yaml");
  await expect(page.getByTestId("problems")).toContainText("line 6");
  await expect(page.getByTestId("problems")).toContainText("ports[0].port: expected a number");
  await page.screenshot({ path: "test-results/foundation-staging.png", fullPage: true });
  await page.getByTestId("source-picker").selectOption("demo");
  await expect(page).toHaveURL(/\/c\/demo$/);
  await expect(page.getByTestId("partial-banner")).toHaveCount(0);
});

test("object lists search by name and label", async ({ page }) => {
  await page.goto("/c/demo/rbac?tab=objects");
  await page.getByRole("tab", { name: "ServiceAccounts" }).click();
  await page.getByLabel("Search objects").fill("deployer");
  await expect(page.getByRole("row").first()).toContainText("deployer");
});

test("a live context is read through the stand-in API server", async ({ page }) => {
  await page.goto("/c/demo");
  await page.getByTestId("source-picker").selectOption("ctx-e2e-live");
  await expect(page).toHaveURL(/\/c\/ctx-e2e-live$/);
  await expect(page.getByTestId("snapshot-status")).toContainText("complete");
  await expect(page.getByTestId("count-namespaces").locator("div").first()).not.toHaveText("0");
  await expect(page.getByTestId("partial-banner")).toHaveCount(0);
});

test("a context that forbids some kinds shows the partial banner and what is missing", async ({ page }) => {
  await page.goto("/c/ctx-e2e-restricted");
  await expect(page.getByTestId("partial-banner")).toContainText("could not read");
  await expect(page.getByTestId("partial-banner")).toContainText("roles (forbidden)");
  await expect(page.getByTestId("snapshot-status")).toContainText("partial");
  await expect(page.getByTestId("problems")).toContainText("forbidden");
  await page.screenshot({ path: "test-results/foundation-live-partial.png", fullPage: true });
});
