/**
 * Errors are data: every failure a user can act on carries a code that the API wrapper maps to an
 * HTTP status, the CLI to an exit code, and the UI to a sentence.
 */
export type ErrorCode =
  | "bad_request"
  | "invalid_manifest"
  | "not_found"
  | "no_kubeconfig"
  | "unknown_context"
  | "forbidden"
  | "unauthorized"
  | "cluster_unreachable"
  | "timeout"
  | "conflict"
  | "internal";

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

export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid_manifest: 422,
  not_found: 404,
  no_kubeconfig: 404,
  unknown_context: 404,
  forbidden: 403,
  unauthorized: 401,
  cluster_unreachable: 502,
  timeout: 504,
  conflict: 409,
  internal: 500,
};

export function isClearanceError(e: unknown): e is ClearanceError {
  return e instanceof ClearanceError;
}
