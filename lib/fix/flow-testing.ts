/**
 * Test support for the flow fixer's property tests: every alternative, applied (as its draft, or
 * its patches on a copy), admits the flow, and its blast radius equals the reference evaluator's
 * (evaluate.ts, pod pair by pod pair) before/after difference lifted to workloads, as the
 * connection list does. Address blocks opened (CNI policies can open them) are checked at their first
 * address.
 */
import { expect } from "vitest";
import type { ClusterSnapshot, Pod, Protocol } from "../model";
import { workloadName } from "../netpol/connlist";
import { ConnSet, NONE, parseConnSet } from "../netpol/connset";
import { allowedConnections } from "../netpol/evaluate";
import { buildNetworkModel, type EngineOptions } from "../netpol/model";
import { ipEndpoint, podEndpoint } from "../netpol/peers";
import { applyDraft } from "../whatif/apply";
import { parseDraft } from "../whatif/draft";
import { snapshotWith, type FlowFix, type FlowFixAlternative } from "./flow";

/** Workload-level connections by the reference evaluator: the union over each pair of workloads' pods. */
function workloadConnections(s: ClusterSnapshot, engine: Partial<EngineOptions>): Map<string, ConnSet> {
  const model = buildNetworkModel(s, engine);
  const out = new Map<string, ConnSet>();
  for (const a of model.pods)
    for (const b of model.pods) {
      const [x, y] = [workloadName(a), workloadName(b)];
      if (x === y) continue;
      const key = `${x} => ${y}`;
      out.set(key, (out.get(key) ?? NONE).union(allowedConnections(model, podEndpoint(a), podEndpoint(b))));
    }
  return out;
}

function difference(before: Map<string, ConnSet>, after: Map<string, ConnSet>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of after) {
    const d = v.subtract(before.get(k) ?? NONE);
    if (!d.isEmpty) out.set(k, d.toString());
  }
  return out;
}

const asMap = (list: FlowFixAlternative["opened"]) => new Map(list.filter((c) => !c.src.endsWith("[External]") && !c.dst.endsWith("[External]")).map((c) => [`${c.src} => ${c.dst}`, parseConnSet(c.conn).toString()]));

/** The snapshot an alternative describes: its draft applied, or the copy its patches were applied to. */
export const snapshotOfAlternative = (s: ClusterSnapshot, alt: FlowFixAlternative): ClusterSnapshot => (alt.draft ? applyDraft(s, parseDraft(alt.yaml)).snapshot : snapshotWith(alt)!);

/** Each alternative of `fix` (for a → b on the port) admits the flow, and its blast radius is exactly the evaluator's difference. */
export function checkAlternatives(s: ClusterSnapshot, engine: Partial<EngineOptions>, fix: FlowFix, a: Pod, b: Pod, port: number, protocol: Protocol): void {
  const before = workloadConnections(s, engine);
  expect(fix.alternatives.length, JSON.stringify(fix.notes)).toBeGreaterThan(0);
  for (const alt of fix.alternatives) {
    const after = snapshotOfAlternative(s, alt);
    const model = buildNetworkModel(after, engine);
    const [a2, b2] = [model.pods.find((p) => p.name === a.name && p.namespace === a.namespace)!, model.pods.find((p) => p.name === b.name && p.namespace === b.namespace)!];
    expect(alt.admits, alt.title).toBe(true);
    expect(allowedConnections(model, podEndpoint(a2), podEndpoint(b2)).has(protocol, port)).toBe(true);
    const now = workloadConnections(after, engine);
    const opened = difference(before, now);
    const self = `${workloadName(a)} => ${workloadName(b)}`;
    const rest = opened.has(self) ? parseConnSet(opened.get(self)!).subtract(ConnSet.port(protocol, port)) : NONE;
    if (rest.isEmpty) opened.delete(self);
    else opened.set(self, rest.toString());
    expect(asMap(alt.opened)).toEqual(opened);
    // an address block the change opens (CNI policies can): its first address was refused, and is now allowed
    for (const c of alt.opened.filter((x) => x.src.endsWith("[External]") || x.dst.endsWith("[External]"))) {
      const end = (text: string, m: typeof model) => (text.endsWith("[External]") ? ipEndpoint(text.slice(0, text.indexOf("-"))) : podEndpoint(m.pods.find((p) => workloadName(p) === text)!));
      const modelBefore = buildNetworkModel(s, engine);
      const was = allowedConnections(modelBefore, end(c.src, modelBefore), end(c.dst, modelBefore));
      const is = allowedConnections(model, end(c.src, model), end(c.dst, model));
      expect(is.subtract(was).toString(), `${c.src} => ${c.dst}`).toBe(parseConnSet(c.conn).toString());
    }
    expect(asMap(alt.closed)).toEqual(difference(now, before));
  }
}
