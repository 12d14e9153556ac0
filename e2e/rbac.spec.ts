/**
 * The RBAC explorer on the demo cluster (demo/STORY.md), as a security reviewer uses it: ask who can
 * read Secrets in payments and see the CI account's path highlighted, open that account's effective
 * permissions, find the on-call group that can exec into production pods from the RBAC findings and
 * open its graph, then send the link and get the same view. Cytoscape draws on a canvas, so the graph
 * is checked through its container's data attributes (highlighted ids, drawn ids) and screenshots.
 */
import { expect, test, type Page } from "@playwright/test";

async function graphIds(page: Page, attr: "highlighted" | "nodes"): Promise<string[]> {
  const graph = page.getByTestId("rbac-graph");
  await expect(graph).toBeVisible();
  return JSON.parse((await graph.getAttribute(`data-${attr}`)) ?? "[]") as string[];
}

/** Waits until Cytoscape has drawn the graph (its canvases exist), before a screenshot. */
async function drawn(page: Page): Promise<void> {
  await expect(page.getByTestId("rbac-graph").locator("canvas").first()).toBeAttached();
  await page.waitForTimeout(300);
}

test("who can read secrets in payments: the CI account and its path, its permissions, the on-call exec finding, and a link that reopens the view", async ({ page, context }) => {
  await page.goto("/c/demo/rbac");
  await expect(page.getByRole("tab", { name: "Who can" })).toHaveAttribute("aria-selected", "true");

  // 1. Ask the question as a sentence.
  await page.getByTestId("who-can-question").fill("who can read secrets in payments");
  await page.getByTestId("who-can-question").press("Enter");
  // "read" is get, list or watch (list and watch return the contents too), and the answer says so
  await expect(page).toHaveURL(/verb=get%2Clist%2Cwatch&resource=secrets&namespace=payments/);
  await expect(page.getByTestId("who-can-heading")).toHaveText("Who can get, list or watch secrets in namespace payments");
  await expect(page.getByRole("region", { name: "Answer", exact: true })).toContainText("asked as get, list or watch");
  const table = page.getByTestId("who-can-table");
  // kube-state-metrics can list and watch Secrets, not get them: it reads them all the same
  await expect(table.locator('tr[data-subject="ServiceAccount/monitoring/kube-state-metrics"]')).toContainText("can list, watch");
  const ci = table.locator('tr[data-subject="ServiceAccount/ci/deployer"]');
  await expect(ci).toContainText("ci/deployer");
  await expect(ci).toContainText("ServiceAccount");
  await expect(ci).toContainText("ci-deployer-admin");
  await expect(ci).toContainText("cluster-admin");
  await expect(ci).toContainText("cluster-wide");
  await expect(table.locator('tr[data-subject="Group/acme:payments-leads"]')).toContainText("payments/payments-leads-edit");
  // view (team-payments) and pod-debugger (on-call) do not grant Secrets
  await expect(table.locator('tr[data-subject="Group/acme:team-payments"]')).toHaveCount(0);
  await expect(table.locator('tr[data-subject="Group/acme:oncall"]')).toHaveCount(0);

  // 2. The graph opens on the answer, the CI account's path highlighted.
  await expect.poll(() => graphIds(page, "highlighted")).toEqual(expect.arrayContaining(["subject:ServiceAccount/ci/deployer", "binding:ClusterRoleBinding/ci-deployer-admin", "role:ClusterRole/cluster-admin", "rule:ClusterRole/cluster-admin#0"]));
  await expect(page.getByTestId("graph-size")).toContainText("nodes");

  // 3. Select the account: the side panel shows its binding and permissions.
  await ci.getByRole("button", { name: "ci/deployer", exact: true }).click();
  await expect(page).toHaveURL(/sel=subject%3AServiceAccount%2Fci%2Fdeployer/);
  await expect(page.getByTestId("rbac-graph")).toHaveAttribute("data-selected", "subject:ServiceAccount/ci/deployer");
  const panel = page.getByTestId("node-panel");
  await expect(panel).toContainText("ci/deployer");
  await expect(panel).toContainText("ci-deployer-admin");
  await expect(panel).toContainText("gitlab-runner");
  await expect(panel.getByTestId("panel-permissions")).toContainText("every other verb");
  await expect(panel.getByTestId("panel-permissions")).toContainText("every verb (escalate, bind, impersonate and any other included) on every resource");
  await drawn(page);
  await page.screenshot({ path: "test-results/rbac-who-can.png", fullPage: true });

  // The who-can link, sent as is, reopens the same answer with the same selection.
  const whoCanUrl = page.url();
  const other = await context.newPage();
  await other.goto(whoCanUrl);
  await expect(other.getByTestId("who-can-heading")).toHaveText("Who can get, list or watch secrets in namespace payments");
  await expect(other.getByTestId("node-panel")).toContainText("ci-deployer-admin");
  await expect.poll(() => graphIds(other, "highlighted")).toEqual(await graphIds(page, "highlighted"));
  await other.close();

  // 4. Open the account: its effective permissions, with where each comes from.
  await ci.getByRole("button", { name: "Open ci/deployer" }).click();
  await expect(page.getByRole("tab", { name: "Subjects & roles" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("explore-focus")).toHaveText("ServiceAccount/ci/deployer");
  const grid = page.getByTestId("permissions-grid");
  await expect(grid.getByRole("region", { name: "Cluster-wide" })).toBeVisible();
  const star = grid.getByRole("region", { name: "Cluster-wide" }).getByRole("row").nth(1);
  await expect(star).toContainText("*");
  await expect(star.getByRole("cell", { name: "delete: yes" })).toBeVisible();
  await star.locator("button[title$=\"where it comes from\"]").click(); // the resource, not its Fix…
  await expect(grid).toContainText('ClusterRoleBinding "ci-deployer-admin" of ClusterRole "cluster-admin"');
  await expect.poll(() => graphIds(page, "nodes")).toEqual(expect.arrayContaining(["subject:ServiceAccount/ci/deployer", "binding:ClusterRoleBinding/ci-deployer-admin", "role:ClusterRole/cluster-admin"]));
  await drawn(page);
  await page.screenshot({ path: "test-results/rbac-subject.png", fullPage: true });

  // 5. From the RBAC findings, the group that can exec into production pods.
  await page.getByRole("tab", { name: "Findings" }).click();
  await page.getByLabel("Search RBAC findings").fill("oncall exec");
  const finding = page.getByTestId("rbac-findings").getByRole("listitem").filter({ hasText: 'Group "acme:oncall" can exec into pods in payments' })
    // the demo's audit log adds U01 for the same exec, unused over its window (e2e/audit.spec.ts)
    .filter({ hasNotText: "unused in the" });
  await expect(finding).toHaveCount(1);
  await expect(finding).toContainText("R10");
  await finding.getByRole("button").first().click();
  await expect(page.getByTestId("finding-evidence")).toContainText("payments/oncall-pod-debugger");
  await page.screenshot({ path: "test-results/rbac-findings.png", fullPage: true });
  await finding.getByRole("link", { name: /Graph of/ }).click();
  await expect(page).toHaveURL(/focus=subject%3AGroup%2Facme%3Aoncall/);
  await expect(page).toHaveURL(/rule=R10/);
  await expect(page.getByTestId("explore-focus")).toHaveText("Group/acme:oncall");
  await expect.poll(() => graphIds(page, "highlighted")).toEqual(expect.arrayContaining(["subject:Group/acme:oncall", "binding:RoleBinding/payments/oncall-pod-debugger", "role:ClusterRole/pod-debugger"]));
  // from a finding only the evidence is drawn (the shop-backend binding is not evidence for payments), and it says so
  expect(await graphIds(page, "nodes")).not.toContain("binding:RoleBinding/shop-backend/oncall-pod-debugger");
  await expect(page.getByTestId("graph-evidence-only")).toContainText("only the evidence for R10");
  await expect(page.getByTestId("subject-permissions")).toContainText("pods/exec");
  await drawn(page);
  await page.screenshot({ path: "test-results/rbac-oncall-graph.png", fullPage: true });

  // 6. Send the link: a new page opens the same view.
  const link = page.url();
  const highlighted = await graphIds(page, "highlighted");
  const drawnIds = await graphIds(page, "nodes");
  const reopened = await context.newPage();
  await reopened.goto(link);
  await expect(reopened.getByTestId("explore-focus")).toHaveText("Group/acme:oncall");
  await expect(reopened.getByText("evidence of R10 in payments")).toBeVisible();
  await expect.poll(() => graphIds(reopened, "highlighted")).toEqual(highlighted);
  expect(await graphIds(reopened, "nodes")).toEqual(drawnIds);
  await expect(reopened.getByLabel("Graph namespace")).toHaveValue("payments");
  await drawn(reopened);
  await reopened.screenshot({ path: "test-results/rbac-link-reopened.png", fullPage: true });
  await reopened.close();
});

test("empty and partial answers say so; filters say what they hide; the graph expands a node on request", async ({ page }) => {
  // the staging snapshot has no RBAC objects and a broken document: nobody but system:masters
  await page.goto("/c/snap-staging/rbac?verb=get&resource=secrets");
  await expect(page.getByTestId("partial-banner")).toBeVisible();
  await expect(page.getByText("Nobody can get secrets in all namespaces through RBAC")).toBeVisible();
  // a cluster whose Roles could not be read: the answer warns it may be incomplete
  await page.goto("/c/ctx-e2e-restricted/rbac?verb=get&resource=secrets&namespace=default");
  await expect(page.getByText(/could not read .*roles \(forbidden\).*may be incomplete/).first()).toBeVisible();
  await page.screenshot({ path: "test-results/rbac-partial.png", fullPage: true });

  await page.goto("/c/demo/rbac?verb=impersonate&resource=serviceaccounts&namespace=payments");
  await expect(page.getByTestId("who-can-heading")).toContainText("impersonate serviceaccounts");
  // the box follows the URL (router.replace), so click and wait rather than check()
  await page.getByTestId("hide-defaults").click();
  await expect(page.getByTestId("hide-defaults")).toBeChecked();
  await expect(page.getByTestId("who-can-count")).toContainText("hidden by the filters");
  await expect(page).toHaveURL(/defaults=hide/);
  await expect.poll(() => graphIds(page, "highlighted")).not.toContain("subject:Group/system:masters");

  await page.goto("/c/demo/rbac?focus=subject%3AServiceAccount%2Fci%2Fdeployer&hops=1&sel=binding%3AClusterRoleBinding%2Fci-deployer-admin");
  await expect.poll(() => graphIds(page, "nodes")).not.toContain("role:ClusterRole/cluster-admin");
  await page.getByTestId("panel-expand").click();
  await expect(page).toHaveURL(/x=binding%3AClusterRoleBinding%2Fci-deployer-admin/);
  await expect.poll(() => graphIds(page, "nodes")).toContain("role:ClusterRole/cluster-admin");
});

test("a dangling roleRef is drawn as a ghost, and the access matrix of payments links to subjects", async ({ page }) => {
  await page.goto("/c/demo/rbac?tab=explore");
  await page.getByRole("tab", { name: "Bindings" }).click();
  await page.getByTestId("subject-search").fill("legacy");
  await page.getByRole("list", { name: "Search results" }).getByRole("button", { name: /legacy-deployer/ }).click();
  await expect(page).toHaveURL(/focus=binding%3ARoleBinding%2Fshop-frontend%2Flegacy-deployer/);
  await expect.poll(() => graphIds(page, "nodes")).toContain("role:Role/shop-frontend/deployer-v1");
  const panel = page.getByTestId("node-panel");
  await expect(panel).toContainText("Dangling roleRef");
  await expect(panel).toContainText("ServiceAccount/ci/jenkins");
  await drawn(page);
  await page.screenshot({ path: "test-results/rbac-dangling.png", fullPage: true });

  await page.goto("/c/demo/rbac?tab=matrix&namespace=payments");
  const matrix = page.getByTestId("access-matrix");
  const oncall = matrix.getByRole("row").filter({ hasText: "acme:oncall" });
  await expect(oncall.locator('td[title="acme:oncall: create on pods/exec"]')).toHaveText("c");
  await page.screenshot({ path: "test-results/rbac-matrix.png" });
  await oncall.getByRole("button").click();
  await expect(page.getByTestId("explore-focus")).toHaveText("Group/acme:oncall");
});

test("the RBAC API answers like the CLI, refuses bad questions and caps graphs", async ({ request }) => {
  const list = await (await request.get("/api/c/demo/rbac/who-can?verb=list&resource=secrets&namespace=payments")).json();
  expect(list.subjects).toHaveLength(14);
  expect(list.subjects.map((s: { id: string }) => s.id)).not.toContain("Group/acme:oncall");
  const exec = await (await request.get("/api/c/demo/rbac/who-can?verb=create&resource=pods%2Fexec&namespace=payments")).json();
  expect(exec.subjects.map((s: { id: string }) => s.id).sort()).toEqual(["Group/acme:oncall", "Group/acme:payments-leads", "Group/acme:platform", "Group/system:masters", "ServiceAccount/ci/deployer"]);
  const bad = await request.get("/api/c/demo/rbac/who-can?resource=secrets");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toContain("give a verb");
  const perms = await (await request.get("/api/c/demo/rbac/permissions?subject=ServiceAccount%2Fshop-frontend%2Fweb")).json();
  expect(perms.grid.scopes.map((s: { scope: string }) => s.scope)).toEqual(["cluster"]);
  const graph = await (await request.get("/api/c/demo/rbac/graph?focus=subject%3AGroup%2Fsystem%3Aauthenticated&hops=8&defaults=show")).json();
  expect(graph.graph.nodes.length + graph.graph.edges.length).toBeLessThanOrEqual(2000);
  const missing = await request.get("/api/c/demo/rbac/node?id=subject%3AUser%2Fnobody");
  expect(missing.status()).toBe(404);
});
