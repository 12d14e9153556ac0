/**
 * Argument parsing for `clearance`: node's parseArgs with the options every subcommand shares.
 * Bad usage throws a UsageError (exit code 2, one line on stderr).
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

export class UsageError extends Error {}

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

export const COMMON_OPTIONS = {
  snapshot: { type: "string", multiple: true },
  context: { type: "string" },
  kubeconfig: { type: "string" },
  demo: { type: "boolean" },
  "demo-variant": { type: "string" },
  output: { type: "string", short: "o" },
  "partial-ok": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies OptionSpec;

export const COMMON_HELP = `Source (one of):
  --snapshot PATH       manifest file or directory (repeatable): YAML, JSON, List, kubectl/helm output;
                        regular files only; "-" reads standard input (kubectl get -o yaml | clearance ...)
  --context NAME        a context of your kubeconfig (live, read-only)
  --kubeconfig PATH     the kubeconfig to read (default: KUBECONFIG, else ~/.kube/config)
  --demo                the bundled demo cluster (Calico)
  --demo-variant cilium the same demo cluster on Cilium
  (default: the kubeconfig's current context)
Common:
  --output, -o FORMAT   text (default) or json
  --partial-ok          exit 0 even when some documents or kinds could not be read
  --help, -h            this help`;

export function parse<O extends OptionSpec>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify.*$/, ""));
  }
}

export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(", ")} (got "${value}")`);
  return value as T;
}
