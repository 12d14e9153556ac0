/**
 * The layers are a lint rule, not a sentence (ARCHITECTURE.md): this runs the project's ESLint
 * configuration on code that breaks each boundary, placed where the rule applies, and on code that
 * keeps it.
 */
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: new URL("..", import.meta.url).pathname });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe("import boundaries (eslint.config.mjs)", () => {
  it.each([
    ["lib/ imports server/", "lib/rbac/fixture.ts", `import { getSnapshot } from "../../server/cache";\nexport const x = getSnapshot;\n`],
    ["lib/ imports server/ by alias", "lib/rbac/fixture.ts", `import { route } from "@/server/api";\nexport const x = route;\n`],
    ["lib/ does file I/O", "lib/netpol/fixture.ts", `import { readFileSync } from "node:fs";\nexport const x = readFileSync;\n`],
    ["lib/ spawns processes", "lib/netpol/fixture.ts", `import { spawnSync } from "child_process";\nexport const x = spawnSync;\n`],
    ["lib/ imports React", "lib/findings/fixture.ts", `import { useState } from "react";\nexport const x = useState;\n`],
    ["lib/ imports Next.js", "lib/findings/fixture.ts", `import { NextResponse } from "next/server";\nexport const x = NextResponse;\n`],
    ["lib/ imports the Kubernetes client", "lib/model/fixture.ts", `import { KubeConfig } from "@kubernetes/client-node";\nexport const x = KubeConfig;\n`],
    ["components/ imports server/", "components/rbac/fixture.tsx", `import { scanFor } from "@/server/analysis";\nexport const x = scanFor;\n`],
    ["components/ imports server/ by path", "components/rbac/fixture.tsx", `import { scanFor } from "../../server/analysis";\nexport const x = scanFor;\n`],
    ["components/ bundle the RBAC engine", "components/rbac/fixture.tsx", `import { whoCan } from "@/lib/rbac/who-can";\nexport const x = whoCan;\n`],
    ["components/ bundle the network engine", "components/network/fixture.tsx", `import { buildReachability } from "@/lib/netpol/reachability";\nexport const x = buildReachability;\n`],
    ["server/ outside Next marks itself server-only", "server/sources/fixture.ts", `import "server-only";\nexport const x = 1;\n`],
    ["components/ bundle the score (and with it the compliance report)", "components/drafts/fixture.tsx", `import { grade } from "@/lib/findings/score";\nexport const x = grade;\n`],
    ["components/ bundle the fleet's row builder (and with it the model)", "components/fleet/fixture.tsx", `import { sortRows } from "@/lib/fleet/fleet";\nexport const x = sortRows;\n`],
    ["a route holds a loop", "app/api/c/[source]/fixture/route.ts", `import { route } from "@/server/api";\nexport const GET = route({}, async () => { const out = []; for (const x of [1, 2]) out.push(x); return out; });\n`],
    ["a route declares a helper", "app/api/c/[source]/fixture/route.ts", `import { route } from "@/server/api";\nfunction shape(x: number) { return x + 1; }\nexport const GET = route({}, () => shape(1));\n`],
    ["a route reshapes lists", "app/api/c/[source]/fixture/route.ts", `import { route } from "@/server/api";\nexport const GET = route({}, () => [1, 2].map((x) => x * 2));\n`],
  ])("fails when %s", async (_what, filePath, code) => {
    const messages = await ruleIds(filePath, code);
    expect(messages.some((m) => /^(@typescript-eslint\/)?no-restricted-(imports|syntax): /.test(m)), messages.join("\n")).toBe(true);
  });

  it.each([
    ["lib/ imports lib/ and zod", "lib/rbac/fixture.ts", `import { z } from "zod";\nimport { ruleAllows } from "./rule-allows";\nexport const x = [z, ruleAllows];\n`],
    ["a lib test reads a file", "lib/rbac/fixture.test.ts", `import { readFileSync } from "node:fs";\nexport const x = readFileSync;\n`],
    ["components/ import lib types", "components/rbac/fixture.tsx", `import type { Finding } from "@/lib/findings/types";\nexport type X = Finding;\n`],
    ["components/ import engine types and browser modules", "components/rbac/fixture.tsx", `import type { WhoCanResult } from "@/lib/rbac/who-can";\nimport { filterAnswer } from "@/lib/rbac/explorer-answer";\nexport type X = WhoCanResult;\nexport const y = filterAnswer;\n`],
    ["a route calls one lib function", "app/api/c/[source]/fixture/route.ts", `import { snapshotSummary } from "@/lib/model";\nimport { route } from "@/server/api";\nexport const GET = route({}, async ({ snapshot }) => snapshotSummary(await snapshot()));\n`],
    ["a Next-only server module is server-only", "server/auth/fixture.ts", `import "server-only";\nexport const x = 1;\n`],
    ["components/ import the browser's grade and fleet rows", "components/fleet/fixture.tsx", `import { grade } from "@/lib/findings/grade";\nimport { sortRows } from "@/lib/fleet/rows";\nexport const x = [grade, sortRows];\n`],
  ])("passes when %s", async (_what, filePath, code) => {
    expect(await ruleIds(filePath, code)).toEqual([]);
  });
});
