/**
 * Errors are data: every failure carries a code, and this table — the one place — maps each code to
 * the HTTP status the API answers with (server/api.ts, proxy.ts) and the exit code of `clearance`
 * (cli/main.ts). The UI turns codes into sentences (components/api.ts `explainError`). The server logs
 * every failure it answers with a 5xx: those are its own to fix, not the caller's.
 *
 * CLI exit codes: 0 ok; 1 findings at or above --fail-on; 2 bad input (arguments, manifests, names
 * that do not exist, no kubeconfig); 3 the cluster could not be read (unreachable, too slow,
 * credentials refused); 4 configuration that cannot be used (a malformed kubeconfig or exceptions
 * file, a disabled store); 70 a bug (sysexits EX_SOFTWARE).
 */
const ERRORS = {
  // The request or its input.
  bad_request: { status: 400, exit: 2 },
  invalid_manifest: { status: 422, exit: 2 },
  not_found: { status: 404, exit: 2 },
  conflict: { status: 409, exit: 2 },
  // Which cluster: nothing to read, or no such context.
  no_kubeconfig: { status: 404, exit: 2 },
  unknown_context: { status: 404, exit: 2 },
  // The cluster could not be read. Its refusal of our credentials is not the viewer's 401: it is a bad gateway.
  cluster_unreachable: { status: 502, exit: 3 },
  timeout: { status: 504, exit: 3 },
  unauthorized: { status: 502, exit: 3 },
  // The source sent more than a configured cap allows (pages, objects, bytes, time): a bad upstream answer.
  limit_exceeded: { status: 502, exit: 3 },
  // The load a request waited for was cancelled (by a refresh or an explicit cancel).
  cancelled: { status: 409, exit: 3 },
  // The viewer (server/auth): no session, not on the allowlist, a cross-site write, someone else's draft.
  signin_required: { status: 401, exit: 2 },
  // The session is due for its re-check at the identity provider (server/auth/lifetime.ts).
  session_recheck: { status: 401, exit: 2 },
  not_authorised: { status: 403, exit: 2 },
  cross_site: { status: 403, exit: 2 },
  forbidden: { status: 403, exit: 2 },
  // The server's own configuration: the operator fixes it, so it is a 5xx and logged, never a 400.
  misconfigured: { status: 500, exit: 4 },
  auth_misconfigured: { status: 500, exit: 4 },
  unavailable: { status: 503, exit: 4 },
  internal: { status: 500, exit: 70 },
} as const satisfies Record<string, { status: number; exit: number }>;

export type ErrorCode = keyof typeof ERRORS;

export class ClearanceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ClearanceError";
  }
}

export function isClearanceError(e: unknown): e is ClearanceError {
  return e instanceof ClearanceError;
}

/** The HTTP status the API answers a failure with. */
export function httpStatus(code: ErrorCode): number {
  return ERRORS[code].status;
}

/** The exit code of `clearance` for a failure. */
export function exitCode(code: ErrorCode): number {
  return ERRORS[code].exit;
}

/** A failure the server must log: its own configuration, or a bug (every 5xx). */
export function serverFault(code: ErrorCode): boolean {
  return ERRORS[code].status >= 500;
}

/** Every code, for tests and documentation. */
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];
