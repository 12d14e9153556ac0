/**
 * netpol-analyzer's diff, exposure and explain outputs (pkg/netpol/diff, connlist exposure analysis,
 * `--explain`) read into comparable sets, so the runner compares meanings, not layout:
 * - diff: one line per changed pair, connection texts normalised;
 * - exposure: the connection list, the exposure lines, and which workloads no policy protects;
 * - explain: per pair, each section (allowed or denied connections) with the policies it names per
 *   direction, reduced to `kind 'name' role` (allows/denies/passes by a rule, or isolates).
 */
import { parseConnSet } from "./connset";
import { parseConnlistText, type ConnMap } from "./conformance";

/** A connection text normalised; one naming ports (`TCP http`, in exposure lines) is kept as written. */
function normConn(c: string): string {
  if (c === "No Connections") return c;
  try {
    return parseConnSet(c).toString();
  } catch {
    return c.trim();
  }
}

/** `diff-type: …, source: …, destination: …, ref1: …, ref2: …[, workloads-diff-info: …]` lines as a set. */
export function parseDiffText(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split("\n")) {
    const m = /^diff-type: (\w+), source: (.+?), destination: (.+?), ref1: (.+?), ref2: (.+?)(, workloads-diff-info: .+)?$/.exec(line.trim());
    if (m) out.add(`${m[1]} ${m[2]} => ${m[3]} : ${normConn(m[4])} -> ${normConn(m[5])}${m[6] ?? ""}`);
  }
  return out;
}

/**
 * A connection list as text, also in `--focus-conn` form: a `Permitted connections on UDP 52:`
 * header, then `src => dst` lines that all carry that connection.
 */
export function connlistText(text: string): string {
  const m = /^\s*Permitted connections on (.+):\s*$/m.exec(text);
  if (!m) return text;
  return text
    .slice(m.index + m[0].length)
    .split("\n")
    .map((l) => (l.trim() && !l.includes(" : ") ? `${l.trim()} : ${m[1]}` : l))
    .join("\n");
}

export interface ExposureOutput {
  connlist: ConnMap;
  /** `src => peer : conn` (egress) and `dst <= peer : conn` (ingress), connection texts normalised. */
  exposure: Set<string>;
  /** `ns/name[Kind] Egress`, `ns/name[Kind] Ingress`. */
  unprotected: Set<string>;
}

export function parseExposureText(text: string): ExposureOutput {
  const [head, rest = ""] = text.split(/^\s*Exposure Analysis Result(?: On .+)?:\s*$/m);
  const out: ExposureOutput = { connlist: parseConnlistText(connlistText(head)), exposure: new Set(), unprotected: new Set() };
  for (const raw of rest.split("\n")) {
    const line = raw.trim();
    const e = /^(\S+)\s+(=>|<=)\s+(.+?) : (.+)$/.exec(line);
    if (e) out.exposure.add(`${e[1]} ${e[2]} ${e[3]} : ${normConn(e[4])}`);
    const u = /^(\S+) is not protected on (Egress|Ingress)$/.exec(line);
    if (u) out.unprotected.add(`${u[1]} ${u[2]}`);
  }
  return out;
}

export interface ExplainSection {
  allowed: boolean;
  /** The connections this section is about, as netpol-analyzer writes them (`TCP:[8080], UDP`). */
  conn: string;
  /** Normalised policy mentions per direction; `default` for the system default. */
  egress: string[];
  ingress: string[];
}

export interface ExplainPair {
  src: string;
  dst: string;
  sections: ExplainSection[];
}

/** `TCP:[1-79,81-65535], UDP, SCTP` → `TCP 1-79,81-65535,UDP 1-65535,SCTP 1-65535`, a ConnSet text. */
export function explainConnText(conn: string): string {
  const parts = conn.split(/,\s*(?=[A-Z]+\b)/).map((p) => {
    const m = /^([A-Z]+)(?::\[(.+)\])?$/.exec(p.trim());
    if (!m) throw new Error(`not an explain connection: "${conn}"`);
    return `${m[1]} ${m[2] ?? "1-65535"}`;
  });
  return parseConnSet(parts.join(",")).toString();
}

/** One policy mention in netpol-analyzer's words, reduced to `Kind 'name' role`. */
export function explainMention(line: string): string | undefined {
  const t = line.trim().replace(/^- /, "");
  if (/^the system default|due to the system default/.test(t)) return "default";
  const m = /^(NetworkPolicy|AdminNetworkPolicy|BaselineAdminNetworkPolicy) '([^']+)' (allows|denies|passes) connections by (?:Ingress|Egress) rule (?:#(\d+)|(\S+))/.exec(t);
  if (m) return `${m[1]} '${m[2]}' ${m[3]} ${m[4] ? `#${m[4]}` : m[5]}`;
  const s = /^NetworkPolicy '([^']+)' selects .+?(?:, and (?:Ingress|Egress) rule #(\d+) selects .+ but the protocols and ports do not match|, but .+ is not allowed by any (?:Ingress|Egress) rule)/.exec(t);
  if (s) return s[2] ? `NetworkPolicy '${s[1]}' isolates, #${s[2]} ports differ` : `NetworkPolicy '${s[1]}' isolates`;
  return undefined;
}

/** The `Connections between A => B:` blocks of an explain output. */
export function parseExplainText(text: string): ExplainPair[] {
  const pairs: ExplainPair[] = [];
  let pair: ExplainPair | undefined;
  let section: ExplainSection | undefined;
  let dir: "egress" | "ingress" | undefined;
  for (const line of text.split("\n")) {
    const head = /^Connections between (.+) => (.+):$/.exec(line.trim());
    if (head) {
      pairs.push((pair = { src: head[1], dst: head[2], sections: [] }));
      section = undefined;
      continue;
    }
    if (!pair) continue;
    const sec = /^\t(Allowed|Denied) (.+?) due to (the following policies and rules:|the system default \(Allow all\))$/.exec(line);
    if (sec) {
      section = { allowed: sec[1] === "Allowed", conn: explainConnText(sec[2]), egress: [], ingress: [] };
      if (sec[3].startsWith("the system default")) {
        section.egress.push("default");
        section.ingress.push("default");
      }
      pair.sections.push(section);
      dir = undefined;
      continue;
    }
    if (!section) continue;
    const d = /^\t\t(Egress|Ingress) \((Allowed|Denied)\)( due to the system default)?/.exec(line);
    if (d) {
      dir = d[1] === "Egress" ? "egress" : "ingress";
      if (d[3]) section[dir].push("default");
      continue;
    }
    if (dir && /^\t\t\t/.test(line)) {
      const m = explainMention(line);
      if (m) section[dir].push(m);
    }
  }
  for (const p of pairs) {
    for (const s of p.sections) {
      s.egress.sort();
      s.ingress.sort();
    }
  }
  return pairs;
}
