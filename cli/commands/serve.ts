/**
 * `clearance serve` — the dashboard from this install: the Next.js standalone server shipped in the
 * package (dist/server), or, in a checkout, `next start` on the last `npm run build`. Loopback by
 * default; another --host needs sign-in configured (the server's start-up check refuses otherwise,
 * as it does for every way of running the dashboard).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { oneOf, parse, UsageError } from "../args";
import { installRoot } from "../install";
import type { IO } from "../io";
import type { Command } from "./types";

const OPTIONS = {
  port: { type: "string", short: "p" },
  host: { type: "string" },
  open: { type: "boolean" },
} as const;

/**
 * How to start the dashboard found under `root`, or undefined when there is none: in a checkout
 * (a .next build next to node_modules/next) `next start` on the last build, so an edit and
 * `npm run build` are what serve shows; in the package, its standalone server.
 */
export function serverCommand(root: string): { args: string[]; cwd: string } | undefined {
  const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
  if (existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(next)) return { args: [next, "start"], cwd: root };
  const standalone = path.join(root, "dist", "server", "server.js");
  if (existsSync(standalone)) return { args: [standalone], cwd: path.dirname(standalone) };
  return undefined;
}

export interface ServeSettings {
  port: number;
  host: string;
  defaultSource?: string;
  snapshots?: string;
  kubeconfig?: string;
}

/** The dashboard's environment: where to listen, which source opens first, what it may read. */
export function serveEnv(s: ServeSettings, env: Readonly<Record<string, string | undefined>>, root: string): NodeJS.ProcessEnv {
  return {
    ...env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(s.port),
    HOSTNAME: s.host,
    CLEARANCE_ROOT: env.CLEARANCE_ROOT ?? root,
    ...(s.defaultSource ? { CLEARANCE_DEFAULT_SOURCE: s.defaultSource } : {}),
    ...(s.snapshots ? { CLEARANCE_SNAPSHOTS: s.snapshots } : {}),
    ...(s.kubeconfig ? { KUBECONFIG: s.kubeconfig } : {}),
  };
}

export function settingsFrom(values: { port?: string; host?: string; demo?: boolean; context?: string; snapshot?: string[]; kubeconfig?: string }): ServeSettings {
  const port = Number(values.port ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port must be a port number (got "${values.port}")`);
  const given = [values.snapshot?.length ? "--snapshot" : null, values.context ? "--context" : null, values.demo ? "--demo" : null].filter(Boolean);
  if (given.length > 1) throw new UsageError(`choose one source to open first: ${given.join(" or ")}`);
  const snapshots = values.snapshot?.map((p) => path.resolve(p));
  const defaultSource = values.demo ? "demo" : values.context ? `ctx-${values.context}` : snapshots ? `snap-${path.basename(snapshots[0]).replace(/[^A-Za-z0-9._-]/g, "-")}` : undefined;
  return { port, host: values.host ?? "127.0.0.1", defaultSource, snapshots: snapshots?.join(","), kubeconfig: values.kubeconfig };
}

/** The address to print and open: a wildcard address is reached on loopback, IPv6 goes in brackets. */
export function displayHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

function openBrowser(url: string): void {
  const [cmd, args] = process.platform === "darwin" ? ["open", [url]] : process.platform === "win32" ? ["cmd", ["/c", "start", "", url]] : ["xdg-open", [url]];
  spawn(cmd, args, { stdio: "ignore", detached: true }).on("error", () => {}).unref();
}

/**
 * Passes the server's output through line by line and calls `onReady` once, at its start-up line
 * (server/auth/startup.ts prints it once the socket listens).
 */
export function watchOutput(io: IO, onReady: () => void): (chunk: Buffer | string) => void {
  let pending = "";
  let ready = false;
  return (chunk) => {
    const lines = (pending + chunk.toString()).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      io.out(line);
      if (!ready && line.startsWith('{"type":"startup"')) {
        ready = true;
        onReady();
      }
    }
  };
}

export const serveCommand: Command = {
  name: "serve",
  help: `Usage: clearance serve [--port N] [--host H] [--open] [--demo | --context NAME | --snapshot PATH...] [--kubeconfig PATH]

Starts the dashboard from this install and prints its address. Every source stays selectable in the
header: the kubeconfig's contexts (live, read-only), the --snapshot directories, and the demo cluster.
  --port, -p N          port (default 3000)
  --host H              address to listen on (default 127.0.0.1). Without sign-in the dashboard answers
                        on loopback only and refuses to start elsewhere; to listen on another address
                        configure OpenID Connect sign-in first (CLEARANCE_AUTH=oidc, see deploy/README.md)
  --open                open the browser on it once it answers
  --demo                open on the bundled demo cluster
  --context NAME        open on this kubeconfig context
  --snapshot PATH       manifest file or directory to offer as a source (repeatable); opens on the first
  --kubeconfig PATH     the kubeconfig to read (default: KUBECONFIG, else ~/.kube/config)
Environment: CLEARANCE_DATA_DIR (scan history and accepted risks), CLEARANCE_METRICS_TOKEN (bearer token
for /metrics scrapers) and the sign-in settings in deploy/README.md are passed to the dashboard.`,
  async run(argv: string[], io: IO) {
    const { values } = parse(argv, OPTIONS);
    oneOf("output", values.output, ["text"], "text");
    const settings = settingsFrom(values);
    const root = io.env.CLEARANCE_ROOT ?? installRoot();
    const server = serverCommand(root);
    if (!server) throw new UsageError(`no dashboard build in ${root}: install the package (npm install -g clearance), or in a checkout run "npm run build" first`);
    const url = `http://${displayHost(settings.host)}:${settings.port}/`;
    // the standalone server reads PORT and HOSTNAME; next start takes them as arguments
    const child = spawn(process.execPath, [...server.args, ...(server.args[1] === "start" ? ["-H", settings.host, "-p", String(settings.port)] : [])], {
      cwd: server.cwd,
      env: serveEnv(settings, io.env, root),
      stdio: ["ignore", "pipe", "inherit"],
    });
    io.err(`Clearance ${settings.defaultSource ? `(${settings.defaultSource}) ` : ""}on ${url} — Ctrl-C to stop`);
    child.stdout.on("data", watchOutput(io, () => values.open && openBrowser(url)));
    const stop = (sig: NodeJS.Signals) => child.kill(sig);
    process.on("SIGINT", stop).on("SIGTERM", stop);
    return new Promise<number>((resolve) => child.on("exit", (code, signal) => resolve(signal ? 0 : (code ?? 1))));
  },
};
