/**
 * Test support: another process writing to the same store (a second replica, or a CLI scan beside
 * the dashboard). Records COUNT scans of SOURCE and accepts one risk, through the store opened from
 * its environment (CLEARANCE_DATA_DIR or CLEARANCE_DATABASE_URL); prints "ok" when done.
 *
 *   node --import tsx testing/store-writer.ts SOURCE COUNT
 */
import { scoreFindings } from "../lib/findings/score";
import { finding, rule } from "../lib/findings/testing";
import { openStore } from "../server/store";

const [source = "shared", count = "10"] = process.argv.slice(2);
const store = await openStore(process.env);
if (!store.state.enabled) throw new Error(store.state.reason);
const findings = [finding("A", `x-${process.pid}`), finding("B", "y")];
const score = scoreFindings(findings, { A: 5, B: 5 }, [rule("A"), rule("B")]);
for (let i = 0; i < Number(count); i++) {
  const r = await store.history.record(source, { takenAt: new Date().toISOString(), score, findings });
  if (!r.recorded) throw new Error(r.reason);
}
await store.risks.accept({ rule: "A", by: `writer-${process.pid}`, reason: "cross-process test", expires: "2099-01-01" });
await store.close();
process.stdout.write("ok\n");
