/**
 * Exec credential plugins (kubeconfig `users[].user.exec`: aws eks get-token, gke-gcloud-auth-plugin,
 * kubelogin ...), run as client-go runs them: once per credential lifetime. A credential with
 * `status.expirationTimestamp` is kept until then; one without is kept until the API server answers
 * 401 (https://kubernetes.io/docs/reference/access-authn-authz/authentication/#input-and-output-formats).
 * Concurrent requests share one run. client-node's own ExecAuth re-runs the plugin on every request
 * when the credential has no expiry, and once per concurrent request otherwise, hence this.
 * The plugin gets a deadline and its output is bounded.
 */
import { spawn } from "node:child_process";
import { z } from "zod";

export interface ExecSpec {
  command: string;
  args?: string[];
  env?: { name: string; value: string }[];
  apiVersion?: string;
}

const CredentialS = z.object({
  status: z
    .object({
      token: z.string().optional(),
      clientCertificateData: z.string().optional(),
      clientKeyData: z.string().optional(),
      expirationTimestamp: z.string().optional(),
    })
    .optional(),
});

interface Credential {
  token?: string;
  cert?: string;
  key?: string;
  /** Epoch ms; Infinity when the plugin gave no expiry (kept until a 401). */
  expires: number;
}

const MAX_OUTPUT = 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 60_000;

function run(spec: ExecSpec, timeoutMs: number): Promise<string> {
  const apiVersion = spec.apiVersion ?? "client.authentication.k8s.io/v1";
  const env: NodeJS.ProcessEnv = { ...process.env, KUBERNETES_EXEC_INFO: JSON.stringify({ apiVersion, kind: "ExecCredential", spec: { interactive: false } }) };
  for (const e of spec.env ?? []) env[e.name] = e.value;
  return new Promise((resolve, reject) => {
    const child = spawn(spec.command, spec.args ?? [], { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const fail = (why: string) => {
      child.kill("SIGKILL");
      reject(new Error(why));
    };
    const timer = setTimeout(() => fail(`${spec.command} did not finish within ${timeoutMs / 1000} s`), timeoutMs);
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      if (out.length > MAX_OUTPUT) fail(`${spec.command} wrote more than 1 MB`);
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      if (err.length < 4096) err += d;
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${spec.command} exited with ${code}${err.trim() ? `: ${err.trim().split("\n")[0]}` : ""}`));
    });
  });
}

function parse(out: string, command: string): Credential {
  let json: unknown;
  try {
    json = JSON.parse(out);
  } catch {
    throw new Error(`${command} did not print an ExecCredential (not JSON)`);
  }
  const r = CredentialS.safeParse(json);
  const st = r.success ? r.data.status : undefined;
  if (!st || (!st.token && !st.clientCertificateData)) throw new Error(`${command} printed an ExecCredential without a token or client certificate`);
  const expires = st.expirationTimestamp ? Date.parse(st.expirationTimestamp) : Number.POSITIVE_INFINITY;
  return { token: st.token, cert: st.clientCertificateData, key: st.clientKeyData, expires: Number.isNaN(expires) ? 0 : expires };
}

/** One user's exec plugin and the credential it last printed. */
export class ExecCredentials {
  private current?: Credential;
  private running?: Promise<Credential>;
  /** How many times the plugin ran (tests, diagnostics). */
  runs = 0;

  constructor(
    private readonly spec: ExecSpec,
    private readonly now: () => number = Date.now,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {}

  private async credential(): Promise<Credential> {
    if (this.current && this.current.expires > this.now()) return this.current;
    this.running ??= (async () => {
      this.runs++;
      try {
        return (this.current = parse(await run(this.spec, this.timeoutMs), this.spec.command));
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** Sets the bearer token or client certificate on request options `o`, running the plugin only when needed. */
  async apply(o: { headers?: unknown; cert?: unknown; key?: unknown }): Promise<void> {
    const c = await this.credential();
    if (c.token) o.headers = { ...(o.headers as Record<string, unknown>), Authorization: `Bearer ${c.token}` };
    if (c.cert) o.cert = c.cert;
    if (c.key) o.key = c.key;
  }

  /** The API server said 401: the next request runs the plugin again. */
  invalidate(): void {
    this.current = undefined;
  }
}
