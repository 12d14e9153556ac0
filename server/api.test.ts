import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ClearanceError } from "../lib/errors";
import { readBody, route } from "./api";

const call = (handler: () => unknown, init?: RequestInit) => route({}, handler)(new Request("http://127.0.0.1/api/test", init), { params: Promise.resolve({}) });

describe("route (server/api.ts): errors with a type, a status and a log", () => {
  beforeEach(() => vi.stubEnv("CLEARANCE_AUDIT_LOG", "off"));
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it("answers a ClearanceError with its code and status, and does not log the caller's mistakes", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await call(() => {
      throw new ClearanceError("not_found", "no such thing");
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "no such thing" } });
    expect(log).not.toHaveBeenCalled();
  });

  it("answers the server's configuration errors with 500 and logs them", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await call(() => {
      throw new ClearanceError("misconfigured", "the exceptions file cannot be used: x.yaml: line 3");
    });
    expect(res.status).toBe(500);
    expect((await res.json()).error.code).toBe("misconfigured");
    expect(String(log.mock.calls[0]?.[0])).toMatch(/GET \/api\/test: misconfigured: the exceptions file/);
  });

  it("never hands an unexpected error's message to the client, and logs it", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await call(() => {
      throw new TypeError("cannot read /etc/secret-path");
    });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: "internal", message: "internal error; see the server log" } });
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/internal error/), expect.any(TypeError));
  });

  it("refuses a body that is not JSON, too large, or does not fit, naming the field", async () => {
    const schema = z.object({ reason: z.string() });
    const req = (body: string) => new Request("http://127.0.0.1/api/test", { method: "POST", body });
    await expect(readBody(req("{"), schema)).rejects.toMatchObject({ code: "bad_request", message: "the request body is not JSON" });
    await expect(readBody(req('{"reason":1}'), schema)).rejects.toMatchObject({ code: "bad_request", message: expect.stringMatching(/^reason: /) });
    await expect(readBody(req(JSON.stringify({ reason: "x".repeat(2048) })), schema, 1024)).rejects.toMatchObject({ message: "the request body is larger than 1 KB" });
  });
});
