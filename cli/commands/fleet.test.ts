import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES_DIR, loadFixtureDir, startFakeApiServer, writeKubeconfig, type FakeApiServer } from "../../testing/fake-apiserver";
import { bufferIO } from "../io";
import { main } from "../main";
import type { FleetEntry } from "./fleet-output";

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe("clearance fleet", () => {
  let prod: FakeApiServer;
  let restricted: FakeApiServer;
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    const objects = loadFixtureDir(FIXTURES_DIR);
    prod = await startFakeApiServer({ objects, token: "t" });
    restricted = await startFakeApiServer({ objects, token: "t", forbid: ["rolebindings"] });
    dir = mkdtempSync(path.join(os.tmpdir(), "clearance-fleet-"));
    const kubeconfig = writeKubeconfig(path.join(dir, "kubeconfig"), [
      { name: "prod", server: prod.url, token: "t", ca: prod.ca },
      { name: "restricted", server: restricted.url, token: "t", ca: restricted.ca },
      { name: "gone", server: `https://127.0.0.1:${await closedPort()}`, token: "t", insecure: true },
    ]);
    env = { KUBECONFIG: kubeconfig, HOME: dir, CLEARANCE_LIVE_TIMEOUT_SECONDS: "5" };
  });
  afterAll(async () => {
    await Promise.all([prod.close(), restricted.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("JSON: one entry per cluster with its context and score; an unreadable cluster with its error, exit 2", async () => {
    const io = bufferIO(env);
    expect(await main(["fleet", "--all-contexts", "-o", "json"], io)).toBe(2);
    const entries = JSON.parse(io.stdout.join("")) as FleetEntry[];
    expect(entries.map((e) => [e.context, e.status])).toEqual([
      ["prod", "ok"],
      ["restricted", "partial"],
      ["gone", "error"],
    ]);
    expect(entries[0]).toMatchObject({ score: expect.any(Number), grade: expect.any(String), lastRead: expect.any(String), error: null, server: prod.url });
    expect(entries[1].unreadable).toEqual(["rolebindings"]);
    expect(entries[2]).toMatchObject({ score: null, error: { code: "cluster_unreachable", message: expect.stringMatching(/ECONNREFUSED|refused/) } });
    expect(io.stderr.join("\n")).toMatch(/error: gone: cannot reach/);
  });

  it("--contexts picks clusters; readable ones exit 0, --fail-on turns findings into exit 1", async () => {
    expect(await main(["fleet", "--contexts", "prod", "-o", "json"], bufferIO(env))).toBe(0);
    expect(await main(["fleet", "--contexts", "prod,restricted", "--partial-ok"], bufferIO(env))).toBe(0);
    expect(await main(["fleet", "--contexts", "prod", "--fail-on", "info"], bufferIO(env))).toBe(1);
    const io = bufferIO(env);
    expect(await main(["fleet", "--contexts", "nope"], io)).toBe(2);
    expect(io.stdout.join("")).toMatch(/nope.*error: .*no context "nope"/);
  });

  it("table and Markdown name each cluster and the rules across clusters", async () => {
    const table = bufferIO(env);
    await main(["fleet", "--contexts", "prod,restricted", "--partial-ok"], table);
    const text = table.stdout.join("\n");
    expect(text).toMatch(/^CLUSTER\s+SCORE\s+TREND\s+CRITICAL/);
    expect(text).toMatch(/restricted .*partial: rolebindings unreadable/);
    expect(text).toMatch(/Rules across clusters:\n {2}\S+ \((critical|high|medium|low|info)\) in [12] of 2 clusters/);
    const md = bufferIO(env);
    await main(["fleet", "--contexts", "prod", "-o", "markdown"], md);
    expect(md.stdout.join("\n")).toMatch(/^\| Cluster \| Score \|/);
    expect(md.stdout.join("\n")).toContain("| prod |");
  });

  it("refuses single-source options and both context selectors", async () => {
    for (const argv of [["--demo"], ["--contexts", "a", "--all-contexts"], ["--snapshot", "x"], ["-o", "sarif"]]) {
      const io = bufferIO(env);
      expect(await main(["fleet", ...argv], io)).toBe(2);
      expect(io.stderr.join("")).toMatch(/^clearance fleet: /);
    }
  });
});
