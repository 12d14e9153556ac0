import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Finding } from "../../lib/findings/types";
import { bufferIO } from "../io";
import { main } from "../main";

const FIXTURES = path.join(__dirname, "../../lib/posture/fixtures");
const BAD = path.join(FIXTURES, "bad");
const HARDENED = path.join(FIXTURES, "hardened");
const tmp = mkdtempSync(path.join(tmpdir(), "clearance-diff-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[]) {
  const io = bufferIO({});
  const code = await main(args, io);
  return { code, out: io.stdout.join("\n"), err: io.stderr.join("\n") };
}

/** The bad agent with `privileged: true` removed: a pull request that fixes one thing. */
function fixedAgent(): string {
  const dir = path.join(tmp, "fixed");
  mkdirSync(dir, { recursive: true });
  const text = readFileSync(path.join(BAD, "agent.yaml"), "utf8").replace("privileged: true", "privileged: false");
  writeFileSync(path.join(dir, "agent.yaml"), text);
  return dir;
}

describe("clearance diff", () => {
  it("--output json: findings added and removed by id, in sections", async () => {
    const r = await run(["diff", "--before", BAD, "--after", fixedAgent(), "--output", "json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { findings: { added: Finding[]; removed: Finding[] }; score: { before: number; after: number } };
    expect(Object.keys(json)).toEqual(["findings", "score"]);
    expect(json.findings.added).toEqual([]);
    expect(json.findings.removed.map((f) => f.rule)).toEqual(["PSS-privileged"]);
    expect(json.score.after).toBeGreaterThan(json.score.before);
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
  });
});
