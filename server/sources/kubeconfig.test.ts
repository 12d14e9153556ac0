import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fakeCluster, kubeconfigYaml, type FakeCluster } from "../../testing/fake-apiserver";
import { apiClientFor, currentContextName, kubeconfigs, listContexts, loadKubeconfigs } from "./kubeconfig";

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), "clearance-kc-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const NO_SA = { serviceAccountDir: "/nonexistent-clearance-sa" };

describe("finding the kubeconfig", () => {
  it("says so clearly when there is none (never localhost:8080)", () => {
    const home = tempDir();
    const env = { HOME: home };
    expect(() => loadKubeconfigs(env, NO_SA)).toThrow(expect.objectContaining({ code: "no_kubeconfig", message: expect.stringContaining(path.join(home, ".kube", "config")) }));
    expect(() => loadKubeconfigs(env, NO_SA)).toThrow(/not running in a cluster/);
    expect(() => listContexts(env)).toThrow(expect.objectContaining({ code: "no_kubeconfig" }));
  });

  it("names the KUBECONFIG files when none exists, and does not fall back to ~/.kube/config", () => {
    const home = tempDir();
    mkdirSync(path.join(home, ".kube"));
    writeFileSync(path.join(home, ".kube", "config"), kubeconfigYaml([{ name: "home", server: "https://home.example" }]));
    const env = { HOME: home, KUBECONFIG: `${home}/a.yaml${path.delimiter}${home}/b.yaml` };
    expect(() => loadKubeconfigs(env, NO_SA)).toThrow(/KUBECONFIG lists .*a\.yaml, .*b\.yaml, none of which exists/);
  });

  it("reads ~/.kube/config when KUBECONFIG is unset", () => {
    const home = tempDir();
    mkdirSync(path.join(home, ".kube"));
    writeFileSync(path.join(home, ".kube", "config"), kubeconfigYaml([{ name: "home", server: "https://home.example", token: "x" }]));
    expect(loadKubeconfigs({ HOME: home }, NO_SA).list()).toEqual([{ name: "home", cluster: "home", server: "https://home.example", user: "home", current: true }]);
  });

  it("reports a file that is not a kubeconfig", () => {
    const d = tempDir();
    writeFileSync(path.join(d, "bad"), "");
    expect(() => loadKubeconfigs({ HOME: d, KUBECONFIG: path.join(d, "bad") }, NO_SA)).toThrow(expect.objectContaining({ code: "misconfigured", message: expect.stringMatching(/bad could not be read/) }));
  });
});

describe("KUBECONFIG with several files", () => {
  function twoFiles() {
    const d = tempDir();
    const a = path.join(d, "a.yaml");
    const b = path.join(d, "b.yaml");
    writeFileSync(a, kubeconfigYaml([{ name: "prod", server: "https://prod.example:6443", token: "prod-secret-token", namespace: "shop" }], "prod"));
    writeFileSync(
      b,
      kubeconfigYaml(
        [
          { name: "staging", server: "https://staging.example", token: "staging-secret-token" },
          { name: "prod", server: "https://evil.example", token: "other" },
        ],
        "staging",
      ),
    );
    return { HOME: d, KUBECONFIG: [a, path.join(d, "missing.yaml"), b].join(path.delimiter) };
  }

  it("merges them as kubectl does: first definition and first current-context win, missing files skipped", () => {
    const contexts = listContexts(twoFiles());
    expect(contexts).toEqual([
      { name: "prod", cluster: "prod", server: "https://prod.example:6443", user: "prod", namespace: "shop", current: true },
      { name: "staging", cluster: "staging", server: "https://staging.example", user: "staging", current: false },
    ]);
    expect(JSON.stringify(contexts)).not.toMatch(/secret-token/);
    expect(currentContextName(twoFiles())).toBe("prod");
  });

  it("gives one client per context, each talking to its own server", () => {
    const env = twoFiles();
    const prod = apiClientFor("prod", env);
    expect(prod.server).toBe("https://prod.example:6443");
    expect(apiClientFor("staging", env).server).toBe("https://staging.example");
    expect(apiClientFor("prod", env)).toBe(prod);
    expect(() => apiClientFor("nope", env)).toThrow(expect.objectContaining({ code: "unknown_context", message: expect.stringMatching(/known: prod, staging/) }));
  });

  it("re-reads the files when they change", async () => {
    const env = twoFiles();
    const first = kubeconfigs(env);
    expect(kubeconfigs(env)).toBe(first);
    const a = env.KUBECONFIG.split(path.delimiter)[0];
    await new Promise((r) => setTimeout(r, 20));
    writeFileSync(a, kubeconfigYaml([{ name: "prod", server: "https://prod2.example" }]));
    expect(apiClientFor("prod", env).server).toBe("https://prod2.example");
  });

  it("asks for --context when no current-context is set and there are several", () => {
    const d = tempDir();
    const f = path.join(d, "c.yaml");
    writeFileSync(f, kubeconfigYaml([{ name: "one", server: "https://1.example" }, { name: "two", server: "https://2.example" }], ""));
    expect(() => currentContextName({ HOME: d, KUBECONFIG: f })).toThrow(/sets no current-context\); pass --context NAME, one of: one, two/);
  });
});

describe("in-cluster", () => {
  let c: FakeCluster;
  beforeAll(async () => {
    c = await fakeCluster({ objects: [{ apiVersion: "v1", kind: "Namespace", metadata: { name: "clearance" } }], token: "sa-token" });
  });
  afterAll(() => c.close());

  it("uses the service account token, CA and namespace when there is no kubeconfig", async () => {
    const sa = tempDir();
    writeFileSync(path.join(sa, "token"), "sa-token");
    writeFileSync(path.join(sa, "ca.crt"), c.server.ca!);
    writeFileSync(path.join(sa, "namespace"), "clearance\n");
    const port = new URL(c.server.url).port;
    const env = { HOME: tempDir(), KUBERNETES_SERVICE_HOST: "127.0.0.1", KUBERNETES_SERVICE_PORT: port };
    const k = loadKubeconfigs(env, { serviceAccountDir: sa });
    expect(k.list()).toEqual([{ name: "in-cluster", cluster: "in-cluster", server: `https://127.0.0.1:${port}`, user: "in-cluster", namespace: "clearance", current: true }]);
    expect(await k.client("in-cluster").get("/api/v1/namespaces")).toMatchObject({ items: [{ metadata: { name: "clearance" } }] });
    expect(c.server.requests.at(-1)!.headers.authorization).toBe("Bearer sa-token");
  });

  it("is not used without KUBERNETES_SERVICE_HOST", () => {
    const sa = tempDir();
    writeFileSync(path.join(sa, "token"), "sa-token");
    expect(() => loadKubeconfigs({ HOME: tempDir() }, { serviceAccountDir: sa })).toThrow(expect.objectContaining({ code: "no_kubeconfig" }));
  });
});
