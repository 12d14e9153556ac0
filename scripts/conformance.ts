/**
 * Conformance against np-guard/netpol-analyzer's test suite. The data is read in place from
 * `../shared/conformance/netpol-analyzer` next to the main checkout (or CLEARANCE_CONFORMANCE_DIR).
 * Every case is run through the real file loader and the engine and compared by meaning
 * (lib/netpol/conformance*.ts), or counted out of scope with its reason. A case we answer
 * differently is accepted only with evidence about that case (lib/netpol/conformance-evidence.ts);
 * anything else fails the run.
 *
 *   npm run conformance                 runs every suite, rewrites lib/netpol/CONFORMANCE.md, exit 1 on a divergence
 *   npx tsx scripts/conformance.ts --check      the same, but fails when CONFORMANCE.md is stale (npm test)
 *   npx tsx scripts/conformance.ts --suite diff --case onlineboutique --verbose
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { ClusterSnapshot } from "../lib/model/snapshot";
import type { Protocol } from "../lib/model/types";
import { connlist, type ConnlistEntry } from "../lib/netpol/connlist";
import { NONE, parseConnSet } from "../lib/netpol/connset";
import { diffConnlists, entriesToMap, isEmptyDiff, netpolAnalyzerName, parseConnlistJson, parseConnlistText, type ConformanceCase } from "../lib/netpol/conformance";
import { describeEvidence, DIVERGENCES, evidenceFor, type Evidence } from "../lib/netpol/conformance-evidence";
import { explainMentions } from "../lib/netpol/conformance-explain";
import { connlistText, parseDiffText, parseExplainText, parseExposureText } from "../lib/netpol/conformance-outputs";
import { failures, renderConformance, withGeneratedSection, type CaseResult, type ConformanceResults } from "../lib/netpol/conformance-report";
import { applyFocus, scopeOf, SUITES, type FocusOptions, type Suite } from "../lib/netpol/conformance-scope";
import { diffConnlists as reachDiff, formatNetpolAnalyzerLine } from "../lib/netpol/diff";
import { networkDiagnostics } from "../lib/netpol/diagnostics";
import { ingressControllerEdges } from "../lib/netpol/ingress-controller";
import { buildNetworkModel, type EngineOptions, type NetworkModel } from "../lib/netpol/model";
import { ipEndpoint, podEndpoint, type Endpoint } from "../lib/netpol/peers";
import { protectionOf } from "../lib/netpol/protection";
import { buildReachability, type Reachability } from "../lib/netpol/reachability";
import { loadFiles } from "../server/sources/files";


const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { verbose: { type: "boolean", short: "v" }, suite: { type: "string", multiple: true }, case: { type: "string" }, check: { type: "boolean" } } });

/** `../shared/conformance/netpol-analyzer` beside the main checkout (a worktree's is the common git dir's parent). */
function dataDir(): string {
  if (process.env.CLEARANCE_CONFORMANCE_DIR) return process.env.CLEARANCE_CONFORMANCE_DIR;
  let checkout = root;
  try {
    checkout = path.dirname(path.resolve(root, execFileSync("git", ["rev-parse", "--git-common-dir"], { cwd: root, encoding: "utf8" }).trim()));
  } catch {
    // not a git checkout: the repository root itself
  }
  return path.resolve(checkout, "../shared/conformance/netpol-analyzer");
}
const dir = dataDir();

type Options = Partial<EngineOptions>;
const snapshots = new Map<string, Promise<ClusterSnapshot>>();
const load = (d: string) => snapshots.get(d) ?? snapshots.set(d, loadFiles([path.join(dir, d)])).get(d)!;
const read = (f: string) => readFileSync(path.join(dir, f), "utf8");

async function engine(d: string, opts: Options): Promise<{ model: NetworkModel; reach: Reachability }> {
  // netpol-analyzer's semantics are Kubernetes' alone, whatever CNI the test data mentions
  const model = buildNetworkModel(await load(d), { cni: "none", ...opts });
  return { model, reach: buildReachability(model) };
}

const listOf = (reach: Reachability): ConnlistEntry[] => connlist(reach, { name: netpolAnalyzerName, extra: ingressControllerEdges(reach, { name: netpolAnalyzerName }) });

function compareLists(expected: Map<string, unknown>, actual: ConnlistEntry[]): string[] {
  const d = diffConnlists(expected as ReturnType<typeof parseConnlistText>, entriesToMap(actual));
  return isEmptyDiff(d) ? [] : [...d.missing.map((x) => `missing  ${x}`), ...d.extra.map((x) => `extra    ${x}`), ...d.different.map((x) => `differs  ${x}`)];
}

function compareSets(what: string, expected: Set<string>, actual: Set<string>): string[] {
  return [...[...expected].filter((x) => !actual.has(x)).map((x) => `${what} missing  ${x}`), ...[...actual].filter((x) => !expected.has(x)).map((x) => `${what} extra    ${x}`)];
}

/** A workload's first pod, by netpol-analyzer's name (`ns/name[Kind]`), or an outside address. */
function endpointOf(model: NetworkModel, name: string): Endpoint | undefined {
  const ext = /^(\d+\.\d+\.\d+\.\d+)-[\d.]+\[External\]$/.exec(name);
  if (ext) return ipEndpoint(ext[1]);
  const pod = model.pods.find((p) => netpolAnalyzerName(p) === name);
  return pod ? podEndpoint(pod) : undefined;
}

async function runSuite(suite: Suite, c: ConformanceCase, opts: Options): Promise<string[]> {
  const [first, second] = c.input_dirs;
  if (suite === "eval") {
    const { model, reach } = await engine(first, opts);
    const owned = (ref: string) => model.pods.filter((p) => netpolAnalyzerName(p).replace(/\[[^\]]*\]$/, "") === ref);
    const [src, dst] = [owned(c.src!), owned(c.dst!)];
    if (!src.length || !dst.length) return [`no pods for ${!src.length ? c.src : c.dst}`];
    const allowed = src.some((a) => dst.some((b) => reach.pods(a, b).has(c.protocol!.toUpperCase() as Protocol, Number(c.port))));
    return allowed === c.expected_allowed ? [] : [`expected allowed=${c.expected_allowed}, got ${allowed}`];
  }
  if (suite === "diff") {
    const [a, b] = [await engine(first, opts), await engine(second, opts)];
    const names = (m: NetworkModel) => new Set(m.pods.map(netpolAnalyzerName));
    const ours = new Set(reachDiff(listOf(a.reach), listOf(b.reach), { before: names(a.model), after: names(b.model) }).map(formatNetpolAnalyzerLine).flatMap((l) => [...parseDiffText(l)]));
    return compareSets("diff", parseDiffText(read(c.expected!)), ours);
  }
  const { model, reach } = await engine(first, opts);
  if (suite === "explain") {
    const problems: string[] = [];
    const controller = new Map(ingressControllerEdges(reach, { name: netpolAnalyzerName }).map((e) => [e.dst, parseConnSet(e.conn)]));
    for (const pair of parseExplainText(read(c.expected!))) {
      if (pair.src === "{ingress-controller}") {
        // Edges from the ingress controller: compared by the connections allowed (the Ingress/Route named is not).
        const want = pair.sections.filter((s) => s.allowed).reduce((u, s) => u.union(parseConnSet(s.conn)), NONE);
        const got = controller.get(pair.dst) ?? NONE;
        if (!want.equals(got)) problems.push(`explain {ingress-controller} => ${pair.dst}: expected ${want}, got ${got}`);
        continue;
      }
      const [src, dst] = [endpointOf(model, pair.src), endpointOf(model, pair.dst)];
      if (!src || !dst) {
        problems.push(`explain ${pair.src} => ${pair.dst}: no such endpoint here`);
        continue;
      }
      for (const s of pair.sections) {
        const ours = explainMentions(model, src, dst, s.conn);
        // A direction netpol-analyzer gives no reason for is compared by the verdict alone.
        const side = (theirs: string[], mine: string[]) => (theirs.length ? mine.join("; ") : "");
        const want = `${s.allowed ? "allowed" : "denied"} egress [${s.egress.join("; ")}] ingress [${s.ingress.join("; ")}]`;
        const got = `${ours.allowed ? "allowed" : "denied"} egress [${side(s.egress, ours.egress)}] ingress [${side(s.ingress, ours.ingress)}]`;
        if (want !== got) problems.push(`explain ${pair.src} => ${pair.dst} ${s.conn}: expected ${want}, got ${got}`);
      }
    }
    return problems;
  }
  const text = read(c.expected!);
  if (suite === "exposure") {
    const want = parseExposureText(text);
    const unprotected = new Set<string>();
    for (const p of model.pods) {
      const pr = protectionOf(model, p);
      if (pr.hostNetwork) continue;
      if (!pr.egress.length) unprotected.add(`${netpolAnalyzerName(p)} Egress`);
      if (!pr.ingress.length) unprotected.add(`${netpolAnalyzerName(p)} Ingress`);
    }
    const focus = c.options as FocusOptions;
    const focused = (w: string) => applyFocus([{ src: w, dst: w, conn: "All Connections" }], { focusWorkloads: focus.focusWorkloads }).length > 0;
    const shown = new Set([...unprotected].filter((u) => focused(u.replace(/ (Egress|Ingress)$/, ""))));
    // With focusConn netpol-analyzer prints no "not protected" section.
    return [...compareLists(want.connlist, applyFocus(listOf(reach), focus)), ...(focus.focusConn ? [] : compareSets("unprotected", want.unprotected, shown))];
  }
  const expected = c.format === "json" ? parseConnlistJson(text) : parseConnlistText(connlistText(text));
  const list = suite === "focus" ? applyFocus(listOf(reach), c.options as FocusOptions) : listOf(reach);
  return compareLists(expected, list);
}

const usedEvidence = new Set<string>();

/** Whether the listed evidence holds for this case: the rerun passes, or the loader names the document and field. */
async function verify(suite: Suite, c: ConformanceCase, e: Evidence): Promise<boolean> {
  if (e.kind === "convention") return (await runSuite(suite, c, { hostNetworkPods: "pod" })).length === 0;
  const issues = (await Promise.all(c.input_dirs.map(load))).flatMap((s) => s.issues);
  return issues.some((i) => i.source.endsWith(e.document) && i.message.includes(e.field));
}

async function runCase(suite: Suite, c: ConformanceCase): Promise<Omit<CaseResult, "suite" | "label">> {
  const problems = await runSuite(suite, c, {});
  if (!problems.length) return { outcome: "pass", detail: [] };
  const listed = evidenceFor(c.input_dirs);
  if (listed) usedEvidence.add(listed.dir);
  if (!listed) return { outcome: "unexplained", detail: problems };
  if (await verify(suite, c, listed.evidence)) return { outcome: "reclassified", detail: [describeEvidence(listed.evidence)] };
  return { outcome: "unverified", detail: [`listed as: ${describeEvidence(listed.evidence)}, but that does not hold for this case`, ...problems] };
}

/** Inputs broken on purpose: netpol-analyzer rejects them, so must we (a loader issue or an engine diagnostic). */
const BROKEN = /(^|_|-)(bad|malformed|dirty|document_with_syntax_error|illegal)/;
const MULTI_NETWORK = /^(udn|cudn|nad)_/;

async function errorCases(results: ConformanceResults): Promise<void> {
  for (const name of readdirSync(path.join(dir, "tests")).sort()) {
    if (!BROKEN.test(name) || (values.case && !name.includes(values.case))) continue;
    const label = `tests/${name}`;
    if (MULTI_NETWORK.test(name)) {
      results.outOfScope.get("multiple networks (UDN, cluster UDN, NetworkAttachmentDefinition): not modelled")?.push(`${label} (broken on purpose)`);
      continue;
    }
    const s = await load(`tests/${name}`);
    const reported = [...s.issues.filter((i) => i.severity !== "info").map((i) => i.message), ...networkDiagnostics(buildReachability(buildNetworkModel(s, { cni: "none" }))).filter((d) => d.severity === "warning").map((d) => d.message)];
    results.cases.push({ suite: "errors", label, outcome: reported.length ? "pass" : "unexplained", detail: reported.length ? [] : ["nothing reported"] });
  }
}

function labelOf(c: ConformanceCase): string {
  return c.kind === "eval" ? `eval ${c.input_dirs.join(",")} ${c.src} -> ${c.dst} ${c.protocol}/${c.port}` : `${c.input_dirs.join(",")} -> ${path.basename(c.expected!)}`;
}

async function main(): Promise<number> {
  if (!existsSync(path.join(dir, "cases.json"))) {
    console.error(`conformance: no netpol-analyzer data at ${dir} (set CLEARANCE_CONFORMANCE_DIR)`);
    return 2;
  }
  const wanted = new Set<Suite>((values.suite as Suite[] | undefined) ?? SUITES);
  const results: ConformanceResults = { source: "../shared/conformance/netpol-analyzer", cases: [], outOfScope: new Map(), staleEvidence: [] };
  const cases = JSON.parse(read("cases.json")) as ConformanceCase[];
  for (const c of cases) {
    if (values.case && !c.input_dirs.some((d) => d.includes(values.case!))) continue;
    const scope = scopeOf(c);
    if ("outOfScope" in scope) {
      results.outOfScope.set(scope.outOfScope, [...(results.outOfScope.get(scope.outOfScope) ?? []), labelOf(c)]);
      continue;
    }
    if (!wanted.has(scope.suite)) continue;
    const label = labelOf(c);
    let r: Omit<CaseResult, "suite" | "label">;
    try {
      r = await runCase(scope.suite, c);
    } catch (e) {
      r = { outcome: "unexplained", detail: [`error: ${(e as Error).message}`] };
    }
    results.cases.push({ suite: scope.suite, label, ...r });
    if (r.outcome !== "pass") console.log(`${r.outcome.padEnd(12)} [${scope.suite}] ${label}`);
    if (r.outcome !== "pass" && values.verbose) for (const p of r.detail.slice(0, 30)) console.log(`        ${p}`);
  }
  if (wanted.has("errors")) await errorCases(results);
  const full = !values.suite && !values.case;
  if (full) results.staleEvidence = Object.keys(DIVERGENCES).filter((d) => !usedEvidence.has(d));

  const generated = renderConformance(results);
  console.log(`\n${generated.split("\n### ")[0]}`);
  const docPath = path.join(root, "lib/netpol/CONFORMANCE.md");
  if (full) {
    const doc = readFileSync(docPath, "utf8");
    const next = withGeneratedSection(doc, generated);
    if (values.check && next !== doc) {
      console.error("conformance: lib/netpol/CONFORMANCE.md is stale: run `npm run conformance` and commit it");
      return 1;
    }
    if (!values.check && next !== doc) {
      writeFileSync(docPath, next);
      console.log("wrote lib/netpol/CONFORMANCE.md");
    }
  }
  const bad = failures(results);
  if (bad.length) console.error(`\nconformance: ${bad.length} unexplained divergence(s):\n${bad.map((b) => `  ${b}`).join("\n")}\nFix them, or list the case with its evidence in lib/netpol/conformance-evidence.ts.`);
  return bad.length ? 1 : 0;
}

process.exitCode = await main();
