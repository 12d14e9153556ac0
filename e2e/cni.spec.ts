/**
 * The network explorer under the CNIs' own semantics (demo/STORY.md, "The CNI"): on the Cilium
 * variant of the demo a flow is blocked by a CiliumClusterwideNetworkPolicy deny rule, a flow to
 * the payment provider is incomplete (toFQDNs), and the platform team's AdminNetworkPolicies are
 * reported as not enforced; on the Calico demo a flow is passed down the security tier and then
 * decided by the teams' NetworkPolicies, and the CNI choice can be switched.
 */
import { expect, test } from "@playwright/test";

test("Cilium: a flow blocked by a clusterwide deny rule, the layer walk that decided it, and the policy in words", async ({ page }) => {
  await page.goto("/c/demo-cilium/network?tab=trace&from=shop-frontend/web&to=payments/payments-db&port=5432");
  await expect(page.getByTestId("network-semantics")).toHaveAttribute("data-cni", "cilium");
  await expect(page.getByTestId("cni-why")).toContainText("DaemonSet kube-system/cilium");
  await expect(page.getByTestId("trace-verdict")).toHaveAttribute("data-allowed", "false");
  const ingress = page.getByTestId("trace-ingress");
  await expect(ingress).toContainText("decided by a rule of the CNI's policies");
  const walk = ingress.getByTestId("layer-walk");
  await expect(walk.locator("[data-outcome=deny]")).toContainText("Cilium deny rules");
  await expect(walk.locator("[data-outcome=deny]")).toContainText("deny-storefront-to-data-stores");
  await expect(walk.locator("[data-outcome=deny]")).toContainText("spec.ingressDeny[0]");
  await expect(page.getByTestId("trace-cni")).toContainText("Semantics: Cilium");
  await page.screenshot({ path: "test-results/cni-cilium-deny.png", fullPage: true });

  await walk.getByTestId("policy-chip").first().click();
  const panel = page.getByTestId("policy-panel");
  await expect(panel).toContainText("CiliumClusterwideNetworkPolicy");
  await expect(panel).toContainText("acts in Cilium deny rules");
  await expect(panel).toContainText("deny rules win over every allow rule");
  await page.screenshot({ path: "test-results/cni-cilium-policy.png", fullPage: true });
});

test("Cilium: what the engine does not evaluate marks the answer incomplete, naming it", async ({ page }) => {
  await page.goto("/c/demo-cilium/network?tab=trace&from=payments/payments-worker&to=8.8.8.8&port=443");
  await expect(page.getByTestId("trace-incomplete")).toBeVisible();
  await expect(page.getByTestId("trace-incomplete-reasons")).toContainText("toFQDNs (api.stripe.com) are resolved by DNS at run time");
  await expect(page.getByTestId("network-incomplete")).toContainText("that Clearance does not evaluate");
  await page.screenshot({ path: "test-results/cni-cilium-incomplete.png", fullPage: true });

  await page.goto("/c/demo-cilium/findings?rule=NP13");
  await expect(page.getByText("1 AdminNetworkPolicy not enforced by Cilium")).toBeVisible();
});

test("Calico: a flow passed down the security tier, then decided by the teams' NetworkPolicies; the CNI can be switched", async ({ page }) => {
  await page.goto("/c/demo/network?tab=trace&from=shop-backend/orders&to=payments/payments-db&port=5432");
  await expect(page.getByTestId("network-semantics")).toHaveAttribute("data-cni", "calico");
  await expect(page.getByTestId("trace-verdict")).toHaveAttribute("data-allowed", "false");
  const egress = page.getByTestId("trace-egress");
  const pass = egress.getByTestId("layer-walk").locator("[data-outcome=pass]");
  await expect(pass).toContainText("Calico tier security (order 100)");
  await expect(pass).toContainText("security.block-threat-feed");
  const ingress = page.getByTestId("trace-ingress");
  await expect(ingress).toContainText("decided by NetworkPolicy");
  await expect(ingress.getByTestId("layer-walk").locator("[data-outcome=default-deny]")).toContainText("Calico tier default");
  await page.screenshot({ path: "test-results/cni-calico-pass.png", fullPage: true });

  // Kubernetes semantics alone: no tiers, the NetworkPolicy decides the same way
  await page.getByTestId("cni-select").selectOption("none");
  await expect(page).toHaveURL(/cni=none/);
  await expect(page.getByTestId("network-semantics")).toHaveAttribute("data-cni", "none");
  await expect(page.getByTestId("trace-verdict")).toHaveAttribute("data-allowed", "false");
  await expect(page.getByTestId("trace-egress").getByTestId("layer-walk")).toHaveCount(0);
});
