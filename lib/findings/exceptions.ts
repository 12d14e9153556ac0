/**
 * Exceptions (accepted risk): a YAML or JSON file of entries, each naming a finding by id or by
 * rule + resource, with who accepted it, why and until when. An excepted finding stays in every
 * list, marked; it counts in the score at a reduced weight (score.ts) and no longer fails
 * `scan --fail-on`. Past its expiry date an entry stops applying and is reported as expired.
 *
 * ```yaml
 * exceptions:
 *   - id: PSS-privileged-3f2a9c1b7d4e
 *     by: alice@example.com
 *     reason: node-exporter needs the host PID namespace
 *     expires: 2027-03-31
 *   - rule: PSS-host-path              # rule and/or resource; "*" matches any run of characters
 *     resource: {kind: DaemonSet, namespace: monitoring, name: "node-*"}
 *     by: platform-team
 *     reason: log shippers read /var/log
 *     expires: 2027-01-31
 * ```
 */
import YAML from "yaml";
import { z } from "zod";
import { ClearanceError } from "../errors";
import { globMatch } from "./glob";
import type { Finding, FindingException } from "./types";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` naming a day that exists (2099-13-45 and 2099-02-30 do not). */
export function isCalendarDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

const dateString = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z.string().regex(DATE, "must be a date YYYY-MM-DD").refine(isCalendarDate, "is not a valid date"),
);

const EntryS = z
  .object({
    id: z.string().min(1).optional(),
    rule: z.string().min(1).optional(),
    resource: z.object({ kind: z.string().optional(), namespace: z.string().optional(), name: z.string().optional() }).strict().optional(),
    by: z.string().min(1, "who accepted the risk is required"),
    reason: z.string().min(1, "why the risk is accepted is required"),
    expires: dateString,
  })
  .strict()
  .refine((e) => e.id || e.rule || e.resource, { message: "needs an id, or a rule and/or resource to match" });

const FileS = z.union([z.object({ exceptions: z.array(EntryS).default([]) }).strict(), z.array(EntryS)]);

export type ExceptionEntry = z.infer<typeof EntryS>;

function zodPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
}

/** Parses an exceptions file; a bad file is a `bad_request` error naming the file and the entry. */
export function parseExceptions(text: string, source = "exceptions file"): ExceptionEntry[] {
  let raw: unknown;
  try {
    raw = text.trim() === "" ? { exceptions: [] } : YAML.parse(text);
  } catch (e) {
    const line = (e as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new ClearanceError("bad_request", `${source}${line ? `, line ${line}` : ""}: not valid YAML or JSON: ${(e as Error).message.split("\n")[0]}`);
  }
  if (raw === null || raw === undefined) return [];
  const r = FileS.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const deepest = "errors" in issue && Array.isArray(issue.errors) ? (issue.errors as { path: PropertyKey[]; message: string }[][]).flat()[0] : undefined;
    const i = deepest ?? issue;
    throw new ClearanceError("bad_request", `${source}: ${zodPath(i.path) || "(top level)"}: ${i.message}`);
  }
  return Array.isArray(r.data) ? r.data : r.data.exceptions;
}

function glob(pattern: string | undefined, value: string | undefined): boolean {
  return pattern === undefined || globMatch(pattern, value ?? "");
}

/** Whether an entry names a finding: by id, or by rule and (any of) the finding's resources. */
export function matches(entry: ExceptionEntry, f: Finding): FindingException["match"] | undefined {
  if (entry.id) return entry.id === f.id ? "id" : undefined;
  if (!glob(entry.rule, f.rule)) return undefined;
  if (entry.resource) {
    const r = entry.resource;
    if (!f.resources.some((x) => glob(r.kind, x.kind) && glob(r.namespace, x.namespace ?? "") && glob(r.name, x.name))) return undefined;
  }
  return "rule+resource";
}

/** An entry applies through the last moment of its expiry day (UTC). */
export function isExpired(entry: ExceptionEntry, now: Date): boolean {
  return now.toISOString().slice(0, 10) > entry.expires;
}

export interface ExceptionsApplied {
  /** The findings, excepted ones copied with `exception` set. */
  findings: Finding[];
  applied: number;
  /** Entries past their date: they no longer apply. */
  expired: (ExceptionEntry & { index: number })[];
  /** Entries in force that matched no finding (fixed, or mistyped). */
  unused: (ExceptionEntry & { index: number })[];
}

/** Marks the findings that an entry in force covers (first matching entry wins); lists expired and unused entries. */
export function applyExceptions(findings: readonly Finding[], entries: readonly ExceptionEntry[], now: Date): ExceptionsApplied {
  const active = entries.map((e, index) => ({ ...e, index })).filter((e) => !isExpired(e, now));
  const used = new Set<number>();
  let applied = 0;
  const out = findings.map((f) => {
    for (const e of active) {
      const how = matches(e, f);
      if (!how) continue;
      used.add(e.index);
      applied++;
      return { ...f, exception: { by: e.by, reason: e.reason, expires: e.expires, match: how } };
    }
    if (!f.exception) return f;
    const rest = { ...f };
    delete rest.exception;
    return rest;
  });
  return {
    findings: out,
    applied,
    expired: entries.map((e, index) => ({ ...e, index })).filter((e) => isExpired(e, now)),
    unused: active.filter((e) => !used.has(e.index)),
  };
}

/** The file text with one more entry (for the UI's "accept risk" action); comments in the file are kept. */
export function appendException(text: string | undefined, entry: ExceptionEntry): string {
  const valid = EntryS.parse(entry);
  if (!text || text.trim() === "") return YAML.stringify({ exceptions: [valid] });
  const doc = YAML.parseDocument(text);
  const list = YAML.isSeq(doc.contents) ? doc.contents : doc.get("exceptions");
  if (YAML.isSeq(list)) list.add(doc.createNode(valid));
  else doc.set("exceptions", doc.createNode([valid]));
  return doc.toString();
}
