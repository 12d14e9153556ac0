/**
 * Folds audit log lines, one at a time, into what each identity did: distinct requests ("atoms")
 * with their count, first and last time, what the log says was decided, and — evaluated once per
 * distinct request with the same indexed RBAC authorizer every view uses — which bindings and rules
 * authorise it. Memory is bounded by the number of distinct requests, not the number of lines, and
 * capped: past `namesPerRequest` distinct object names for one identity, verb, resource and
 * namespace, further names are folded into one nameless atom (their granting paths merged), and past
 * `maxAtoms` every new name is folded. Bad lines are counted, the first few kept with file and line.
 */
import { authorizeIndexed, type Grant, type RbacIndex } from "../rbac/rbac-index";
import type { AccessRequest } from "../rbac/request";
import type { Identity } from "../rbac/subjects";
import { readAuditEvent, type LoggedDecision, type ObservedRequest } from "./event";
import { rawKeyOf, sameGroups, timeOf, type RawKey } from "./raw-key";
import { scanLine } from "./scan";

/** One granting path of an atom: a grant and the indices of its role's rules that match. */
export interface AtomPath {
  grant: Grant;
  rules: number[];
}

/** A distinct request of one identity, as the log shows it. */
export interface Atom {
  identity: AuditIdentity;
  request: AccessRequest;
  decision: LoggedDecision;
  /** The impersonate check an impersonating request implied. */
  impersonation: boolean;
  count: number;
  /** Epoch milliseconds. */
  first: number;
  last: number;
  /** Requests whose names (or non-resource paths) were folded into this nameless atom; 0 for an ordinary atom. */
  folded: number;
  /** RBAC on the snapshot allows it (for a folded atom: every folded name was evaluated, all allowed). */
  rbacAllowed: boolean;
  /** Allowed before RBAC (system:masters). */
  bypass: boolean;
  paths: AtomPath[];
}

export interface AuditIdentity extends Identity {
  username: string;
  groups: readonly string[];
}

export interface BadLine {
  file: string;
  line: number;
  message: string;
}

export interface FileStats {
  file: string;
  lines: number;
  requests: number;
  bad: number;
  from: number | null;
  to: number | null;
}

export interface AuditUsage {
  /** Earliest and latest counted request (epoch ms); null when nothing was counted. */
  window: { from: number; to: number } | null;
  files: FileStats[];
  lines: number;
  /** Requests counted (ResponseComplete/Panic events, impersonation checks included). */
  requests: number;
  skipped: { stage: number; unauthenticated: number; blank: number };
  bad: { count: number; samples: BadLine[] };
  atoms: Atom[];
  /** How much detail the caps folded away: names merged into nameless atoms, and whether maxAtoms was reached. */
  folded: { names: number; capped: boolean };
}

export interface AccumulateOptions {
  /** Distinct names kept per identity, verb, resource and namespace (default 32). */
  namesPerRequest?: number;
  /** Distinct atoms kept before every new name is folded (default 1,000,000). */
  maxAtoms?: number;
  /** Bad lines kept as examples (default 20). */
  badSamples?: number;
}

interface Evaluation {
  allowed: boolean;
  bypass: boolean;
  paths: AtomPath[];
}

/** What the indexed authorizer says of a request: allowed, before RBAC (system:masters), through which grants and rules. */
export function evaluateRequest(index: RbacIndex, identity: AuditIdentity, request: AccessRequest): Evaluation {
  const d = authorizeIndexed(index, identity, request, index.cache);
  return { allowed: d.allowed, bypass: d.bypass, paths: d.paths.map((p) => ({ grant: p.grant, rules: p.rules })) };
}

function requestKey(r: AccessRequest, withName: boolean): string {
  return r.resourceRequest ? `${r.verb}\u0000${r.apiGroup}\u0000${r.resource}\u0000${r.subresource}\u0000${r.namespace}\u0000${withName ? r.name : ""}` : `\u0001${r.verb}\u0000${withName ? r.path : ""}`;
}

function mergePaths(into: AtomPath[], from: readonly AtomPath[]): void {
  for (const p of from) {
    const have = into.find((x) => x.grant === p.grant);
    if (!have) into.push({ grant: p.grant, rules: [...p.rules] });
    else for (const r of p.rules) if (!have.rules.includes(r)) have.rules.push(r);
  }
  for (const p of into) p.rules.sort((a, b) => a - b);
}

/** Evaluations of requests beyond the caps, remembered for a while (cleared when full). */
const EVAL_MEMO_MAX = 100_000;
/** Raw keys remembered for the fast path (raw-key.ts); past this, new atoms are only found the slow way. */
const ALIASES_MAX = 2_000_000;

interface AliasSlot {
  groups: readonly string[];
  atoms: Map<string, Atom>;
}

export class UsageAccumulator {
  private readonly identities = new Map<string, AuditIdentity>();
  private readonly atoms = new Map<string, Atom>();
  private readonly namesPerBase = new Map<string, number>();
  private readonly evalMemo = new Map<string, Evaluation>();
  private readonly aliases = new Map<string, AliasSlot[]>();
  private aliasCount = 0;
  /** Scan keys (scan.ts) of lines read in full, to the atom of their ordinary event. */
  private readonly scanned = new Map<string, Atom>();
  private readonly namesPerRequest: number;
  private readonly maxAtoms: number;
  private readonly badSamples: number;
  private readonly files: FileStats[] = [];
  private file: FileStats = { file: "(input)", lines: 0, requests: 0, bad: 0, from: null, to: null };
  private readonly u: Omit<AuditUsage, "atoms" | "files" | "window"> = { lines: 0, requests: 0, skipped: { stage: 0, unauthenticated: 0, blank: 0 }, bad: { count: 0, samples: [] }, folded: { names: 0, capped: false } };
  private from = Infinity;
  private to = -Infinity;

  constructor(
    private readonly index: RbacIndex,
    opts: AccumulateOptions = {},
  ) {
    this.namesPerRequest = opts.namesPerRequest ?? 32;
    this.maxAtoms = opts.maxAtoms ?? 1_000_000;
    this.badSamples = opts.badSamples ?? 20;
  }

  /** Starts counting lines of another file (line numbers restart at 1). */
  beginFile(file: string): void {
    this.file = { file, lines: 0, requests: 0, bad: 0, from: null, to: null };
    this.files.push(this.file);
  }

  /** Records a line that could not be read (e.g. invalid JSON); `line` is 1-based within the file. */
  badLine(line: number, message: string): void {
    this.u.bad.count++;
    this.file.bad++;
    if (this.u.bad.samples.length < this.badSamples) this.u.bad.samples.push({ file: this.file.file, line, message });
  }

  /** Lines read so far, and requests counted. */
  get lines(): number {
    return this.u.lines;
  }

  get requests(): number {
    return this.u.requests;
  }

  /** Counts a line already reported (e.g. too long to read) without reading it. */
  skipLine(): void {
    this.file.lines++;
    this.u.lines++;
  }

  /** One line of a JSON-lines audit log. */
  addLine(text: string): void {
    const line = ++this.file.lines;
    this.u.lines++;
    if (text.length === 0 || /^\s*$/.test(text)) {
      this.u.skipped.blank++;
      return;
    }
    // The fast path: a line keyed without parsing it (scan.ts), for a request seen before.
    const scanned = scanLine(text);
    if (scanned) {
      const atom = this.scanned.get(scanned.key);
      const time = atom ? timeOf(scanned.time) : NaN;
      if (atom && !Number.isNaN(time)) {
        this.counted(time, 1);
        return touch(atom, time);
      }
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      this.badLine(line, `invalid JSON: ${(e as Error).message}`);
      return;
    }
    const atom = this.addEvent(value, line);
    // Lines with this scan key are this event again, but for their time (scan.ts): remember its atom.
    if (scanned && atom && this.aliasCount < ALIASES_MAX) {
      this.scanned.set(JSON.parse(JSON.stringify(scanned.key)) as string, atom); // a copy: the key must not hold on to the text it was cut from
      this.aliasCount++;
    }
  }

  /**
   * One parsed audit event (`line` for error reports). Returns the atom of an ordinary event (one
   * request, its raw key known: raw-key.ts) unless its name was folded; undefined otherwise.
   */
  addEvent(value: unknown, line = this.file.lines): Atom | undefined {
    const raw = rawKeyOf(value);
    const known = raw ? this.known(raw) : undefined;
    if (known) return known;
    const slot = raw ? this.aliasSlot(raw.username, raw.groups) : undefined;
    const ev = readAuditEvent(value);
    if (ev.kind === "bad") {
      this.badLine(line, ev.message);
      return undefined;
    }
    if (ev.kind === "skip") {
      this.u.skipped[ev.reason]++;
      return undefined;
    }
    this.counted(ev.time, ev.requests.length);
    for (const r of ev.requests) {
      const atom = this.observe(r, ev.time);
      // Remember the raw key of an ordinary event's atom (never a folded one) for the fast path.
      if (raw && atom && ev.requests.length === 1 && this.aliasCount < ALIASES_MAX) {
        let s = slot;
        if (!s) {
          s = { groups: [...raw.groups], atoms: new Map() };
          const list = this.aliases.get(raw.username);
          if (list) list.push(s);
          else this.aliases.set(raw.username, [s]);
        }
        s.atoms.set(raw.key, atom);
        this.aliasCount++;
      }
      if (raw && ev.requests.length === 1) return atom;
    }
    return undefined;
  }

  /** Counts an ordinary event whose raw key was seen before into its atom (returned); undefined when it must be read in full. */
  private known(raw: RawKey): Atom | undefined {
    const atom = this.aliasSlot(raw.username, raw.groups)?.atoms.get(raw.key);
    const time = atom ? timeOf(raw.time) : NaN;
    if (!atom || Number.isNaN(time)) return undefined;
    this.counted(time, 1);
    touch(atom, time);
    return atom;
  }

  private aliasSlot(username: string, groups: readonly string[]): AliasSlot | undefined {
    const list = this.aliases.get(username);
    if (list) for (const s of list) if (sameGroups(s.groups, groups)) return s;
    return undefined;
  }

  /** Counts `n` requests at `time` into the window and the current file. */
  private counted(time: number, n: number): void {
    if (time < this.from) this.from = time;
    if (time > this.to) this.to = time;
    const f = this.file;
    if (f.from === null || time < f.from) f.from = time;
    if (f.to === null || time > f.to) f.to = time;
    f.requests += n;
    this.u.requests += n;
  }

  private identity(key: string, username: string, groups: readonly string[]): AuditIdentity {
    let id = this.identities.get(key);
    if (!id) {
      id = { username, groups: [...groups] };
      this.identities.set(key, id);
    }
    return id;
  }

  private evaluate(identity: AuditIdentity, request: AccessRequest): Evaluation {
    return evaluateRequest(this.index, identity, request);
  }

  /** Records one request; returns its atom, unless its name was folded into a nameless one. */
  private observe(o: ObservedRequest, time: number): Atom | undefined {
    const who = `${o.username}\u0001${o.groups.join("\u0001")}`;
    const identity = this.identity(who, o.username, o.groups);
    const idKey = `${who}\u0002${o.decision}${o.impersonation ? "i" : ""}\u0002`;
    const exact = idKey + requestKey(o.request, true);
    const hit = this.atoms.get(exact);
    if (hit) {
      touch(hit, time);
      return hit.folded ? undefined : hit;
    }
    const named = o.request.resourceRequest ? o.request.name !== "" : true;
    const base = idKey + requestKey(o.request, false);
    if (named) {
      const n = this.namesPerBase.get(base) ?? 0;
      const room = this.atoms.size < this.maxAtoms;
      if (!room) this.u.folded.capped = true;
      // Paths are few per client (discovery of every group-version); names of objects can be endless.
      const cap = o.request.resourceRequest ? this.namesPerRequest : this.namesPerRequest * 8;
      if (n < cap && room) {
        this.namesPerBase.set(base, n + 1);
        const atom = this.create(identity, o, time, this.evaluate(identity, o.request));
        this.atoms.set(exact, atom);
        return atom;
      }
      // Folded: evaluate this name (memoized), merge its paths into the nameless atom of its outcome.
      this.u.folded.names++;
      let e = this.evalMemo.get(exact);
      if (!e) {
        if (this.evalMemo.size >= EVAL_MEMO_MAX) this.evalMemo.clear();
        e = this.evaluate(identity, o.request);
        this.evalMemo.set(exact, e);
      }
      const foldKey = `${base}\u0003${e.allowed ? 1 : 0}`;
      const fold = this.atoms.get(foldKey);
      if (fold) {
        touch(fold, time);
        fold.folded++;
        mergePaths(fold.paths, e.paths);
        return undefined;
      }
      const req: AccessRequest = o.request.resourceRequest ? { ...o.request, name: "" } : { ...o.request, path: "" };
      const atom = this.create(identity, { ...o, request: req }, time, { ...e, paths: [] });
      atom.folded = 1;
      mergePaths(atom.paths, e.paths);
      this.atoms.set(foldKey, atom);
      return undefined;
    }
    const atom = this.create(identity, o, time, this.evaluate(identity, o.request));
    this.atoms.set(exact, atom);
    return atom;
  }

  private create(identity: AuditIdentity, o: ObservedRequest, time: number, e: Evaluation): Atom {
    return { identity, request: o.request, decision: o.decision, impersonation: !!o.impersonation, count: 1, first: time, last: time, folded: 0, rbacAllowed: e.allowed, bypass: e.bypass, paths: e.paths };
  }

  /** What was read so far. */
  result(): AuditUsage {
    return {
      window: this.u.requests > 0 ? { from: this.from, to: this.to } : null,
      files: this.files.map((f) => ({ ...f })),
      lines: this.u.lines,
      requests: this.u.requests,
      skipped: { ...this.u.skipped },
      bad: { count: this.u.bad.count, samples: [...this.u.bad.samples] },
      atoms: [...this.atoms.values()],
      folded: { ...this.u.folded },
    };
  }
}

function touch(a: Atom, time: number): void {
  a.count++;
  if (time < a.first) a.first = time;
  if (time > a.last) a.last = time;
}
