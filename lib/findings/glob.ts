/**
 * Glob matching for exception entries: `*` stands for any run of characters, nothing else is
 * special. Linear in the value's length: the pattern's literal pieces are found left to right, each
 * at its first place after the previous one, and that choice is never revisited (for `*`-only
 * patterns the leftmost place is always a right one). A compiled regular expression would
 * backtrack: `*-*-*-*-*-*-canary` against a long name took over a minute.
 */
export function globMatch(pattern: string, value: string): boolean {
  const pieces = pattern.split("*");
  if (pieces.length === 1) return pattern === value;
  const head = pieces[0];
  const tail = pieces[pieces.length - 1];
  if (value.length < head.length + tail.length || !value.startsWith(head) || !value.endsWith(tail)) return false;
  const end = value.length - tail.length;
  let at = head.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i];
    if (!piece) continue;
    const found = value.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}
