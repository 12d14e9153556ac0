import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { listSources } from "./registry";

describe("listSources", () => {
  const saved = { KUBECONFIG: process.env.KUBECONFIG, HOME: process.env.HOME };
  const dirs: string[] = [];
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  function home(): string {
    const d = mkdtempSync(path.join(os.tmpdir(), "clearance-registry-"));
    dirs.push(d);
    return d;
  }

  it("lists the demo quietly when there is no kubeconfig", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    process.env.HOME = home();
    delete process.env.KUBECONFIG;
    expect((await listSources()).map((s) => s.id)).toContain("demo");
    expect(log).not.toHaveBeenCalled();
  });

  it("logs a kubeconfig it cannot read, once, and still lists the demos", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const d = home();
    writeFileSync(path.join(d, "broken"), "clusters: [\n");
    process.env.HOME = d;
    process.env.KUBECONFIG = path.join(d, "broken");
    expect((await listSources()).map((s) => s.id)).toEqual(["demo", "demo-cilium"]);
    await listSources();
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0][0])).toMatch(/contexts are not listed: kubeconfig .*broken could not be read/);
  });
});
