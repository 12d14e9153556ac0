import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Finding } from "../../lib/findings/types";
import type { ReachDiffEntry } from "../../lib/netpol/diff";
import type { GrantsDiff } from "../../lib/rbac/diff";
import { bufferIO } from "../io";
import { main } from "../main";

const FIXTURES = path.join(__dirname, "../../lib/posture/fixtures");
const BAD = path.join(FIXTURES, "bad");
const HARDENED = path.join(FIXTURES, "hardened");
const DIFF = path.join(__dirname, "fixtures/diff");
const BASE = path.join(DIFF, "base");
const ADMIN_INGRESS = path.join(DIFF, "pr-admin-ingress");
const NO_DENY = path.join(DIFF, "pr-no-deny");
const tmp = mkdtempSync(path.join(tmpdir(), "clearance-diff-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Json {
  findings: { added: Finding[]; removed: Finding[] };
  score: { before: number; after: number };
  grants: GrantsDiff;
  reachability: ReachDiffEntry[];
}

async function run(args: string[], env: Record<string, string> = {}) {
  const io = bufferIO(env);
  const code = await main(args, io);
  return { code, out: io.stdout.join("\n"), err: io.stderr.join("\n") };
}

async function json(args: string[]): Promise<{ code: number; json: Json }> {
  const r = await run([...args, "--output", "json"]);
  return { code: r.code, json: JSON.parse(r.out) as Json };
}

/** The bad agent with `privileged: true` removed: a pull request that fixes one thing. */
function fixedAgent(): string {
  const dir = path.join(tmp, "fixed");
  mkdirSync(dir, { recursive: true });
  const text = readFileSync(path.join(BAD, "agent.yaml"), "utf8").replace("privileged: true", "privileged: false");
  writeFileSync(path.join(dir, "agent.yaml"), text);
  return dir;
}

/** The base with the database's port list rewritten: a pull request that changes a port set. */
function dbPorts(name: string, ports: string): string {
  const dir = path.join(tmp, name);
  cpSync(BASE, dir, { recursive: true });
  const file = path.join(dir, "policies.yaml");
  writeFileSync(file, readFileSync(file, "utf8").replace("ports: [{port: 5432}]", `ports: ${ports}`));
  return dir;
}

describe("clearance diff: findings", () => {
  it("--output json: findings added and removed by id, next to the other sections", async () => {
    const { code, json: out } = await json(["diff", "--before", BAD, "--after", fixedAgent()]);
    expect(code).toBe(0);
    expect(Object.keys(out)).toEqual(["findings", "score", "grants", "reachability"]);
    expect(out.findings.added).toEqual([]);
    expect(out.findings.removed.map((f) => f.rule)).toEqual(["PSS-privileged"]);
    expect(out.score.after).toBeGreaterThan(out.score.before);
  });

  it("text output lists + and - lines with a summary", async () => {
    const r = await run(["diff", "--before", HARDENED, "--after", BAD]);
    expect(r.out).toMatch(/^Findings: 17 added, 0 removed, 0 unchanged/);
    expect(r.out).toMatch(/\+\s+critical\s+PSS-privileged\s+DaemonSet default\/agent/);
  });

  it("--fail-on fails only on added findings", async () => {
    expect((await run(["diff", "--before", HARDENED, "--after", BAD, "--fail-on", "high"])).code).toBe(1);
    expect((await run(["diff", "--before", BAD, "--after", fixedAgent(), "--fail-on", "low"])).code).toBe(0);
  });

  it("bad input exits 2", async () => {
    expect((await run(["diff", "--before", BAD])).code).toBe(2);
    const missing = await run(["diff", "--before", BAD, "--after", path.join(tmp, "nowhere")]);
    expect(missing).toMatchObject({ code: 2, err: expect.stringMatching(/nowhere: no such file or directory/) });
    expect(await run(["diff", "--before", BAD, "--after", BAD, "--snapshot", BAD])).toMatchObject({ code: 2, err: expect.stringMatching(/not --snapshot/) });
    expect(await run(["diff", "--before", "context:", "--after", BAD])).toMatchObject({ code: 2, err: expect.stringMatching(/give a context name/) });
  });
});

describe("clearance diff: grants and reachability", () => {
  it("a pull request binding a service account to cluster-admin and opening web to ops", async () => {
    const { code, json: out } = await json(["diff", "--before", BASE, "--after", ADMIN_INGRESS]);
    expect(code).toBe(0);
    const r01 = out.findings.added.find((f) => f.rule === "R01");
    expect(r01).toBeDefined();
    expect(out.grants.removed).toEqual([]);
    expect(out.grants.added).toEqual([
      {
        kind: "ServiceAccount",
        namespace: "ci",
        name: "deployer",
        permissions: [{ scope: "cluster", verbs: [], missingRole: "ClusterRole/cluster-admin", via: [expect.objectContaining({ text: 'ClusterRoleBinding "ci-deployer-admin" of ClusterRole "cluster-admin" (missing)' })] }],
        findings: [r01!.id],
      },
    ]);
    expect(out.reachability).toEqual([{ src: "ops/debug[Deployment]", dst: "shop/web[Deployment]", before: "No Connections", after: "TCP 8080", change: "added" }]);
  });

  it("text output: a section with a summary line each", async () => {
    const r = await run(["diff", "--before", BASE, "--after", ADMIN_INGRESS]);
    const lines = r.out.split("\n");
    expect(lines).toContain("Grants: 1 added for 1 subject, 0 removed for 0 subjects");
    expect(lines).toContain("+ ServiceAccount ci/deployer — new findings: R01 critical");
    expect(r.out).toMatch(/^ {4}cluster-wide\s+\?\s+rules of ClusterRole cluster-admin \(not in the input\)\s+via ClusterRoleBinding "ci-deployer-admin"/m);
    expect(lines).toContain("Reachability: 1 added, 0 removed, 0 changed");
    expect(lines).toContain("+ ops/debug[Deployment] => shop/web[Deployment] : TCP 8080");
  });

  it("the same change undone: grants removed, connections removed, resolved findings linked", async () => {
    const { json: out } = await json(["diff", "--before", ADMIN_INGRESS, "--after", BASE]);
    expect(out.grants.added).toEqual([]);
    expect(out.grants.removed.map((s) => [s.name, s.findings?.length])).toEqual([["deployer", 1]]);
    expect(out.reachability.map((e) => e.change)).toEqual(["removed"]);
    const text = (await run(["diff", "--before", ADMIN_INGRESS, "--after", BASE])).out;
    expect(text).toContain("- ops/debug[Deployment] => shop/web[Deployment] : TCP 8080");
    expect(text).toContain("- ServiceAccount ci/deployer — resolved findings: R01 critical");
  });

  it("a pull request removing a default-deny: --fail-on-new-reachability fails it, the reverse passes", async () => {
    const r = await run(["diff", "--before", BASE, "--after", NO_DENY, "--fail-on-new-reachability"]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("Reachability: 3 added, 0 removed, 0 changed");
    expect(r.out).toContain("+ 0.0.0.0-255.255.255.255[External] => shop/web[Deployment] : All Connections");
    expect(r.out).toContain("Grants: no changes");
    expect((await run(["diff", "--before", BASE, "--after", NO_DENY])).code).toBe(0);
    expect((await run(["diff", "--before", NO_DENY, "--after", BASE, "--fail-on-new-reachability"])).code).toBe(0);
  });

  it("a changed port set is one ~ line; widening fails --fail-on-new-reachability, narrowing does not", async () => {
    const wider = dbPorts("wider", "[{port: 5432}, {port: 9187}]");
    const r = await run(["diff", "--before", BASE, "--after", wider, "--fail-on-new-reachability"]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("~ shop/web[Deployment] => shop/db[Deployment] : TCP 5432 → TCP 5432,9187");
    const { json: out } = await json(["diff", "--before", wider, "--after", BASE, "--fail-on-new-reachability"]);
    expect(out.reachability).toEqual([{ src: "shop/web[Deployment]", dst: "shop/db[Deployment]", before: "TCP 5432,9187", after: "TCP 5432", change: "changed" }]);
    expect((await run(["diff", "--before", wider, "--after", BASE, "--fail-on-new-reachability"])).code).toBe(0);
  });

  it("no changes between a source and a copy of it", async () => {
    const copy = path.join(tmp, "copy");
    cpSync(ADMIN_INGRESS, copy, { recursive: true });
    const { code, json: out } = await json(["diff", "--before", ADMIN_INGRESS, "--after", copy, "--fail-on-new-reachability", "--fail-on", "info"]);
    expect(code).toBe(0);
    expect(out).toMatchObject({ findings: { added: [], removed: [] }, grants: { added: [], removed: [] }, reachability: [] });
    const text = (await run(["diff", "--before", ADMIN_INGRESS, "--after", ADMIN_INGRESS])).out;
    expect(text).toContain("Grants: no changes");
    expect(text).toContain("Reachability: no changes");
  });

  it("SOURCE may be the bundled demo cluster", async () => {
    const { code, json: out } = await json(["diff", "--before", "demo", "--after", "demo"]);
    expect(code).toBe(0);
    expect(out.score.before).toBeGreaterThan(0);
    expect(out.score.after).toBe(out.score.before);
    expect(out).toMatchObject({ grants: { added: [], removed: [] }, reachability: [] });
  });
});

describe("clearance diff --format markdown", () => {
  it("says in four lines what changes, with each section folded below", async () => {
    const r = await run(["diff", "--before", BASE, "--after", ADMIN_INGRESS, "--format", "markdown"]);
    expect(r.code).toBe(0);
    const [title, blank, ...rest] = r.out.split("\n");
    expect(title).toBe("### Clearance diff ⚠️");
    expect(blank).toBe("");
    expect(rest.slice(0, 4).map((l) => l.split(" ")[1])).toEqual(["**Score**", "**Findings**", "**Grants**", "**Reachability**"]);
    expect(r.out).toMatch(/<details><summary>Grants: 1 subject gained, 0 subjects lost<\/summary>\n\n````?diff\n\+ /);
    expect(r.out).toMatch(/<details><summary>Reachability: \d+ changes?<\/summary>/);
  });

  it("a change that changes nothing is a green line per section", async () => {
    const r = await run(["diff", "--before", BASE, "--after", BASE, "-f", "markdown"]);
    expect(r.out).toMatch(/^### Clearance diff ✅\n\n- \*\*Score\*\* \d+ → \d+ \(no change\)\n- \*\*Findings\*\* 0 added, 0 removed, \d+ unchanged\n- \*\*Grants\*\* no changes\n- \*\*Reachability\*\* no changes$/);
  });

  it("keeps --fail-on-new-reachability's exit code, and refuses --format with a different --output", async () => {
    expect((await run(["diff", "--before", BASE, "--after", NO_DENY, "--format", "markdown", "--fail-on-new-reachability"])).code).toBe(1);
    const both = await run(["diff", "--before", BASE, "--after", BASE, "--format", "markdown", "--output", "json"]);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/--format or --output/);
  });
});
