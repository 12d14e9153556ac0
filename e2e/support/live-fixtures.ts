/**
 * Live contexts for the e2e: two stand-in API servers (HTTPS, bearer token, paginated lists) serving
 * the fake API server's small-cluster fixture. `e2e-restricted` refuses RBAC kinds (403), so the
 * dashboard must show the partial banner. Each context is written to its own kubeconfig file and the
 * two are merged through KUBECONFIG, as a user with several clusters would. Where to reach
 * `e2e-live` (URL, CA, token) is written to liveControlFile() so a spec can change its objects
 * while the dashboard watches it (POST /__fake/apply, the stand-in's test-only control route).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { FIXTURES_DIR, loadFixtureDir, startFakeApiServer, writeKubeconfig } from "../../testing/fake-apiserver";

export interface LiveControl {
  url: string;
  ca: string;
  token: string;
}

/** Per E2E_PORT, so parallel e2e runs on one machine do not read each other's. */
export const liveControlFile = () => path.join(tmpdir(), `clearance-e2e-live-${process.env.E2E_PORT ?? "3210"}.json`);

export function readLiveControl(): LiveControl {
  return JSON.parse(readFileSync(liveControlFile(), "utf8")) as LiveControl;
}

export async function startLiveFixtures(home: string): Promise<{ kubeconfig: string; close: () => Promise<void> }> {
  const objects = loadFixtureDir(FIXTURES_DIR);
  const token = "e2e-token";
  const live = await startFakeApiServer({ objects, token });
  const restricted = await startFakeApiServer({ objects, token, forbid: ["roles", "rolebindings", "clusterrolebindings"] });
  const a = writeKubeconfig(path.join(home, "kubeconfig-live"), [{ name: "e2e-live", server: live.url, token, ca: live.ca }]);
  writeFileSync(liveControlFile(), JSON.stringify({ url: live.url, ca: live.ca ?? "", token } satisfies LiveControl));
  const b = writeKubeconfig(path.join(home, "kubeconfig-restricted"), [{ name: "e2e-restricted", server: restricted.url, token, ca: restricted.ca }], "e2e-restricted");
  return {
    kubeconfig: `${a}${path.delimiter}${b}`,
    close: async () => {
      await Promise.all([live.close(), restricted.close()]);
    },
  };
}
