import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasHiddenChars, hiddenCharsIn, HIDDEN_MARKER, terminalSafe, visible } from "./terminal";

/** Every character a terminal or a bidi renderer acts on: C0, DEL, C1, and Unicode's explicit formatting characters. */
const ACTIVE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe("visible", () => {
  it.each([
    ["web-1", "web-1"],
    ["\u001b[2J\u001b[31mCLEARED\u001b[0m", `${HIDDEN_MARKER}\\x1b[2J\\x1b[31mCLEARED\\x1b[0m`],
    ["\u001b]52;c;ZWNobw==\u0007", `${HIDDEN_MARKER}\\x1b]52;c;ZWNobw==\\x07`],
    ["user\u202eevil\u202c", `${HIDDEN_MARKER}user\\u202eevil\\u202c`],
    ["a\nb\rc\td", `${HIDDEN_MARKER}a\\nb\\rc\\td`],
    ["zero\u200bwidth\ufeff", `${HIDDEN_MARKER}zero\\u200bwidth\\ufeff`],
    ["\u009b31m", `${HIDDEN_MARKER}\\x9b31m`],
    ["naïve-ümlaut-日本", "naïve-ümlaut-日本"],
  ])("%j → %s", (raw, shown) => {
    expect(visible(raw)).toBe(shown);
  });

  it("never lets an active character through, and marks exactly the names that had one (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const v = visible(s);
        expect(ACTIVE.test(v)).toBe(false);
        expect(v.startsWith(HIDDEN_MARKER) && v !== s).toBe(hasHiddenChars(s));
      }),
    );
  });

  it("lists the hidden characters for evidence", () => {
    expect(hiddenCharsIn("a\u202eb\u202ec\u001b")).toEqual(["\\u202e", "\\x1b"]);
  });
});

describe("terminalSafe", () => {
  it("keeps layout characters and escapes the rest", () => {
    expect(terminalSafe("a\tb\nc\u001b[2J\r\n")).toBe("a\tb\nc\\x1b[2J\\r\n");
    expect(terminalSafe("x,\"=1\"\r\n", "\r\n\t")).toBe("x,\"=1\"\r\n");
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(terminalSafe(s))).toBe(false);
      }),
    );
  });
});
