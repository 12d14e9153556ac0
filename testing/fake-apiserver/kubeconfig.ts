/** Kubeconfig files for tests: contexts pointing at fake API servers. */
import { writeFileSync } from "node:fs";
import { stringify } from "yaml";

export interface KubeconfigContext {
  name: string;
  server: string;
  /** Bearer token; omitted → no credentials. */
  token?: string;
  /** PEM of the server's CA (certificate-authority-data). */
  ca?: string;
  /** insecure-skip-tls-verify: true (needed for plain http servers). */
  insecure?: boolean;
  namespace?: string;
}

/** A kubeconfig with one cluster, user and context per entry, named after the context. */
export function kubeconfigYaml(contexts: KubeconfigContext[], currentContext: string | undefined = contexts[0]?.name): string {
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    ...(currentContext ? { "current-context": currentContext } : {}),
    clusters: contexts.map((c) => ({
      name: c.name,
      cluster: {
        server: c.server,
        ...(c.ca ? { "certificate-authority-data": Buffer.from(c.ca).toString("base64") } : {}),
        ...(c.insecure ? { "insecure-skip-tls-verify": true } : {}),
      },
    })),
    users: contexts.map((c) => ({ name: c.name, user: c.token ? { token: c.token } : {} })),
    contexts: contexts.map((c) => ({ name: c.name, context: { cluster: c.name, user: c.name, ...(c.namespace ? { namespace: c.namespace } : {}) } })),
  });
}

export function writeKubeconfig(file: string, contexts: KubeconfigContext[], currentContext?: string): string {
  writeFileSync(file, kubeconfigYaml(contexts, currentContext), { mode: 0o600 });
  return file;
}
