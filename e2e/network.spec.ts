/**
 * The network explorer on the demo cluster (demo/STORY.md): a developer traces a blocked flow into
 * payments, a reviewer finds the internet-exposed pod whose token reads Secrets, and the graph,
 * matrix, policies and URLs behave. Cytoscape draws on a canvas, so the graph containers carry
 * what they show (`data-level`, `data-focus`, `data-node-ids`, `data-highlighted`).
 */
import { expect, test, type Page } from "@playwright/test";

async function graphDrawn(page: Page, testId = "network-graph") {
  await expect(page.getByTestId(testId).locator("canvas").first()).toBeVisible();
  // fcose runs synchronously once the canvas module has loaded; give the frame a moment to paint
  await page.waitForTimeout(600);
}

/** Where a node is drawn on the page (Cytoscape keeps its instance on the container as `_cyreg`). */
async function nodePoint(page: Page, id: string): Promise<{ x: number; y: number }> {
  const p = await page.evaluate((nodeId) => {
    const el = document.querySelector("[data-testid=network-graph] [data-testid=graph-canvas]") as (HTMLElement & { _cyreg?: { cy?: { getElementById(i: string): { renderedPosition(): { x: number; y: number } } } } }) | null;
    const cy = el?._cyreg?.cy;
    if (!el || !cy) return null;
    const r = el.getBoundingClientRect();
    const at = cy.getElementById(nodeId).renderedPosition();
    return { x: r.left + at.x, y: r.top + at.y };
  }, id);
  expect(p, `node ${id} drawn`).not.toBeNull();
  return p!;
}

test("a developer traces a blocked flow into payments: the isolating policies, and no rule admits it", async ({ page }) => {
  await page.goto("/c/demo/network");
  await page.getByTestId("tab-trace").click();
  await page.getByLabel("From", { exact: true }).fill("shop-backend/orders");
  await page.getByLabel("To", { exact: true }).fill("payments/payments-db");
  // the destination's declared ports are offered
  await expect(page.getByTestId("destination-ports")).toContainText("5432 postgres");
  await page.getByTestId("destination-ports").getByRole("button", { name: /5432/ }).click();
  await expect(page.getByLabel("Port")).toHaveValue("5432");
  await page.getByRole("button", { name: "Trace", exact: true }).click();

  await expect(page).toHaveURL(/tab=trace.*from=shop-backend%2Forders.*to=payments%2Fpayments-db.*port=5432/);
  const verdict = page.getByTestId("trace-verdict");
  await expect(verdict).toHaveAttribute("data-allowed", "false");
  await expect(verdict).toContainText("BLOCKED");

  // egress from shop-backend is open; ingress to payments-db is decided by the isolating NetworkPolicies
  await expect(page.getByTestId("trace-egress")).toContainText("allowed");
  const ingress = page.getByTestId("trace-ingress");
  await expect(ingress).toContainText("denied");
  await expect(ingress).toContainText("decided by NetworkPolicy");
  const isolating = ingress.getByTestId("isolated-by").getByTestId("policy-chip");
  await expect(isolating.filter({ hasText: "payments/default-deny-all" })).toHaveAttribute("data-deciding", "true");
  await expect(isolating.filter({ hasText: "payments/payments-db-ingress" })).toHaveAttribute("data-deciding", "true");
  const none = ingress.getByTestId("no-rule-admits");
  await expect(none).toContainText("No rule admits this flow.");
  await expect(none).toContainText("rule 1 of payments/payments-db-ingress allows TCP 5432 but not from this peer");

  // the deciding policies are highlighted in the flow's graph
  const graph = page.getByTestId("trace-graph");
  await expect(graph).toHaveAttribute("data-highlighted", /policy:NetworkPolicy\/payments\/default-deny-all:ingress/);
  await expect(graph).toHaveAttribute("data-highlighted", /policy:NetworkPolicy\/payments\/payments-db-ingress:ingress/);
  await graphDrawn(page, "trace-graph");
  await page.screenshot({ path: "test-results/network-trace-blocked.png", fullPage: true });

  // each policy opens with its rules in words and the pods it selects
  await isolating.filter({ hasText: "payments/payments-db-ingress" }).click();
  const panel = page.getByTestId("policy-panel");
  await expect(page).toHaveURL(/policy=NetworkPolicy%2Fpayments%2Fpayments-db-ingress/);
  await expect(panel.getByTestId("policy-rule").first()).toContainText("pods app.kubernetes.io/name=payments-api in namespace payments");
  await expect(panel.getByTestId("policy-rule").first()).toContainText('named port "postgres"');
  await expect(panel.getByTestId("policy-pods")).toContainText("payments/payments-db");
  await page.screenshot({ path: "test-results/network-policy.png", fullPage: true });
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();

  // the URL is the view: a reload gives the same answer
  await page.reload();
  await expect(page.getByTestId("trace-verdict")).toHaveAttribute("data-allowed", "false");
  await expect(page.getByLabel("From", { exact: true })).toHaveValue("shop-backend/orders");
});

test("a reviewer finds the internet-exposed pod whose service account can read secrets", async ({ page }) => {
  await page.goto("/c/demo/network");
  await page.getByTestId("tab-exposure").click();
  const reports = page.getByTestId("attack-paths").locator('[data-testid=attack-path][data-workload="data/reports[Deployment]"]');
  await expect(reports).toHaveCount(1);
  await expect(reports).toHaveAttribute("data-service-account", "data/reports");
  await expect(reports).toContainText("critical");
  await expect(reports).toContainText("can read Secrets cluster-wide");
  await expect(reports).toContainText("Ingress data/reports");
  const exposed = page.locator('[data-testid=exposed-workload][data-workload="data/reports[Deployment]"]');
  await expect(exposed).toContainText("unrestricted ingress");
  await expect(page.locator('[data-testid=exposed-workload][data-workload="data/pgadmin[Deployment]"]')).toContainText("NodePort");
  await page.screenshot({ path: "test-results/network-exposure.png", fullPage: true });

  // from the attack path to the graph around the workload: the ingress controller reaches it
  await reports.getByRole("button", { name: "Show in the graph" }).click();
  await expect(page).toHaveURL(/tab=graph.*namespace=data.*workload=Deployment%2Freports/);
  const g = page.getByTestId("network-graph");
  await expect(g).toHaveAttribute("data-focus", "data/Deployment/reports");
  await expect(g).toHaveAttribute("data-highlighted", "w:data/Deployment/reports");
  await expect(g).toHaveAttribute("data-node-ids", /external:ingress-controller/);
  await graphDrawn(page);
  await page.screenshot({ path: "test-results/network-graph-reports.png", fullPage: true });
});

test("the graph opens on groups of namespaces, drills group → namespace → workload, and follows the toggles", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/c/demo/network");
  const g = page.getByTestId("network-graph");
  // the cluster as groups of namespaces (by the team label), with ranked lists beside it
  await expect(g).toHaveAttribute("data-level", "groups");
  await expect(page.getByTestId("group-by")).toHaveValue("team");
  await expect(g).toHaveAttribute("data-node-ids", /group:payments/);
  await expect(page.getByTestId("ranked-lists")).toContainText("Exposed to the internet");
  await graphDrawn(page);
  await page.screenshot({ path: "test-results/network-graph-cluster.png", fullPage: true });

  // a double-click on a group opens it: its namespaces one by one, the other groups folded
  const grp = await nodePoint(page, "group:payments");
  await page.mouse.dblclick(grp.x, grp.y);
  await expect(page).toHaveURL(/group=payments/);
  await expect(g).toHaveAttribute("data-level", "group");
  await expect(g).toHaveAttribute("data-node-ids", /ns:payments/);
  await graphDrawn(page);
  await page.screenshot({ path: "test-results/network-graph-group.png", fullPage: true });

  // a double-click on a namespace opens its workloads
  const ns = await nodePoint(page, "ns:payments");
  await page.mouse.dblclick(ns.x, ns.y);
  await expect(page).toHaveURL(/namespace=payments/);
  await expect(g).toHaveAttribute("data-level", "workload");
  await expect(page.getByTestId("graph-breadcrumb")).toContainText("group payments");
  await expect(g).toHaveAttribute("data-node-ids", /w:payments\/StatefulSet\/payments-db/);
  await expect(g).toHaveAttribute("data-node-ids", /ns:shop-backend/);
  await expect(page.getByTestId("graph-summary")).toContainText("folded into");
  await graphDrawn(page);
  await page.screenshot({ path: "test-results/network-graph-payments.png", fullPage: true });

  // a click on a folded namespace draws its workloads; a double-click on a workload focuses it
  const folded = await nodePoint(page, "ns:shop-backend");
  await page.mouse.click(folded.x, folded.y);
  await expect(page).toHaveURL(/expand=shop-backend/);
  await expect(g).toHaveAttribute("data-node-ids", /w:shop-backend\/Deployment\/orders/);
  await graphDrawn(page);
  const api = await nodePoint(page, "w:payments/Deployment/payments-api");
  await page.mouse.dblclick(api.x, api.y);
  await expect(page).toHaveURL(/workload=Deployment%2Fpayments-api/);
  await expect(g).toHaveAttribute("data-highlighted", "w:payments/Deployment/payments-api");

  await page.getByLabel("Focus namespace").selectOption("payments");
  await expect(g).toHaveAttribute("data-focus", "payments");

  // only what reaches payments
  await page.getByTestId("toggle-egress").click();
  await expect(page).toHaveURL(/direction=ingress/);
  await expect(g).not.toHaveAttribute("data-node-ids", /ns:kube-system/);

  // a selected workload: its guards and the policies behind them, each openable
  await page.goto("/c/demo/network?namespace=payments&node=w:payments/StatefulSet/payments-db");
  const panel = page.getByTestId("node-panel");
  await expect(panel).toContainText("Ingress isolated");
  await expect(panel.getByTestId("policy-chip").filter({ hasText: "payments/payments-db-ingress" })).toBeVisible();
  await expect(panel.getByTestId("node-connections")).toContainText("payments/payments-api");
  await panel.getByTestId("policy-chip").filter({ hasText: "payments/default-deny-all" }).first().click();
  await expect(page.getByTestId("policy-panel").getByTestId("policy-ingress")).toContainText("No rule");
  await page.getByRole("button", { name: "Close policy" }).click();

  // a folded namespace expands into its workloads (the URL keeps it)
  await page.goto("/c/demo/network?namespace=payments&expand=shop-backend&direction=ingress");
  await expect(g).toHaveAttribute("data-node-ids", /w:shop-backend\/Deployment\/orders/);
  await graphDrawn(page);
  await page.screenshot({ path: "test-results/network-graph-expanded.png", fullPage: true });
});

test("the namespace matrix opens a pair in the graph", async ({ page }) => {
  await page.goto("/c/demo/network?tab=matrix");
  const cell = page.locator('[data-testid=matrix-cell][data-from="shop-backend"][data-to="payments"]');
  await expect(cell).toBeEnabled();
  await expect(page.locator('[data-testid=matrix-cell][data-from="payments"][data-to="data"]')).toBeDisabled();
  await page.screenshot({ path: "test-results/network-matrix.png", fullPage: true });
  await cell.click();
  await expect(page).toHaveURL(/tab=graph.*namespace=shop-backend.*expand=payments.*only=payments/);
  const g = page.getByTestId("network-graph");
  await expect(g).toHaveAttribute("data-node-ids", /w:payments\/Deployment\/payments-api/);
  await expect(g).not.toHaveAttribute("data-node-ids", /ns:data/);
});

test("links from network findings open the view that answers them; ipBlock semantics are shown and switchable", async ({ page }) => {
  await page.goto("/c/demo/network?namespace=payments&policy=NetworkPolicy/payments/payments-worker-egress");
  await expect(page.getByRole("tab", { name: "Policies", exact: true })).toHaveAttribute("aria-selected", "true");
  const panel = page.getByTestId("policy-panel");
  await expect(panel).toContainText("selects no pod");
  await expect(panel).toContainText("paymnets-worker");

  await page.goto("/c/demo/network?namespace=data&workload=Deployment/reports&mode=exposure");
  await expect(page.getByRole("tab", { name: "Exposure", exact: true })).toHaveAttribute("aria-selected", "true");

  await page.goto("/c/demo/network?tab=trace&from=data/jupyter&to=169.254.169.254&port=80");
  await expect(page.getByTestId("trace-verdict")).toHaveAttribute("data-allowed", "false");
  await expect(page.getByTestId("trace-egress")).toContainText("deny-cloud-metadata-egress");
  // the demo runs Calico: its semantics apply, detected from calico-node, and ipBlock matches pod IPs as Calico does
  await expect(page.getByTestId("network-semantics")).toHaveAttribute("data-cni", "calico");
  await expect(page.getByTestId("cni-why")).toContainText("DaemonSet kube-system/calico-node");
  const semantics = page.getByTestId("ipblock-semantics");
  await expect(semantics).toHaveAttribute("data-value", "cni");
  await expect(page.getByText("ipBlock rules are taken to match pod IPs too (as Calico does)")).toBeVisible();
  await semantics.getByRole("radio", { name: /outside only/ }).click();
  await expect(page).toHaveURL(/ipblock=outside/);
  await expect(page.getByText("ipBlock rules are taken to match pod IPs too")).toBeHidden();
});

test("a flow that cannot be resolved says what was not found, without breaking the page", async ({ page }) => {
  await page.goto("/c/demo/network?tab=trace&from=shop-backend/nope&to=payments/payments-db&port=5432");
  await expect(page.getByRole("alert").filter({ hasText: "could not be traced" })).toContainText('no pod or workload named "shop-backend/nope"');
  await expect(page.getByLabel("From", { exact: true })).toHaveValue("shop-backend/nope");
});

test("a live source with unreadable RBAC still shows its network, and says what exposure cannot vouch for", async ({ page }) => {
  await page.goto("/c/ctx-e2e-restricted/network");
  await expect(page.getByTestId("network-graph")).toHaveAttribute("data-level", "groups");
  await page.getByTestId("tab-exposure").click();
  await expect(page.getByTestId("network-gaps")).toContainText("RBAC objects could not be read");
  await expect(page.getByTestId("attack-paths")).toBeVisible();
  await page.screenshot({ path: "test-results/network-partial.png", fullPage: true });
});

test("the network API answers the story's flows as the CLI does", async ({ request }) => {
  const cases: [string, string, number, boolean][] = [
    ["shop-backend/orders", "payments/payments-api", 8080, true],
    ["payments/payments-api", "payments/payments-db", 5432, true],
    ["payments/payments-worker", "payments/payments-db", 5432, false],
    ["shop-frontend/storefront-bff", "shop-backend/catalog", 9090, false],
    ["monitoring/prometheus-k8s", "payments/payments-api", 9090, true],
    ["monitoring/prometheus-k8s", "cert-manager/cert-manager", 9402, false],
    ["ingress-nginx/ingress-nginx-controller", "data/reports", 3000, true],
    ["ci/gitlab-runner", "data/reports", 3000, false],
    ["data/jupyter", "169.254.169.254", 80, false],
  ];
  for (const [from, to, port, allowed] of cases) {
    const res = await request.get(`/api/c/demo/network/trace?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&port=${port}`);
    expect(res.ok(), `${from} -> ${to}`).toBe(true);
    const body = await res.json();
    expect(body.answer.allowed, `${from} -> ${to}:${port}`).toBe(allowed);
  }
  const bad = await request.get("/api/c/demo/network/graph?hops=9");
  expect(bad.status()).toBe(400);
  const missing = await request.get("/api/c/demo/network/policy?id=NetworkPolicy/payments/nope");
  expect(missing.status()).toBe(404);
});
