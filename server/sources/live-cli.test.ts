import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../cli/main";
import { bufferIO } from "../../cli/io";
import { fakeCluster, FIXTURES_DIR, loadFixtureDir, type FakeCluster } from "../../testing/fake-apiserver";

describe("clearance snapshot --context (live)", () => {
  let c: FakeCluster;
  beforeAll(async () => {
    c = await fakeCluster({ objects: loadFixtureDir(FIXTURES_DIR), token: "tok" }, "kind-dev");
  });
  afterAll(() => c.close());

  it("prints what the API server holds", async () => {
    const io = bufferIO(c.env);
    expect(await main(["snapshot", "--context", "kind-dev", "--output", "json"], io)).toBe(0);
    const out = JSON.parse(io.stdout.join(""));
    expect(out.source).toMatchObject({ type: "live", context: "kind-dev", server: c.server.url });
    expect(out.counts).toMatchObject({ pods: 3, namespaces: 2, constraints: 1, clusterRoleBindings: 1 });
    expect(out.partial).toBe(false);
  });

  it("uses the kubeconfig's current context by default", async () => {
    const io = bufferIO(c.env);
    expect(await main(["snapshot"], io)).toBe(0);
    expect(io.stdout.join("\n")).toMatch(/kind-dev \(live\)/);
  });

  it("exits 2 and names the forbidden kinds when the snapshot is partial (0 with --partial-ok)", async () => {
    c.server.config.forbid = ["pods"];
    try {
      const io = bufferIO(c.env);
      expect(await main(["snapshot", "--context", "kind-dev", "-o", "json"], io)).toBe(2);
      expect(JSON.parse(io.stdout.join("")).unavailable).toEqual([expect.objectContaining({ resource: "pods", state: "forbidden" })]);
      expect(io.stderr.join("\n")).toMatch(/pods could not be read \(forbidden/);
      expect(await main(["snapshot", "--context", "kind-dev", "--partial-ok"], bufferIO(c.env))).toBe(0);
    } finally {
      c.server.config.forbid = [];
    }
  });

  it("explains an unknown context and a missing kubeconfig on stderr with exit code 2", async () => {
    const io = bufferIO(c.env);
    expect(await main(["snapshot", "--context", "nope"], io)).toBe(2);
    expect(io.stderr.join("\n")).toMatch(/no context "nope".*known: kind-dev/);

    const empty = mkdtempSync(path.join(os.tmpdir(), "clearance-cli-"));
    try {
      const none = bufferIO({ HOME: empty });
      expect(await main(["snapshot"], none)).toBe(2);
      expect(none.stderr.join("\n")).toMatch(/no kubeconfig found/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("exits 3 when the cluster refuses the credentials, 4 when the kubeconfig cannot be read (lib/errors.ts)", async () => {
    c.server.config.token = "rotated";
    try {
      const io = bufferIO(c.env);
      expect(await main(["snapshot", "--context", "kind-dev"], io)).toBe(3);
      expect(io.stderr.join("\n")).toMatch(/rejected the credentials of context "kind-dev"/);
    } finally {
      c.server.config.token = "tok";
    }
    const d = mkdtempSync(path.join(os.tmpdir(), "clearance-cli-"));
    try {
      writeFileSync(path.join(d, "broken"), "");
      const io = bufferIO({ HOME: d, KUBECONFIG: path.join(d, "broken") });
      expect(await main(["snapshot"], io)).toBe(4);
      expect(io.stderr.join("\n")).toMatch(/broken could not be read/);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
