/**
 * Least privilege from what was used (demo/STORY.md, "Three weeks of audit log"): a reviewer opens
 * the CI account, sees that its cluster-admin went unused over the window the audit log covers, opens
 * the right-sized roles, reads what the ClusterRoleBinding would lose, exports the YAML, then opens
 * it as a what-if draft: the summary lists the grants the account loses, that nothing the log shows
 * as used stops working, and the draft exports as YAML that deletes the old binding.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { parseAllDocuments } from "yaml";

const WINDOW = "the 21 days covered by the audit log (2026-10-11 → 2026-11-01)";

test("ci/deployer: cluster-admin unused over the window, the right-sized roles, what would be lost, the YAML", async ({ page }) => {
  // The server reads the demo's 115,000 events in the background on first use: seconds on an idle
  // machine, minutes on a loaded CI runner.
  test.setTimeout(300_000);
  // 1. The Unused view, worst first, says what "unused" means.
  await page.goto("/c/demo/rbac?tab=unused");
  await expect(page.getByTestId("audit-window")).toContainText(`Used and unused mean: in ${WINDOW}.`, { timeout: 180_000 });
  await expect(page.getByTestId("audit-window")).toContainText("1 bad line skipped");
  const item = page.getByTestId("unused-item").filter({ hasText: 'ServiceAccount "ci/deployer" is cluster-admin equivalent cluster-wide, unused in the 21 days the audit log covers' });
  await expect(item).toContainText("critical");
  await page.screenshot({ path: "test-results/audit-unused.png", fullPage: true });

  // 2. Open the account: its use beside its detail, the cluster-admin marked unused.
  await item.getByRole("button").first().click();
  await expect(page).toHaveURL(/focus=subject%3AServiceAccount%2Fci%2Fdeployer/);
  const usage = page.getByTestId("subject-usage");
  await expect(usage).toContainText(WINDOW);
  await expect(page.getByTestId("subject-usage-summary")).toContainText("allowed requests, the last on 2026-10-31");
  await expect(usage.getByTestId("unused-risks").locator('[data-rule="R01"]')).toContainText("Cluster-admin equivalent — is cluster-admin equivalent cluster-wide: unused");
  await expect(usage.getByTestId("usage-bindings")).toContainText('ClusterRoleBinding "ci-deployer-admin" of ClusterRole "cluster-admin"');
  // The permissions grid marks each granted cell used or unused over the same window.
  const grid = page.getByTestId("permissions-grid");
  await expect(grid.getByTestId("grid-usage-legend")).toContainText(`granted but unused, in ${WINDOW}`);
  await expect(grid.locator('[data-used="1"]').first()).toBeVisible();
  await expect(grid.locator('[data-used="0"]').first()).toBeVisible();
  await page.screenshot({ path: "test-results/audit-subject.png", fullPage: true });

  // 3. The suggestion: checked by the evaluator, and what today's binding would lose.
  await usage.getByTestId("open-suggestion").click();
  await expect(page).toHaveURL(/suggest=1/);
  const suggestion = page.getByTestId("suggestion");
  await expect(page.getByTestId("suggestion-check")).toContainText("Checked by the evaluator");
  const change = suggestion.getByTestId("binding-change").filter({ hasText: 'ClusterRoleBinding "ci-deployer-admin" of ClusterRole "cluster-admin"' });
  await expect(change).toContainText("delete the binding");
  await expect(change.getByTestId("lost-risks")).toContainText("Cluster-admin equivalent");
  await expect(change).toContainText("keeps only what was used");
  await expect(page.getByTestId("suggestion-yaml")).toContainText("kind: RoleBinding");
  await suggestion.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/audit-suggestion.png", fullPage: true });

  // 4. Export: the YAML is plain Kubernetes objects for ci/deployer, without a wildcard or cluster-admin.
  const [download] = await Promise.all([page.waitForEvent("download"), suggestion.getByTestId("export-yaml").click()]);
  expect(download.suggestedFilename()).toBe("serviceaccount-ci-deployer-right-sized.yaml");
  const text = readFileSync(await download.path(), "utf8");
  const docs = parseAllDocuments(text).map((d) => d.toJS() as { kind: string; metadata: { name: string; namespace?: string }; rules?: { verbs: string[]; resources?: string[] }[]; subjects?: { kind: string; name: string; namespace?: string }[]; roleRef?: { name: string } });
  expect(docs.length).toBeGreaterThan(2);
  expect(new Set(docs.map((d) => d.kind))).toEqual(new Set(["Role", "RoleBinding"]));
  for (const d of docs) {
    for (const r of d.rules ?? []) expect([...r.verbs, ...(r.resources ?? [])]).not.toContain("*");
    if (d.subjects) expect(d.subjects).toEqual([{ kind: "ServiceAccount", name: "deployer", namespace: "ci" }]);
    if (d.roleRef) expect(d.roleRef.name).not.toBe("cluster-admin");
  }
  expect(docs.map((d) => d.metadata.namespace)).toContain("shop-frontend");
  // It is also a draft: the binding it replaces is deleted by a directive kubectl reads as a comment.
  expect(text).toContain("# clearance: delete ClusterRoleBinding ci-deployer-admin");

  // 5. Open as draft: the summary says what the account loses and that nothing used is lost.
  await suggestion.getByTestId("open-draft").click();
  await expect(page).toHaveURL(/\/c\/demo~[A-Za-z0-9_-]{22}\/draft$/, { timeout: 60_000 });
  const summary = page.getByTestId("whatif-summary");
  await expect(summary.getByTestId("whatif-changes")).toContainText("delete ClusterRoleBinding ci-deployer-admin", { timeout: 120_000 });
  await expect(summary.getByTestId("whatif-changes")).toContainText("create RoleBinding shop-frontend/ci-deployer-used");
  const lost = summary.getByTestId("grants-lost").locator("li", { hasText: "ServiceAccount ci/deployer" }).first();
  await expect(lost).toContainText('cluster-wide — via ClusterRoleBinding "ci-deployer-admin" of ClusterRole "cluster-admin"');
  await expect(summary.getByTestId("whatif-used")).toContainText(`Nothing used in ${WINDOW} is lost`);
  await expect(summary.getByTestId("findings-fixed")).toContainText("cluster-admin");
  await page.screenshot({ path: "test-results/audit-draft.png", fullPage: true });
  const [exported] = await Promise.all([page.waitForEvent("download"), page.getByTestId("draft-export").click()]);
  const draftText = readFileSync((await exported.path())!, "utf8");
  expect(draftText).toContain("# Clearance draft: Right-sized roles for ServiceAccount ci/deployer");
  expect(draftText).toContain("# clearance: delete ClusterRoleBinding ci-deployer-admin");
});

test("the findings gain the unused-risky finding, which opens the right-sized roles", async ({ page }) => {
  await page.goto("/c/demo/findings?q=U01%20ci%2Fdeployer");
  const row = page.getByRole("listitem").filter({ hasText: "is cluster-admin equivalent cluster-wide, unused in the 21 days the audit log covers" }).first();
  await row.click();
  await expect(page.getByTestId("finding-evidence")).toContainText(WINDOW);
  await page.getByTestId("finding-focus-link").click();
  await expect(page).toHaveURL(/suggest=1/);
  await expect(page.getByTestId("suggestion-check")).toContainText("Checked by the evaluator");
});
