/**
 * Text from the cluster is hostile: any tenant who can create a RoleBinding chooses its subjects'
 * names. Shown raw on a terminal, `\x1b[2J` clears the reviewer's screen and `\x1b]52;c;...` writes to
 * their clipboard (xterm's OSC 52); in any medium, bidirectional overrides make `user\u202eevil\u202c`
 * display as something else (Trojan Source, CVE-2021-42574; Unicode UAX #9 explicit formatting
 * characters). Names are shown with such characters escaped, behind a marker; whole outputs pass
 * through `terminalSafe` as a last line of defence.
 */

/**
 * Characters that are never shown raw: C0 and C1 controls and DEL, the explicit bidi formatting
 * characters (ALM, LRM, RLM, LRE…RLO, LRI…PDI), zero-width characters, line/paragraph separators and
 * the byte-order mark.
 */
const HIDDEN = "\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff";
const HIDDEN_ONE = new RegExp(`[${HIDDEN}]`);
const HIDDEN_ALL = new RegExp(`[${HIDDEN}]`, "g");

/** Put before a name that contains hidden characters (shown escaped). */
export const HIDDEN_MARKER = "⚠";

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** `\n`, `\x1b`, `\u202e`: how a hidden character is written. */
export function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`);
}

/** Does the text contain a control, bidi or invisible character? */
export function hasHiddenChars(s: string): boolean {
  return HIDDEN_ONE.test(s);
}

/** The hidden characters of `s`, escaped and deduplicated (`\x1b`, `\u202e`), for evidence texts. */
export function hiddenCharsIn(s: string): string[] {
  return [...new Set(s.match(HIDDEN_ALL) ?? [])].map(escapeChar);
}

/** Every hidden character of `s` written as an escape (`user\u202eevil\u202c`), no marker. */
export function escapeHidden(s: string): string {
  return s.replace(HIDDEN_ALL, escapeChar);
}

/**
 * A name as a terminal or page shows it: unchanged when it is plain, else every hidden character
 * escaped and the marker in front (`⚠user\u202eevil\u202c`), so it can neither act nor pass for
 * another name.
 */
export function visible(s: string): string {
  return hasHiddenChars(s) ? HIDDEN_MARKER + escapeHidden(s) : s;
}

/**
 * A whole text output made safe for a terminal: every hidden character escaped except the layout
 * ones in `keep` (newline and tab by default; CSV keeps CR too). Names should already have gone
 * through `visible`; this catches whatever did not.
 */
export function terminalSafe(text: string, keep = "\n\t"): string {
  if (!hasHiddenChars(text)) return text;
  return text.replace(HIDDEN_ALL, (c) => (keep.includes(c) ? c : escapeChar(c)));
}
