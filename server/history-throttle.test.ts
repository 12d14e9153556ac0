import { describe, expect, it } from "vitest";
import { HistoryThrottle } from "./history-throttle";

const live = () => ({ source: { type: "live" } });
const files = () => ({ source: { type: "files" } });

describe("HistoryThrottle", () => {
  it("records each snapshot once", () => {
    const t = new HistoryThrottle(60_000);
    const s = files();
    expect(t.take("files:a", s, 0)).toBe(true);
    expect(t.take("files:a", s, 1)).toBe(false);
    expect(t.take("files:a", files(), 2)).toBe(true);
  });

  it("records a watched source's snapshots at most once per interval, the first read after it", () => {
    const t = new HistoryThrottle(60_000);
    expect(t.take("ctx-a", live(), 0)).toBe(true);
    const during = live();
    expect(t.take("ctx-a", during, 30_000)).toBe(false);
    expect(t.take("ctx-b", live(), 30_000)).toBe(true); // per source
    expect(t.take("ctx-a", during, 60_000)).toBe(true);
    expect(t.take("ctx-a", live(), 61_000)).toBe(false);
  });

  it("reads CLEARANCE_LIVE_HISTORY_SECONDS (default 300 s)", () => {
    const t = HistoryThrottle.fromEnv({});
    expect(t.take("c", live(), 0)).toBe(true);
    expect(t.take("c", live(), 299_000)).toBe(false);
    expect(t.take("c", live(), 300_000)).toBe(true);
    const every = HistoryThrottle.fromEnv({ CLEARANCE_LIVE_HISTORY_SECONDS: "0" });
    expect(every.take("c", live(), 0)).toBe(true);
    expect(every.take("c", live(), 0)).toBe(true);
  });
});
