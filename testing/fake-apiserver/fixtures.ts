/** Fixture objects for the fake API server: manifest files from a directory, or generated in bulk. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseManifests } from "../../lib/model/parse";

/** Every object in the YAML/JSON files under `dir` (recursively; List kinds expanded). Throws on bad files. */
export function loadFixtureDir(dir: string): unknown[] {
  const out: unknown[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ya?ml|json)$/i.test(name)) {
        const parsed = parseManifests(readFileSync(full, "utf8"));
        if (parsed.errors.length) throw new Error(`${full}: ${parsed.errors[0].message}`);
        out.push(...parsed.documents.map((doc) => doc.value));
      }
    }
  };
  walk(dir);
  return out;
}

/** `count` Pods of a Deployment-like app, spread over `namespaces` namespaces (`ns-0`, `ns-1`, ...), with the Namespaces. */
export function generatedPods(count: number, namespaces = Math.max(1, Math.ceil(count / 10))): unknown[] {
  const out: unknown[] = [];
  for (let n = 0; n < namespaces; n++) out.push({ apiVersion: "v1", kind: "Namespace", metadata: { name: `ns-${n}`, labels: { team: `team-${n % 7}` } } });
  for (let i = 0; i < count; i++) {
    const ns = `ns-${i % namespaces}`;
    out.push({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: `app-${i}`, namespace: ns, uid: `uid-${i}`, labels: { app: `app-${i % 13}`, tier: i % 2 ? "web" : "api" } },
      spec: {
        serviceAccountName: "default",
        containers: [{ name: "main", image: `registry.example/app-${i % 13}:1.${i % 5}`, ports: [{ name: "http", containerPort: 8080 }], securityContext: { runAsNonRoot: true } }],
      },
      status: { phase: "Running", podIP: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
    });
  }
  return out;
}
