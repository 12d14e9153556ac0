/** The newest modification time among the files a dashboard build depends on (for reuse checks). */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

const INPUTS = ["app", "components", "lib", "server", "public", "proxy.ts", "instrumentation.ts", "next.config.js", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];

export function newestSource(root) {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) for (const e of readdirSync(p)) visit(path.join(p, e));
    else if (!p.endsWith(".test.ts")) newest = Math.max(newest, st.mtimeMs);
  };
  for (const i of INPUTS) visit(path.join(root, i));
  return newest;
}
