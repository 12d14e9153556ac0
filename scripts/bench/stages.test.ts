import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadPlugins } from "./stages";

describe("loadPlugins", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "bench-plugins-"));
  mkdirSync(path.join(root, "lib"));
  const write = (name: string, text: string) => writeFileSync(path.join(root, "lib", name), text);
  write("good.mjs", `export const benchStages = [{ name: "x: a", area: "rbac", budget: "rbac", run() {} }, { nope: 1 }];`);
  write("wip.mjs", `export function runSomething() {}`);
  write("broken.mjs", `throw new Error("kaboom");`);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("imports the modules that exist, keeps their stages and reports what is wrong", async () => {
    const loads = await loadPlugins(root, ["lib/good.mjs", "lib/missing.mjs", "lib/wip.mjs", "lib/broken.mjs"]);
    expect(loads.map((l) => l.module)).toEqual(["lib/good.mjs", "lib/wip.mjs", "lib/broken.mjs"]);
    expect(loads[0].stages.map((s) => s.name)).toEqual(["x: a"]);
    expect(loads[0].error).toMatch(/1 entries are not stages/);
    expect(loads[1].error).toMatch(/does not export benchStages/);
    expect(loads[2].error).toMatch(/cannot import: .*kaboom/);
  });
});
