/**
 * The dashboard's thread while a hostile source loads: loads run in a worker (server/load), so a
 * hostile API server (or a huge manifest) never keeps this thread from answering other requests.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadInWorker } from "../../server/load/pool";
import { fakeCluster, FIXTURES_DIR, loadFixtureDir } from "../fake-apiserver";

let server: http.Server;
let url = "";

beforeAll(async () => {
  server = http.createServer((_, res) => res.end("ok"));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

/** Asks this thread's server every 50 ms until `load` settles; the slowest answer, in ms. */
async function slowestAnswerWhile(load: Promise<unknown>): Promise<{ worst: number; asked: number }> {
  let done = false;
  void load.then(
    () => (done = true),
    () => (done = true),
  );
  let worst = 0;
  let asked = 0;
  while (!done) {
    const t = performance.now();
    await (await fetch(url)).text();
    worst = Math.max(worst, performance.now() - t);
    asked++;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { worst, asked };
}

it("a hostile API server (a byte a second) keeps a load going while this thread answers within 1 s, and a cancel ends it", async () => {
  const c = await fakeCluster({ objects: loadFixtureDir(FIXTURES_DIR), token: "tok", hostile: { pods: "drip" } });
  const saved = Object.fromEntries(Object.keys(c.env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, c.env); // the worker reads the kubeconfig from the environment it starts with
  try {
    const cancel = new AbortController();
    const load = loadInWorker({ type: "live", context: "fake" }, { signal: cancel.signal });
    setTimeout(() => cancel.abort(), 4000);
    const { worst, asked } = await slowestAnswerWhile(load);
    await expect(load).rejects.toMatchObject({ code: "cancelled" });
    expect(asked).toBeGreaterThan(20);
    expect(worst).toBeLessThan(1000);
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await c.close();
  }
}, 60_000);
