/**
 * Granting paths gathered match by match: one path per grant, in the order the grants first come,
 * with the union of their rule indices in ascending order — the union of a list of paths, made
 * without a path object per match or a set per grant (the catalogue matches tens of thousands of
 * probes on a large cluster). A grant met once keeps the rule list it came with.
 */
import type { Grant, GrantPath } from "./rbac-index";

export class PathSet {
  private readonly grants: Grant[] = [];
  private readonly rules: (readonly number[])[] = [];

  add(grant: Grant, rules: readonly number[]): void {
    const i = this.grants.indexOf(grant);
    if (i < 0) {
      this.grants.push(grant);
      this.rules.push(rules);
    } else if (this.rules[i] !== rules) this.rules[i] = union(this.rules[i], rules);
  }

  addAll(paths: readonly GrantPath[]): void {
    for (const p of paths) this.add(p.grant, p.rules);
  }

  paths(): GrantPath[] {
    return this.grants.map((grant, i) => ({ grant, rules: this.rules[i] as number[] }));
  }
}

function union(a: readonly number[], b: readonly number[]): number[] {
  const out = [...a];
  for (const x of b) if (!out.includes(x)) out.push(x);
  return out.sort((x, y) => x - y);
}
