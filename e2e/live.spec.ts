import https from "node:https";
import { expect, test } from "@playwright/test";
import { readLiveControl } from "./support/live-fixtures";

/** Changes an object on the stand-in API server behind the `e2e-live` context, as `kubectl apply` would. */
function fake(action: "apply" | "delete", object: unknown): Promise<void> {
  const c = readLiveControl();
  const body = JSON.stringify(object);
  return new Promise((resolve, reject) => {
    const req = https.request(`${c.url}/__fake/${action}`, { method: "POST", ca: c.ca, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`fake ${action}: HTTP ${res.statusCode}`))));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const role = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "break-glass" }, rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }] };
const binding = {
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "ClusterRoleBinding",
  metadata: { name: "mallory-break-glass" },
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "break-glass" },
  subjects: [{ kind: "User", name: "mallory@example.com", apiGroup: "rbac.authorization.k8s.io" }],
};

test("a live context follows the cluster: a risky ClusterRoleBinding created on the API server appears without a reload", async ({ page }) => {
  await page.goto("/c/ctx-e2e-live/findings?severity=critical");
  await expect(page.getByTestId("freshness")).toContainText("live · updated");
  const list = page.getByRole("list").first();
  await expect(page.getByTestId("findings-count")).toBeVisible();
  await expect(page.getByText("mallory@example.com")).toHaveCount(0);
  let reloaded = false;
  page.on("framenavigated", (f) => {
    if (f === page.mainFrame()) reloaded = true;
  });
  const t0 = Date.now();
  await fake("apply", role);
  await fake("apply", binding);
  try {
    await expect(page.getByText(/mallory@example\.com/).first()).toBeVisible({ timeout: 10_000 });
    console.log(`event-to-screen (stand-in API server → finding on the open page): ${Date.now() - t0} ms`);
    expect(reloaded).toBe(false);
    await expect(list).toContainText(/Cluster-admin equivalent|cluster-admin/i);
    await expect(page.getByTestId("freshness")).toContainText(/live · updated (now|\d+ s ago)/);
    await page.screenshot({ path: "test-results/live-finding.png" });
  } finally {
    await fake("delete", binding);
    await fake("delete", role);
  }
  await expect(page.getByText(/mallory@example\.com/)).toHaveCount(0, { timeout: 10_000 });
});
