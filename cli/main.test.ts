import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bufferIO } from "./io";
import { main } from "./main";

describe("clearance", () => {
  it("--version prints the package's version", async () => {
    const io = bufferIO();
    expect(await main(["--version"], io)).toBe(0);
    expect(io.stdout.join("")).toBe(JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version);
  });

  it("as the kubectl plugin, usage and help speak of `kubectl clearance`", async () => {
    const io = bufferIO();
    expect(await main(["--help"], io, "kubectl clearance")).toBe(0);
    expect(io.stdout.join("")).toMatch(/^Usage: kubectl clearance <command>/);
    const help = bufferIO();
    expect(await main(["who-can", "--help"], help, "kubectl clearance")).toBe(0);
    expect(help.stdout.join("")).toMatch(/^Usage: kubectl clearance who-can VERB/);
    expect(help.stdout.join("")).toMatch(/^ {7}kubectl clearance who-can VERB --non-resource-url/m);
    const bad = bufferIO();
    expect(await main(["nope"], bad, "kubectl clearance")).toBe(2);
    expect(bad.stderr.join("")).toMatch(/^kubectl clearance: unknown command "nope"/);
  });

  it("--kubeconfig reads that file instead of KUBECONFIG, as kubectl's flag does", async () => {
    const io = bufferIO({ KUBECONFIG: "/nonexistent/other" });
    expect(await main(["snapshot", "--kubeconfig", "/nonexistent/given"], io)).toBe(2);
    expect(io.stderr.join("")).toMatch(/\/nonexistent\/given/);
    expect(io.stderr.join("")).not.toMatch(/\/nonexistent\/other/);
  }, 60_000); // loads the live source's modules (client-node) on first use
});
