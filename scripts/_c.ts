import { scanSnapshot } from "../lib/findings/scan";
import { loadDemo } from "../server/sources/demo";
const s = await loadDemo();
const r = scanSnapshot(s, {});
for (const fw of ["CIS", "NSA", "PSS"] as const) {
  const f = r.compliance[fw];
  console.log(fw, f.score);
  for (const c of f.controls) console.log("  ", c.id.padEnd(30), c.score === null ? "–" : c.score, `${c.failed}/${c.checked}`, c.cost, c.notChecked ? "(not checked)" : "", c.failing.slice(0, 4).map((x) => `${x.resource.kind} ${x.resource.namespace ?? ""}/${x.resource.name}`).join("; "));
}
