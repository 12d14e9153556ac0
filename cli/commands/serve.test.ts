import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bufferIO } from "../io";
import { main } from "../main";
import { displayHost, serveEnv, serverCommand, settingsFrom, watchOutput } from "./serve";

describe("clearance serve", () => {
  it("listens on loopback port 3000 unless told otherwise, and opens on the source it is given", () => {
    expect(settingsFrom({})).toEqual({ port: 3000, host: "127.0.0.1", defaultSource: undefined, snapshots: undefined, kubeconfig: undefined });
    expect(settingsFrom({ demo: true, port: "3350" })).toMatchObject({ port: 3350, defaultSource: "demo" });
    expect(settingsFrom({ context: "prod" }).defaultSource).toBe("ctx-prod");
    const s = settingsFrom({ snapshot: ["./my manifests", "b"] });
    expect(s.defaultSource).toBe("snap-my-manifests");
    expect(s.snapshots).toBe([path.resolve("./my manifests"), path.resolve("b")].join(","));
  });

  it("refuses a bad port and two sources to open on", () => {
    expect(() => settingsFrom({ port: "http" })).toThrow(/--port/);
    expect(() => settingsFrom({ port: "70000" })).toThrow(/--port/);
    expect(() => settingsFrom({ demo: true, context: "x" })).toThrow(/choose one source/);
  });

  it("hands the dashboard where to listen and what to read, keeping the rest of the environment (sign-in settings)", () => {
    const env = serveEnv({ port: 3350, host: "127.0.0.1", defaultSource: "demo", kubeconfig: "/k" }, { CLEARANCE_AUTH: "oidc", PATH: "/bin" }, "/opt/clearance");
    expect(env).toMatchObject({ PORT: "3350", HOSTNAME: "127.0.0.1", NODE_ENV: "production", CLEARANCE_ROOT: "/opt/clearance", CLEARANCE_DEFAULT_SOURCE: "demo", KUBECONFIG: "/k", CLEARANCE_AUTH: "oidc", PATH: "/bin" });
    expect(env).not.toHaveProperty("CLEARANCE_SNAPSHOTS");
  });

  it("prints an address a browser can open", () => {
    expect(displayHost("0.0.0.0")).toBe("127.0.0.1");
    expect(displayHost("::")).toBe("[::1]");
    expect(displayHost("::1")).toBe("[::1]");
    expect(displayHost("10.0.0.5")).toBe("10.0.0.5");
  });

  it("runs next start on a checkout's build, else the packaged standalone server, else says what to do", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "clearance-serve-"));
    expect(serverCommand(root)).toBeUndefined();
    const io = bufferIO({ CLEARANCE_ROOT: root });
    expect(await main(["serve"], io)).toBe(2);
    expect(io.stderr.join("")).toMatch(/no dashboard build in .*npm run build/);
    mkdirSync(path.join(root, "dist", "server"), { recursive: true });
    writeFileSync(path.join(root, "dist", "server", "server.js"), "");
    expect(serverCommand(root)).toEqual({ args: [path.join(root, "dist", "server", "server.js")], cwd: path.join(root, "dist", "server") });
    mkdirSync(path.join(root, ".next"));
    writeFileSync(path.join(root, ".next", "BUILD_ID"), "x");
    mkdirSync(path.join(root, "node_modules", "next", "dist", "bin"), { recursive: true });
    writeFileSync(path.join(root, "node_modules", "next", "dist", "bin", "next"), "");
    expect(serverCommand(root)).toEqual({ args: [path.join(root, "node_modules", "next", "dist", "bin", "next"), "start"], cwd: root });
  });
});

describe("clearance serve --open", () => {
  it("passes the server's lines through and fires once, at the start-up line, however the output is split", () => {
    const io = bufferIO();
    let ready = 0;
    const feed = watchOutput(io, () => ready++);
    feed("▲ Next.js\n{\"type\":\"sta");
    expect(ready).toBe(0);
    feed('rtup","listen":["127.0.0.1:3000"]}\n{"type":"startup"}\n');
    expect(ready).toBe(1);
    expect(io.stdout).toEqual(["▲ Next.js", '{"type":"startup","listen":["127.0.0.1:3000"]}', '{"type":"startup"}']);
  });
});
