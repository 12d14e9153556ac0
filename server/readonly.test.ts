/**
 * Clearance only reads: the live source sends GET and nothing else, and never asks for Secrets.
 * Proved twice: by watching every request of a full live snapshot against the fake API server, and by
 * reading the source so that no code path can build another kind of request.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GATEKEEPER_CONSTRAINTS_GROUP, KINDS } from "../lib/model";
import { fakeCluster, FIXTURES_DIR, generatedPods, loadFixtureDir, type FakeCluster } from "../testing/fake-apiserver";
import { loadLive } from "./sources/live";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const API_CLIENT = "server/sources/api-client.ts";

describe("a full live snapshot", () => {
  let c: FakeCluster;
  beforeAll(async () => {
    const secrets = Array.from({ length: 5 }, (_, i) => ({ apiVersion: "v1", kind: "Secret", metadata: { name: `s${i}`, namespace: "shop" }, data: { k: "dg==" } }));
    c = await fakeCluster({ objects: [...loadFixtureDir(FIXTURES_DIR), ...generatedPods(40, 4), ...secrets], token: "tok", forbid: ["nodes"] });
    const s = await loadLive("fake", { env: c.env, pageSize: 7 });
    expect(s.pods.length).toBe(43); // the snapshot really was read, in pages
  });
  afterAll(() => c.close());

  it("sent only GET requests", () => {
    expect(c.server.requests.length).toBeGreaterThan(KINDS.length);
    expect(c.server.requests.filter((r) => r.method !== "GET")).toEqual([]);
    expect(c.server.requests.filter((r) => r.headers["x-http-method-override"] !== undefined)).toEqual([]);
  });

  it("never asked for Secrets, though the server holds some", () => {
    const touching = c.server.requests.filter((r) => /secret/i.test(r.path) || Object.values(r.query).some((v) => /secret/i.test(v)));
    expect(touching).toEqual([]);
    expect(KINDS.some((k) => k.resource === "secrets" || k.kind === "Secret")).toBe(false);
  });

  it("asked only for /version and the collections of KINDS and Gatekeeper constraints", () => {
    const expected = new Set(["/version", ...KINDS.map((k) => (k.group ? `/apis/${k.group}/${k.version}/${k.resource}` : `/api/${k.version}/${k.resource}`))]);
    const unexpected = c.server.requests.map((r) => r.path).filter((p) => !expected.has(p) && !p.startsWith(`/apis/${GATEKEEPER_CONSTRAINTS_GROUP}/v1beta1/`));
    expect(unexpected).toEqual([]);
  });
});

/** Source text without comments (strings are kept, so `"https://..."` does not start a comment). */
function code(file: string): string {
  return readFileSync(path.join(ROOT, file), "utf8").replace(/("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (m, str: string | undefined) => str ?? "");
}

function sources(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return name === "node_modules" || name.startsWith(".") ? [] : sources(rel);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [rel] : [];
  });
}

describe("no code path can send anything but GET to an API server", () => {
  const serverSide = ["server", "cli", "lib"].flatMap(sources);
  const everything = [...serverSide, ...["app", "components"].flatMap(sources)];

  it("finds the code it checks", () => {
    expect(serverSide).toContain(API_CLIENT);
    expect(serverSide).toContain("server/sources/live.ts");
    expect(serverSide.length).toBeGreaterThan(20);
  });

  it("uses client-node only for KubeConfig (no typed API classes, no makeApiClient, watch or exec)", () => {
    const allowed = new Set(["KubeConfig", "Cluster", "Context", "User", "ConfigOptions"]);
    const problems: string[] = [];
    for (const f of everything) {
      const text = code(f);
      if (/\b(makeApiClient|KubernetesObjectApi|[A-Z]\w*V\d\w*Api|ListWatch|makeInformer|PortForward)\b/.test(text)) problems.push(`${f}: uses a client-node API class or helper`);
      const mentions = text.match(/["']@kubernetes\/client-node[^"']*["']/g) ?? [];
      const imports = [...text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+["']@kubernetes\/client-node["']/g)];
      if (mentions.length !== imports.length) problems.push(`${f}: imports client-node other than by name (namespace, default, dynamic, require or deep import)`);
      for (const m of imports) {
        for (const name of m[2].split(",").map((n) => n.trim().replace(/^type\s+/, "").split(/\s+as\s+/)[0]).filter(Boolean)) {
          if (!allowed.has(name)) problems.push(`${f}: imports ${name} from client-node`);
        }
      }
      if (mentions.length && !["server/sources/kubeconfig.ts", API_CLIENT].includes(f)) problems.push(`${f}: only kubeconfig.ts and api-client.ts may use client-node`);
    }
    expect(problems).toEqual([]);
  });

  it("opens network connections only in api-client.ts (and, to the sign-in provider, server/auth/provider.ts)", () => {
    const patterns = [
      /\bfetch\s*\(/,
      /\b(http|https|http2)\.(request|get)\s*\(/,
      /from\s+["'](node:)?(http|https|http2|tls)["']/,
      /from\s+["'](undici|node-fetch|axios|got|ws|isomorphic-ws)["']/,
      /require\s*\(\s*["'](node:)?(http|https|http2|tls|net)["']/,
      /\b(net|tls)\.(connect|createConnection)\b|\bnew\s+(net\.)?Socket\s*\(|\bXMLHttpRequest\b|\bnew\s+WebSocket\b/,
    ];
    // The OpenID Connect provider is not an API server: provider.ts re-checks sessions and revokes tokens
    // there, with fetch, at endpoints named by the issuer's discovery document only.
    const OIDC_PROVIDER = "server/auth/provider.ts";
    const problems = serverSide.filter((f) => f !== API_CLIENT && f !== OIDC_PROVIDER).flatMap((f) => patterns.filter((p) => p.test(code(f))).map((p) => `${f}: ${p}`));
    expect(problems).toEqual([]);
    expect(code(OIDC_PROVIDER)).not.toMatch(/@kubernetes|api-client|kubeconfig/);
  });

  it("builds its one request with method GET, and has no way to choose another", () => {
    const text = code(API_CLIENT);
    const methods = [...text.matchAll(/\bmethod\b\s*(:\s*[^,}\s]+)?/g)].map((m) => m[0].replace(/\s+/g, ""));
    expect(methods).toEqual(['method:"GET"']);
    const requests = [...text.matchAll(/\.(request|get)\s*\(/g)].map((m) => text.slice(m.index, m.index + 60));
    const transport = requests.filter((r) => r.startsWith(".request("));
    expect(transport).toHaveLength(1);
    expect(text).toMatch(/transport\.request\(url, \{ method: "GET",/);
    expect(text).not.toMatch(/\.(write|setHeader)\s*\(/); // no request body, no header set after the fact
    expect(text).not.toMatch(/["'](POST|PUT|PATCH|DELETE)["']/i);
  });
});
