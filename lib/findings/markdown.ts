/**
 * Markdown for pull-request comments (GitHub, GitLab): text from the cluster is hostile, so every
 * name goes through `mdText` (no links, emphasis, HTML or table breaks), and blocks of plain text
 * through `fenced` (a fence longer than any backtick run inside). GitHub cuts comments at 65,536
 * characters, so long tables stop at a row budget and say how many rows they left out.
 */

/** Escapes Markdown and HTML syntax in one line of text; line breaks become spaces. */
export function mdText(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]|~])/g, "\\$1");
}

/** A fenced code block that its content cannot close. */
export function fenced(text: string, info = "text"): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${info}\n${text}\n${fence}`;
}

/** A table; rows past `limit` are left out with a line saying how many. */
export function mdTable(headers: string[], rows: string[][], limit = 100): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const out = [line(headers), line(headers.map(() => "---")), ...rows.slice(0, limit).map(line)];
  if (rows.length > limit) out.push("", `…and ${rows.length - limit} more (see the JSON or SARIF report).`);
  return out.join("\n");
}

/** A folded section: `<details>` with a summary line, its content below a blank line. */
export function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}
