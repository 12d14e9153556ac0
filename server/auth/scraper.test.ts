import { describe, expect, it } from "vitest";
import { scraperAllowed } from "./scraper";

describe("scraperAllowed", () => {
  const token = "s3cr3t-token-for-prometheus";
  it("accepts the configured bearer token, any case of the scheme", () => {
    expect(scraperAllowed(`Bearer ${token}`, token)).toBe(true);
    expect(scraperAllowed(`bearer ${token}`, token)).toBe(true);
  });
  it("refuses a wrong, partial or missing token, other schemes, and everything when no token is configured", () => {
    expect(scraperAllowed(`Bearer ${token}x`, token)).toBe(false);
    expect(scraperAllowed(`Bearer ${token.slice(0, -1)}`, token)).toBe(false);
    expect(scraperAllowed(`Basic ${token}`, token)).toBe(false);
    expect(scraperAllowed("Bearer", token)).toBe(false);
    expect(scraperAllowed(null, token)).toBe(false);
    expect(scraperAllowed(`Bearer ${token}`, undefined)).toBe(false);
    expect(scraperAllowed("Bearer ", "")).toBe(false);
  });
});
