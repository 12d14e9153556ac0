/**
 * A reflector retrying a failing server for as long as it runs: each backoff must leave nothing
 * behind on its signal, or a watch of an unreachable cluster grows by a listener per retry (and
 * Node warns "MaxListenersExceededWarning ... abort listeners added to [AbortSignal]").
 */
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { Reflector, type WatchTransport } from "./reflector";

describe("reflector backoff", () => {
  it("retries without adding a listener to its signal per sleep, and stops at once", async () => {
    let signal: AbortSignal | undefined;
    const failing: WatchTransport = {
      list: async (_path, s) => {
        signal = s;
        throw new Error("connection refused");
      },
      watch: async () => {},
    };
    const r = new Reflector("/api/v1/pods", failing, () => {}, { backoffMs: 1, maxBackoffMs: 2, random: () => 0.5 }).start();
    const end = Date.now() + 5_000;
    while (r.stats.errors < 25 && Date.now() < end) await new Promise((res) => setTimeout(res, 5));
    expect(r.stats.errors).toBeGreaterThanOrEqual(25);
    expect(getEventListeners(signal!, "abort").length).toBeLessThanOrEqual(1);
    const t = Date.now();
    await r.stop();
    expect(Date.now() - t).toBeLessThan(1_000);
    expect(r.phase).toBe("stopped");
  });
});
