/** One call for tests: a fake API server plus a kubeconfig file and an environment pointing at it. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startFakeApiServer, type FakeApiServer, type FakeApiServerOptions } from "./server";

export interface FakeCluster {
  server: FakeApiServer;
  /** Temp dir holding `kubeconfig`; also HOME, so ~/.kube/config is never read. */
  dir: string;
  kubeconfig: string;
  /** KUBECONFIG and HOME for the code under test. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export const FIXTURES_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), "fixtures");

export async function fakeCluster(opts: FakeApiServerOptions, context = "fake"): Promise<FakeCluster> {
  const server = await startFakeApiServer(opts);
  const dir = mkdtempSync(path.join(os.tmpdir(), "clearance-fake-"));
  const kubeconfig = path.join(dir, "kubeconfig");
  writeFileSync(kubeconfig, server.kubeconfig({ name: context }));
  return {
    server,
    dir,
    kubeconfig,
    env: { KUBECONFIG: kubeconfig, HOME: dir },
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
