/**
 * Runs the fake API server from the command line (for the Playwright e2e and for measurements):
 *
 *   npx tsx testing/fake-apiserver/main.ts --port 0 --fixtures DIR --token T \
 *     [--forbid pods,roles] [--delay pods=2000] [--fail nodes=500] [--crds adminnetworkpolicies]
 *     [--not-installed routes] [--generate-pods N [--realistic]] [--context NAME] [--kubeconfig-out PATH] [--plain-http] [--no-gzip]
 *     [--hostile pods=gzip-bomb,roles=drip] [--hostile-objects]   (modes: testing/fake-apiserver/hostile.ts)
 *
 * Prints the server URL as the first line of stdout (then "kubeconfig PATH" when written) and runs
 * until SIGINT/SIGTERM.
 */
import { parseArgs } from "node:util";
import { HOSTILE_MODES, hostileObjects, type HostileMode } from "./hostile";
import { generatedPods, loadFixtureDir } from "./objects";
import { writeKubeconfig } from "./kubeconfig";
import { startFakeApiServer } from "./server";

const list = (v: string[] | undefined) => (v ?? []).flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean);

function pairs(v: string[] | undefined, flag: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of list(v)) {
    const [k, n] = p.split("=");
    if (!k || !Number.isFinite(Number(n))) throw new Error(`--${flag} expects resource=number, got "${p}"`);
    out[k] = Number(n);
  }
  return out;
}

function modes(v: string[] | undefined): Record<string, HostileMode> {
  const out: Record<string, HostileMode> = {};
  for (const p of list(v)) {
    const [k, m] = p.split("=");
    if (!k || !(HOSTILE_MODES as readonly string[]).includes(m)) throw new Error(`--hostile expects resource=${HOSTILE_MODES.join("|")}, got "${p}"`);
    out[k] = m as HostileMode;
  }
  return out;
}

async function run(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "0" },
      host: { type: "string", default: "127.0.0.1" },
      fixtures: { type: "string", multiple: true },
      token: { type: "string" },
      forbid: { type: "string", multiple: true },
      delay: { type: "string", multiple: true },
      fail: { type: "string", multiple: true },
      crds: { type: "string", multiple: true },
      "not-installed": { type: "string", multiple: true },
      "generate-pods": { type: "string" },
      realistic: { type: "boolean" },
      context: { type: "string", default: "fake" },
      "kubeconfig-out": { type: "string" },
      "plain-http": { type: "boolean" },
      "no-gzip": { type: "boolean" },
      hostile: { type: "string", multiple: true },
      "hostile-objects": { type: "boolean" },
    },
    strict: true,
  });
  const objects = (values.fixtures ?? []).flatMap((d) => loadFixtureDir(d));
  if (values["generate-pods"]) for (const o of generatedPods(Number(values["generate-pods"]), undefined, values.realistic)) objects.push(o);
  if (values["hostile-objects"]) objects.push(...hostileObjects());
  const server = await startFakeApiServer({
    objects,
    host: values.host,
    port: Number(values.port),
    token: values.token,
    forbid: list(values.forbid),
    delays: pairs(values.delay, "delay"),
    fail: pairs(values.fail, "fail"),
    crds: list(values.crds),
    notInstalled: list(values["not-installed"]),
    tls: !values["plain-http"],
    gzip: !values["no-gzip"],
    hostile: modes(values.hostile),
  });
  process.stdout.write(`${server.url}\n`);
  const out = values["kubeconfig-out"];
  if (out) {
    writeKubeconfig(out, [{ name: values.context, server: server.url, ...(server.ca ? { ca: server.ca } : { insecure: true }), ...(values.token ? { token: values.token } : {}) }]);
    process.stdout.write(`kubeconfig ${out}\n`);
  }
  process.stderr.write(`fake-apiserver: ${objects.length} objects; context "${values.context}"; Ctrl-C to stop\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

run().catch((e: Error) => {
  process.stderr.write(`fake-apiserver: ${e.message}\n`);
  process.exit(2);
});
