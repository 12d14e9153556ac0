import { describe, expect, it } from "vitest";
import { ERROR_CODES, exitCode, httpStatus, serverFault } from "./errors";

describe("one table of failures (lib/errors.ts)", () => {
  it("gives every code a status and an exit code", () => {
    for (const code of ERROR_CODES) {
      expect(httpStatus(code), code).toBeGreaterThanOrEqual(400);
      expect([2, 3, 4, 70], code).toContain(exitCode(code));
    }
  });

  it("answers the server's own configuration with a 5xx (logged), never a 400", () => {
    for (const code of ["misconfigured", "auth_misconfigured", "unavailable", "internal"] as const) expect(serverFault(code), code).toBe(true);
    expect(exitCode("misconfigured")).toBe(4);
  });

  it("keeps 401 for the viewer's session (missing, or due for its re-check at the provider): a cluster refusing our credentials is a bad gateway", () => {
    expect(httpStatus("signin_required")).toBe(401);
    expect(httpStatus("session_recheck")).toBe(401);
    expect(httpStatus("unauthorized")).toBe(502);
    expect(ERROR_CODES.filter((c) => httpStatus(c) === 401)).toEqual(["signin_required", "session_recheck"]);
  });

  it("exits 2 on bad input and 3 when the cluster cannot be read", () => {
    for (const code of ["bad_request", "invalid_manifest", "not_found", "no_kubeconfig", "unknown_context"] as const) expect(exitCode(code), code).toBe(2);
    for (const code of ["cluster_unreachable", "timeout", "unauthorized"] as const) expect(exitCode(code), code).toBe(3);
    expect(exitCode("internal")).toBe(70);
  });
});
